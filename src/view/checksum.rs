//! `ViewContentSha256`: our definition is the lowercase hex SHA-256 of the template
//! string exactly as it is sent. The service treats its own checksum as opaque.

use sha2::{Digest, Sha256};

pub fn content_sha256(template: &str) -> String {
    let digest = Sha256::digest(template.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_digest() {
        assert_eq!(
            super::content_sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
