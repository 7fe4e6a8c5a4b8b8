//! Caching headers of GraphQL answers over HTTP.
//!
//! An anonymous read sent with GET is the same for everyone who asks it: it is answered with
//! an ETag (a hash of the exact bytes) and `Cache-Control: public, max-age=N`, so a browser or
//! a shared proxy serves repeats for N seconds and then revalidates, getting 304 without a body
//! while nothing changed. A signed-in caller's GET is `private, no-cache`: never shared, always
//! revalidated. POST and the WebSocket are not cached by HTTP, and get neither header.
//! `Vary` names what else makes answers differ: the credential and the response type.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// How an answer may be kept.
#[derive(Debug, Clone, Copy)]
pub enum Caching<'a> {
    /// No caching headers (POST).
    None,
    /// Only the caller's own browser may keep it, revalidating every time.
    Private,
    /// Anyone may keep it for `max_age` seconds; `if_none_match` is what the client holds.
    Public {
        /// Seconds it may be served again without asking.
        max_age: u32,
        /// The request's `If-None-Match`.
        if_none_match: Option<&'a HeaderValue>,
    },
}

impl<'a> Caching<'a> {
    /// An answer with errors is never shared: a failure (a time-out, a bug) must not be served
    /// to others for the next seconds.
    pub fn with_errors(self, has_errors: bool) -> Self {
        match self {
            Caching::Public { .. } if has_errors => Caching::Private,
            other => other,
        }
    }

    /// What validates an answer under this caching; `data` gives the bytes its ETag is of,
    /// and is called only for a public answer.
    pub fn validator<E>(self, data: impl FnOnce() -> Result<Vec<u8>, E>) -> Validator<'a> {
        let etag = match self {
            Caching::Public { .. } => data().ok().map(|bytes| etag(&bytes)),
            Caching::None | Caching::Private => None,
        };
        // Without an ETag nobody can revalidate, so nobody may keep it.
        let caching = match (self, &etag) {
            (Caching::Public { .. }, None) => Caching::Private,
            _ => self,
        };
        Validator { caching, etag }
    }
}

/// A body's ETag with the caching it goes with.
pub struct Validator<'a> {
    caching: Caching<'a>,
    etag: Option<HeaderValue>,
}

impl Validator<'_> {
    /// 304 Not Modified when the client already holds this body.
    pub fn not_modified(&self) -> Option<Response> {
        let (Caching::Public { if_none_match, .. }, Some(etag)) = (self.caching, &self.etag) else {
            return None;
        };
        let held = if_none_match?.to_str().ok()?;
        let matches = held.split(',').any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.trim_start_matches("W/") == etag.to_str().unwrap_or_default()
        });
        matches.then(|| {
            let mut response = StatusCode::NOT_MODIFIED.into_response();
            self.mark(response.headers_mut());
            response
        })
    }

    /// Adds the caching headers to an answer's.
    pub fn mark(&self, headers: &mut HeaderMap) {
        let cache_control = match self.caching {
            Caching::None => return,
            Caching::Private => HeaderValue::from_static("private, no-cache"),
            Caching::Public { max_age, .. } => {
                HeaderValue::from_str(&format!("public, max-age={max_age}"))
                    .unwrap_or(HeaderValue::from_static("no-cache"))
            }
        };
        headers.insert(header::CACHE_CONTROL, cache_control);
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Authorization, Accept"),
        );
        if let Some(etag) = &self.etag {
            headers.insert(header::ETAG, etag.clone());
        }
    }
}

/// A strong ETag: the first 16 bytes of the body's SHA-256, in hex and quotes.
fn etag(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{hex}\"")).unwrap_or(HeaderValue::from_static("\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(bytes: &[u8]) -> impl FnOnce() -> Result<Vec<u8>, ()> + '_ {
        move || Ok(bytes.to_vec())
    }

    fn public(if_none_match: Option<&HeaderValue>) -> Caching<'_> {
        Caching::Public {
            max_age: 10,
            if_none_match,
        }
    }

    #[test]
    fn a_public_answer_carries_its_etag_and_max_age() {
        let validator = public(None).validator(body(b"{}"));
        let mut headers = HeaderMap::new();
        validator.mark(&mut headers);
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=10");
        assert_eq!(headers[header::ETAG].len(), 34);
        assert!(validator.not_modified().is_none());
    }

    #[test]
    fn the_same_body_is_not_sent_again_to_a_client_holding_it() {
        let tag = etag(b"{\"data\":1}");
        let held = HeaderValue::from_str(&format!(
            "\"other\", W/{}",
            tag.to_str().unwrap_or_default()
        ))
        .unwrap_or(HeaderValue::from_static(""));
        let response = public(Some(&held))
            .validator(body(b"{\"data\":1}"))
            .not_modified()
            .expect("304");
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(response.headers()[header::ETAG], tag);
        let changed = public(Some(&held)).validator(body(b"{\"data\":2}"));
        assert!(changed.not_modified().is_none());
    }

    #[test]
    fn an_answer_with_errors_or_a_callers_own_is_never_shared() {
        let mut headers = HeaderMap::new();
        public(None)
            .with_errors(true)
            .validator(body(b"{}"))
            .mark(&mut headers);
        assert_eq!(headers[header::CACHE_CONTROL], "private, no-cache");
        assert!(!headers.contains_key(header::ETAG));
        let mut post = HeaderMap::new();
        Caching::None.validator(body(b"{}")).mark(&mut post);
        assert!(post.is_empty());
    }
}
