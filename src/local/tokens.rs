//! Pagination tokens as the service's are to a client: opaque, and good only for the request
//! that issued them. A token seals its position (the last name or version shown, the offset
//! of a search) with a key of this endpoint, and is bound to the operation, the instance and
//! the criteria of the request: used with any other it is `InvalidParameterException`, and
//! one altered or made up is refused the same way.

use sha2::{Digest, Sha256};

use super::auth::hex;
use super::wire::{ApiError, ApiResult};

/// The endpoint's sealing key, made when it starts: its tokens do not outlive it.
pub(crate) struct Tokens {
    key: [u8; 32],
}

const NONCE: usize = 8;
const MAC: usize = 16;

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

impl Tokens {
    pub(crate) fn new() -> Tokens {
        let mut key = [0u8; 32];
        key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        Tokens { key }
    }

    /// XORs `data` with a keystream of this key and nonce.
    fn stream(&self, nonce: &[u8], data: &mut [u8]) {
        for (i, chunk) in data.chunks_mut(32).enumerate() {
            let mut h = Sha256::new();
            h.update(self.key);
            h.update(nonce);
            h.update((i as u32).to_be_bytes());
            let block = h.finalize();
            for (b, k) in chunk.iter_mut().zip(block.iter()) {
                *b ^= k;
            }
        }
    }

    fn mac(&self, scope: &str, nonce: &[u8], sealed: &[u8]) -> [u8; 32] {
        let mut message = Vec::with_capacity(scope.len() + 1 + nonce.len() + sealed.len());
        message.extend_from_slice(scope.as_bytes());
        message.push(0);
        message.extend_from_slice(nonce);
        message.extend_from_slice(sealed);
        super::auth::hmac(&self.key, &message)
    }

    /// A token for `position`, good for requests of `scope` (operation, instance, criteria).
    pub(crate) fn issue(&self, scope: &str, position: &str) -> String {
        let id = uuid::Uuid::new_v4();
        let nonce = &id.as_bytes()[..NONCE];
        let mut sealed = position.as_bytes().to_vec();
        self.stream(nonce, &mut sealed);
        let mac = self.mac(scope, nonce, &sealed);
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        out.extend_from_slice(&mac[..MAC]);
        hex(&out)
    }

    /// The position a token holds, if this endpoint issued it for a request of `scope`.
    pub(crate) fn read(&self, token: &str, scope: &str, member: &str) -> ApiResult<String> {
        let refused = || {
            ApiError::invalid(format!(
                "{member} is not a token this endpoint issued for this request (the same \
                 operation, instance and criteria): start again without it"
            ))
        };
        let bytes = unhex(token).ok_or_else(refused)?;
        if bytes.len() < NONCE + MAC {
            return Err(refused());
        }
        let (nonce, rest) = bytes.split_at(NONCE);
        let (sealed, mac) = rest.split_at(rest.len() - MAC);
        let expected = self.mac(scope, nonce, sealed);
        let same = expected[..MAC]
            .iter()
            .zip(mac)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
        if !same {
            return Err(refused());
        }
        let mut position = sealed.to_vec();
        self.stream(nonce, &mut position);
        String::from_utf8(position).map_err(|_| refused())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_opaque_and_bound_to_their_scope() {
        let t = Tokens::new();
        let token = t.issue("ListViews\0i\0all", "CUSTOMER_MANAGED|Orders");
        assert!(
            !token.contains(&hex(b"Orders")),
            "the position does not show"
        );
        assert_eq!(
            t.read(&token, "ListViews\0i\0all", "nextToken").unwrap(),
            "CUSTOMER_MANAGED|Orders"
        );
        assert!(
            t.read(&token, "ListViews\0other\0all", "nextToken")
                .is_err()
        );
        assert!(
            t.read(&token, "ListViewVersions\0i\0all", "nextToken")
                .is_err()
        );
        let mut altered = token.clone().into_bytes();
        let last = altered.len() - 40;
        altered[last] = if altered[last] == b'0' { b'1' } else { b'0' };
        let altered = String::from_utf8(altered).unwrap();
        assert!(t.read(&altered, "ListViews\0i\0all", "nextToken").is_err());
        assert!(
            Tokens::new()
                .read(&token, "ListViews\0i\0all", "nextToken")
                .is_err()
        );
    }
}
