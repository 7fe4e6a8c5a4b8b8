//! The limits every GraphQL request is held to: settings (`config`) fill them in, the server's
//! state carries them, the guarded path (`guard`) applies them.

use std::time::Duration;

/// Levels of `[`, `{` and `(` the byte scan allows beyond the depth limit: an argument's
/// parentheses and the lists and input objects of its value (the deepest input in the schema
/// nests three) on top of the deepest selection the depth limit lets through.
pub const ARGUMENT_NESTING_ALLOWANCE: usize = 16;

/// The limits every GraphQL request is held to, over HTTP and WebSocket alike; a request over
/// one is refused with a code naming the limit.
#[derive(Debug, Clone)]
pub struct RequestLimits {
    /// Deepest field nesting (QUERY_TOO_DEEP); brackets may nest
    /// [`ARGUMENT_NESTING_ALLOWANCE`] deeper.
    pub max_depth: usize,
    /// Highest complexity; a connection costs its page size times its fields (QUERY_TOO_COMPLEX).
    pub max_complexity: usize,
    /// Most aliased fields in the document (TOO_MANY_ALIASES).
    pub max_aliases: usize,
    /// Most lexical tokens in the document (TOO_MANY_TOKENS).
    pub max_tokens: usize,
    /// Most directives in the document (TOO_MANY_DIRECTIVES).
    pub max_directives: usize,
    /// Most variables declared or sent (TOO_MANY_VARIABLES).
    pub max_variables: usize,
    /// Most errors sent in one response; the rest are summed up in one (TOO_MANY_ERRORS).
    pub max_errors: usize,
    /// Largest request body or WebSocket message in bytes (BODY_TOO_LARGE, HTTP 413).
    pub max_body_bytes: usize,
    /// Longest a query or mutation may execute (TIMEOUT, HTTP 503).
    pub timeout: Duration,
}
