//! SigV4 verification, as the SDK signs views requests: double URI encoding of the path,
//! the payload hashed (no x-amz-content-sha256 header), service `connect`. Required when
//! the endpoint is given credentials (and `serve` requires credentials off loopback).
//!
//! The signature always covers the body the endpoint received: the payload hash is the
//! hash of those bytes, never the client's word for it. A client that states one in
//! `x-amz-content-sha256` is held to it, and `UNSIGNED-PAYLOAD` is refused, so a captured
//! request cannot be replayed with another body. What the headers alone can tell (the key,
//! the scope, the date, and the signature when the client states the payload hash) is
//! checked before the body is read.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

/// The access key the endpoint accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
}

/// How far a request's x-amz-date may be from the server's clock.
pub const MAX_SKEW: Duration = Duration::from_secs(15 * 60);

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// Percent-encodes everything but the unreserved characters (and `/` when `keep_slash`).
fn encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The signature of a request, given its parts. Shared by the verifier and the tests.
#[allow(clippy::too_many_arguments)]
pub fn signature(
    secret: &str,
    method: &str,
    raw_path: &str,
    raw_query: Option<&str>,
    headers: &[(String, String)],
    signed_headers: &str,
    payload_hash: &str,
    amz_date: &str,
    scope: &str,
) -> String {
    let canonical_uri = encode(if raw_path.is_empty() { "/" } else { raw_path }, true);
    let mut query: Vec<(String, String)> = raw_query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (encode(&decode(k), false), encode(&decode(v), false))
        })
        .collect();
    query.sort();
    let canonical_query = query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut canonical_headers = String::new();
    for name in signed_headers.split(';') {
        let values: Vec<String> = headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let canonical_request = format!(
        "{method}\n{canonical_uri}\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}"
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let mut key = hmac(
        format!("AWS4{secret}").as_bytes(),
        scope.split('/').next().unwrap_or("").as_bytes(),
    );
    for part in scope.split('/').skip(1) {
        key = hmac(&key, part.as_bytes());
    }
    hex(&hmac(&key, string_to_sign.as_bytes()))
}

/// Seconds since the epoch of an `x-amz-date` (`20260101T000000Z`).
fn parse_amz_date(s: &str) -> Option<u64> {
    if s.len() != 16 || !s.ends_with('Z') || s.as_bytes()[8] != b'T' {
        return None;
    }
    let n = |a: usize, b: usize| s.get(a..b)?.parse::<i64>().ok();
    let (y, m, d) = (n(0, 4)?, n(4, 6)?, n(6, 8)?);
    let (hh, mm, ss) = (n(9, 11)?, n(11, 13)?, n(13, 15)?);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + hh * 3600 + mm * 60 + ss).ok()
}

/// The lowercase hex SHA-256 of a body: the payload hash SigV4 signs.
pub fn payload_hash(body: &[u8]) -> String {
    hex(&Sha256::digest(body))
}

/// The parts of a request a signature covers, besides its body.
#[derive(Debug, Clone, Copy)]
pub struct Signed<'r> {
    pub method: &'r str,
    pub raw_path: &'r str,
    pub raw_query: Option<&'r str>,
    pub headers: &'r HeaderMap,
}

/// What a request's headers claim about its signature, checked as far as the headers alone
/// allow (see [`Claim::check_headers`]).
#[derive(Debug, Clone)]
pub struct Claim {
    scope: String,
    signed_headers: String,
    signature: String,
    amz_date: String,
    /// The payload hash the client stated in `x-amz-content-sha256`, if any.
    pub stated_payload: Option<String>,
}

/// The access key id and region a request's SigV4 credential scope names, if it is signed:
/// what the request log keeps.
pub fn signer(headers: &HeaderMap) -> Option<(&str, &str)> {
    let (credential, _, _) = authorization_parts(header(headers, "authorization")?).ok()?;
    let mut parts = credential.split('/');
    let key_id = parts.next()?;
    let region = parts.nth(1)?;
    Some((key_id, region))
}

fn authorization_parts(auth: &str) -> Result<(&str, &str, &str), String> {
    let rest = auth
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .ok_or("the Authorization header is not AWS4-HMAC-SHA256")?;
    let (mut credential, mut signed, mut sig) = (None, None, None);
    for part in rest.split(',').map(str::trim) {
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = Some(v);
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed = Some(v);
        } else if let Some(v) = part.strip_prefix("Signature=") {
            sig = Some(v);
        }
    }
    match (credential, signed, sig) {
        (Some(c), Some(h), Some(s)) => Ok((c, h, s)),
        _ => Err("the Authorization header lacks Credential, SignedHeaders or Signature".into()),
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

impl Claim {
    /// Checks everything the headers tell without the body: signed at all, the access key,
    /// the scope, the date and its skew, `host` signed, and a stated payload hash that is a
    /// hash (`UNSIGNED-PAYLOAD` and streaming payloads are refused).
    pub fn check_headers(
        creds: &Credentials,
        headers: &HeaderMap,
        now: SystemTime,
    ) -> Result<Claim, String> {
        let auth = header(headers, "authorization")
            .ok_or("the request is not signed: sign it with SigV4 (any AWS SDK or CLI does)")?;
        let (credential, signed_headers, signature) = authorization_parts(auth)?;
        let (key_id, scope) = credential
            .split_once('/')
            .ok_or("the Credential has no scope")?;
        if key_id != creds.access_key_id {
            return Err(format!(
                "the access key {key_id} is not known to this endpoint"
            ));
        }
        if scope.split('/').nth(2) != Some("connect") || !scope.ends_with("/aws4_request") {
            return Err(format!(
                "the credential scope {scope} is not for the connect service"
            ));
        }
        let amz_date =
            header(headers, "x-amz-date").ok_or("the request has no x-amz-date header")?;
        let when = parse_amz_date(amz_date)
            .ok_or_else(|| format!("x-amz-date {amz_date} is not a SigV4 date"))?;
        if !scope.starts_with(&amz_date[..8]) {
            return Err("the credential scope's date does not match x-amz-date".into());
        }
        let now = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        if now.abs_diff(when) > MAX_SKEW.as_secs() {
            return Err(format!(
                "the request is stale: x-amz-date {amz_date} is more than 15 minutes from the endpoint's clock"
            ));
        }
        if !signed_headers.split(';').any(|h| h == "host") {
            return Err("the signature must cover the host header".into());
        }
        let stated_payload = match header(headers, "x-amz-content-sha256") {
            None => None,
            Some(v) if is_sha256_hex(v) => Some(v.to_ascii_lowercase()),
            Some(v) => {
                return Err(format!(
                    "x-amz-content-sha256 is \"{v}\": this endpoint signs the body it receives, \
                     so the payload must be signed (its SHA-256, or leave the header out)"
                ));
            }
        };
        Ok(Claim {
            scope: scope.to_string(),
            signed_headers: signed_headers.to_string(),
            signature: signature.to_string(),
            amz_date: amz_date.to_string(),
            stated_payload,
        })
    }

    /// Checks the signature with a payload hash: the stated one before the body is read,
    /// the body's own after.
    pub fn check_signature(
        &self,
        creds: &Credentials,
        req: Signed<'_>,
        payload_hash: &str,
    ) -> Result<(), String> {
        let pairs: Vec<(String, String)> = req
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let expected = signature(
            &creds.secret_access_key,
            req.method,
            req.raw_path,
            req.raw_query,
            &pairs,
            &self.signed_headers,
            payload_hash,
            &self.amz_date,
            &self.scope,
        );
        // Constant time, so timing tells nothing about the right signature.
        let same = expected.len() == self.signature.len()
            && expected
                .bytes()
                .zip(self.signature.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        if same {
            Ok(())
        } else {
            Err("the signature does not match: check the secret access key".into())
        }
    }

    /// Checks the body against the claim: its hash is the one stated (if any), and the
    /// signature holds with it.
    pub fn check_body(
        &self,
        creds: &Credentials,
        req: Signed<'_>,
        body: &[u8],
    ) -> Result<(), String> {
        let actual = payload_hash(body);
        if let Some(stated) = &self.stated_payload
            && *stated != actual
        {
            return Err(
                "the body does not match x-amz-content-sha256: the request was changed after \
                 it was signed"
                    .into(),
            );
        }
        self.check_signature(creds, req, &actual)
    }
}

fn is_sha256_hex(v: &str) -> bool {
    v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc4231() {
        // RFC 4231 test case 2.
        assert_eq!(
            hex(&hmac(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn amz_dates() {
        assert_eq!(parse_amz_date("19700101T000000Z"), Some(0));
        assert_eq!(parse_amz_date("20260101T000000Z"), Some(1_767_225_600));
        assert_eq!(parse_amz_date("2026-01-01"), None);
    }
}
