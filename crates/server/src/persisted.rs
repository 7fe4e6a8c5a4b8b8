//! Apollo's automatic persisted queries: a client sends the SHA-256 of a document instead of
//! its text (`extensions.persistedQuery.sha256Hash`, version 1); a server that holds the text
//! runs it, and one that does not answers PERSISTED_QUERY_NOT_FOUND, after which the client
//! sends the text with the hash once and the server keeps it. Stock Apollo Client and urql
//! clients speak it, and it lets an anonymous read go over GET with a short URL that a browser
//! or a proxy can cache.
//!
//! The guard (`guard::admit`) resolves the hash before any other check, so a document sent by hash is held to
//! every bound a document sent as text is, over HTTP and the WebSocket alike; a text is kept
//! only once it passed them and parsed.

use crate::refusal::Refusal;
use async_graphql::Value as GqlValue;
use axum::http::StatusCode;
use klastry_graphql::error::codes;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Most documents kept; past it the store starts again empty, so a client sending endless
/// distinct documents costs memory once, not without bound.
const MAX_DOCUMENTS: usize = 1024;
/// Longest text kept, in bytes (the longest the web app sends is a few KiB).
const MAX_QUERY_BYTES: usize = 16 * 1024;

/// A document's SHA-256, as 32 bytes.
pub type Hash = [u8; 32];

/// The texts of persisted queries by their hash.
#[derive(Default)]
pub struct PersistedQueries {
    texts: Mutex<HashMap<Hash, Arc<str>>>,
}

impl PersistedQueries {
    fn get(&self, hash: &Hash) -> Option<Arc<str>> {
        self.lock().get(hash).cloned()
    }

    /// Keeps `text` under `hash` (which the guard checked is its SHA-256).
    pub fn keep(&self, hash: Hash, text: &str) {
        if text.len() > MAX_QUERY_BYTES {
            return;
        }
        let mut texts = self.lock();
        if texts.contains_key(&hash) {
            return;
        }
        if texts.len() >= MAX_DOCUMENTS {
            texts.clear();
        }
        texts.insert(hash, text.into());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Hash, Arc<str>>> {
        // A panic while holding the lock leaves nothing half-written worth refusing.
        self.texts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Fills in the text of a request sent by hash. Returns the hash to keep the text under once
/// the request is admitted: Some when the request sent both the text and its hash.
pub fn resolve(
    store: &PersistedQueries,
    request: &mut async_graphql::Request,
) -> Result<Option<Hash>, Refusal> {
    let Some(extension) = request.extensions.get("persistedQuery") else {
        return Ok(None);
    };
    let hash = parse_extension(extension)?;
    if request.query.is_empty() {
        let text = store.get(&hash).ok_or_else(|| {
            // Apollo's and urql's clients recognise the miss by this message or by the code,
            // and by a 200: some versions stop using persisted queries after a 400.
            Refusal::new(
                StatusCode::OK,
                codes::PERSISTED_QUERY_NOT_FOUND,
                "PersistedQueryNotFound",
            )
        })?;
        request.query = text.to_string();
        return Ok(None);
    }
    if sha256(&request.query) != hash {
        return Err(invalid(
            "`extensions.persistedQuery.sha256Hash` is not the SHA-256 of the query sent",
        ));
    }
    Ok(Some(hash))
}

/// The hash named by `{"version": 1, "sha256Hash": "<64 hex digits>"}`.
fn parse_extension(extension: &GqlValue) -> Result<Hash, Refusal> {
    let GqlValue::Object(fields) = extension else {
        return Err(invalid("`extensions.persistedQuery` must be an object"));
    };
    let version_one =
        matches!(fields.get("version"), Some(GqlValue::Number(n)) if n.as_u64() == Some(1));
    if !version_one {
        return Err(invalid("`extensions.persistedQuery.version` must be 1"));
    }
    match fields.get("sha256Hash") {
        Some(GqlValue::String(hex)) => parse_hex(hex).ok_or_else(|| {
            invalid("`extensions.persistedQuery.sha256Hash` must be 64 hexadecimal digits")
        }),
        _ => Err(invalid(
            "`extensions.persistedQuery.sha256Hash` must be a string of 64 hexadecimal digits",
        )),
    }
}

fn invalid(message: &str) -> Refusal {
    Refusal::bad_request(codes::PERSISTED_QUERY_INVALID, message)
}

fn parse_hex(hex: &str) -> Option<Hash> {
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut hash = [0u8; 32];
    for (byte, pair) in hash.iter_mut().zip(hex.as_bytes().chunks(2)) {
        let pair = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(hash)
}

/// The SHA-256 of a text.
pub fn sha256(text: &str) -> Hash {
    Sha256::digest(text.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_hash(hex: &str) -> async_graphql::Request {
        let mut request = async_graphql::Request::new("");
        request.extensions.insert(
            "persistedQuery".into(),
            GqlValue::from_json(serde_json::json!({ "version": 1, "sha256Hash": hex }))
                .expect("a value"),
        );
        request
    }

    fn hex(hash: &Hash) -> String {
        hash.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn the_hash_is_the_sha256_apollo_computes() {
        // Apollo's clients hash the printed document with SHA-256, in lower-case hex.
        assert_eq!(
            hex(&sha256("{ __typename }")),
            "7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b"
        );
    }

    #[test]
    fn a_hash_not_held_is_refused_as_not_found_then_served_once_kept() {
        let store = PersistedQueries::default();
        let text = "{ __typename }";
        let mut request = by_hash(&hex(&sha256(text)));
        let refusal = resolve(&store, &mut request).expect_err("not held yet");
        assert_eq!(refusal.code, codes::PERSISTED_QUERY_NOT_FOUND);
        assert_eq!(refusal.status, StatusCode::OK);

        let mut with_text = by_hash(&hex(&sha256(text)));
        with_text.query = text.into();
        let to_keep = resolve(&store, &mut with_text).expect("a text with its hash");
        store.keep(to_keep.expect("kept once admitted"), text);

        let mut again = by_hash(&hex(&sha256(text)));
        assert_eq!(resolve(&store, &mut again).expect("held"), None);
        assert_eq!(again.query, text);
    }

    #[test]
    fn a_text_that_does_not_match_its_hash_is_refused() {
        let store = PersistedQueries::default();
        let mut request = by_hash(&hex(&sha256("{ a: __typename }")));
        request.query = "{ b: __typename }".into();
        let refusal = resolve(&store, &mut request).expect_err("mismatch");
        assert_eq!(refusal.code, codes::PERSISTED_QUERY_INVALID);
    }

    #[test]
    fn malformed_extensions_are_refused_with_what_is_wrong() {
        let store = PersistedQueries::default();
        for hex in [
            "",
            "xyz",
            &"g".repeat(64),
            &"é".repeat(32),
            &"+f".repeat(32),
        ] {
            let refusal = resolve(&store, &mut by_hash(hex)).expect_err(hex);
            assert_eq!(refusal.code, codes::PERSISTED_QUERY_INVALID, "{hex}");
        }
        let mut version_two = by_hash(&"0".repeat(64));
        version_two.extensions.insert(
            "persistedQuery".into(),
            GqlValue::from_json(serde_json::json!({ "version": 2, "sha256Hash": "0".repeat(64) }))
                .expect("a value"),
        );
        let refusal = resolve(&store, &mut version_two).expect_err("version 2");
        assert!(refusal.message.contains("version"), "{}", refusal.message);
    }

    #[test]
    fn the_store_never_holds_more_than_its_limit_nor_long_texts() {
        let store = PersistedQueries::default();
        for n in 0..(MAX_DOCUMENTS * 2 + 3) {
            let text = format!("{{ a{n}: __typename }}");
            store.keep(sha256(&text), &text);
            assert!(store.lock().len() <= MAX_DOCUMENTS);
        }
        let long = " ".repeat(MAX_QUERY_BYTES + 1);
        let fresh = PersistedQueries::default();
        fresh.keep(sha256(&long), &long);
        assert!(fresh.lock().is_empty());
    }
}
