//! `ViewContentSha256`: our definition is the lowercase hex SHA-256 of the content as sent,
//! template and actions together: the compact JSON `{"Actions":[...],"Template":"..."}`, so
//! an actions-only change changes it too. The service treats its own checksum as opaque.

use sha2::{Digest, Sha256};

/// The lowercase hex SHA-256 of a text.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The checksum of a view's content: its template string (exactly as sent) and its actions.
pub fn content_sha256(template: &str, actions: &[String]) -> String {
    let content = format!(
        "{{\"Actions\":{},\"Template\":{}}}",
        serde_json::to_string(actions).expect("strings serialize"),
        serde_json::to_string(template).expect("strings serialize")
    );
    sha256_hex(&content)
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_digest() {
        assert_eq!(
            super::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            super::content_sha256("{}", &[]),
            super::sha256_hex(r#"{"Actions":[],"Template":"{}"}"#)
        );
    }

    #[test]
    fn actions_are_part_of_the_checksum() {
        let t = r#"{"Head":{"Title":"T"},"Body":[]}"#;
        assert_ne!(
            super::content_sha256(t, &["A".into()]),
            super::content_sha256(t, &["B".into()])
        );
    }
}
