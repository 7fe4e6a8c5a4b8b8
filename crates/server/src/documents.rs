//! Parsed GraphQL documents, kept by their text.
//!
//! Clients send the same few query texts over and over; parsing one (async-graphql's pest
//! grammar) was about a fifth of the server's work for a small query such as the directory
//! search (callgrind). A document is parsed once and its parse cloned for every later request.
//! Validation still runs on every request: it depends on the variables.

use async_graphql_parser::types::ExecutableDocument;
use std::collections::HashMap;
use std::sync::Mutex;

/// Most documents kept; past it the store starts again empty, so a client sending endless
/// distinct queries costs memory once, not without bound.
const MAX_DOCUMENTS: usize = 256;
/// Longest query text kept, in bytes.
const MAX_QUERY_BYTES: usize = 16 * 1024;

/// Parsed documents by query text.
#[derive(Default)]
pub struct Documents {
    parsed: Mutex<HashMap<String, ExecutableDocument>>,
}

impl Documents {
    /// The parse of `query`, from the store or parsed now; None when it does not parse (the
    /// request then reports the parse error as it would have).
    pub fn parse(&self, query: &str) -> Option<ExecutableDocument> {
        if let Some(document) = self.lock().get(query) {
            return Some(document.clone());
        }
        let document = async_graphql_parser::parse_query(query).ok()?;
        if query.len() <= MAX_QUERY_BYTES {
            let mut parsed = self.lock();
            if parsed.len() >= MAX_DOCUMENTS {
                parsed.clear();
            }
            parsed.insert(query.to_owned(), document.clone());
        }
        Some(document)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, ExecutableDocument>> {
        // A panic while holding the lock leaves nothing half-written worth refusing.
        self.parsed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_parsed_once_and_served_again_equal() {
        let documents = Documents::default();
        let first = documents.parse("{ clusters { totalCount } }");
        let second = documents.parse("{ clusters { totalCount } }");
        assert!(first.is_some());
        assert_eq!(format!("{first:?}"), format!("{second:?}"));
        assert_eq!(documents.lock().len(), 1);
    }

    #[test]
    fn a_document_that_does_not_parse_is_not_kept() {
        let documents = Documents::default();
        assert!(documents.parse("{ clusters { ").is_none());
        assert!(documents.lock().is_empty());
    }

    #[test]
    fn the_store_never_holds_more_than_its_limit() {
        let documents = Documents::default();
        for n in 0..(MAX_DOCUMENTS * 2 + 3) {
            documents.parse(&format!("{{ a{n}: __typename }}"));
            assert!(documents.lock().len() <= MAX_DOCUMENTS);
        }
    }

    #[test]
    fn long_documents_are_parsed_but_not_kept() {
        let documents = Documents::default();
        let long = format!("{{ __typename }}{}", " ".repeat(MAX_QUERY_BYTES));
        assert!(documents.parse(&long).is_some());
        assert!(documents.lock().is_empty());
    }
}
