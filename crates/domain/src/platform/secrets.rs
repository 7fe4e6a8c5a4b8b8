//! Random secrets (tokens, keys, passwords made for people) and the hashes they are stored as.

use crate::{DomainError, DomainResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// `N` bytes from the operating system's random source.
pub fn random_bytes<const N: usize>() -> DomainResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| DomainError::Data(format!("no randomness available: {e}")))?;
    Ok(bytes)
}

/// `N` random bytes as base64url text.
pub fn random_text<const N: usize>() -> DomainResult<String> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<N>()?))
}

/// A fresh random secret for signing tokens (48 bytes), base64url.
pub fn random_secret() -> DomainResult<String> {
    random_text::<48>()
}

/// The SHA-256 of a token, hex: what is stored in its place, so that a copy of the database
/// signs nobody in. Tokens are random and long, so a fast hash is enough.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stored_as_hashes() {
        let hash = hash_token("abc");
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, "abc");
    }

    #[test]
    fn random_texts_differ_and_have_their_length() {
        let a = random_text::<32>().expect("random");
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_text::<32>().expect("random"));
    }
}
