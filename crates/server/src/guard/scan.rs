//! A look at a query document's bytes before any parser sees them.
//!
//! async-graphql's parser (pest) recurses once per nested list, object or selection set, and a
//! document of about 3 KB nesting `[` 1,600 deep overflowed its stack: an abort that no panic
//! handler catches. So the guarded path first walks the text once as GraphQL's lexer would
//! (strings, block strings and comments skipped), counting how deep brackets of any kind nest,
//! how many tokens the document holds and how many directives it uses, and stops at the first
//! limit broken. It allocates nothing and reads each byte once.

/// What a document was refused for, with the limit it broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    /// Brackets (`{`, `[`, `(`) nest deeper than this.
    TooDeep(usize),
    /// More lexical tokens than this.
    TooManyTokens(usize),
    /// More directives (`@name`) than this.
    TooManyDirectives(usize),
    /// A NUL character, which no value of the API may hold (PostgreSQL cannot store it).
    NulCharacter,
}

/// The bounds a document is scanned against.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Deepest bracket nesting.
    pub max_nesting: usize,
    /// Most tokens.
    pub max_tokens: usize,
    /// Most directives.
    pub max_directives: usize,
}

/// Walks `text` once and says which bound it breaks first, if any. A document that does not
/// lex (an unterminated string, say) passes: the parser reports it, and it can nest no deeper
/// than what was counted.
pub fn scan(text: &str, bounds: Bounds) -> Result<(), Breach> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut tokens = 0usize;
    let mut directives = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            // Insignificant: white space, line ends, commas, the byte-order mark's bytes.
            b' ' | b'\t' | b'\n' | b'\r' | b',' => {
                i += 1;
                continue;
            }
            0 => return Err(Breach::NulCharacter),
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    if bytes[i] == 0 {
                        return Err(Breach::NulCharacter);
                    }
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i = skip_string(bytes, i)?;
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > bounds.max_nesting {
                    return Err(Breach::TooDeep(bounds.max_nesting));
                }
                i += 1;
            }
            b'}' | b']' | b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'@' => {
                directives += 1;
                if directives > bounds.max_directives {
                    return Err(Breach::TooManyDirectives(bounds.max_directives));
                }
                i += 1;
            }
            b'.' if bytes[i..].starts_with(b"...") => i += 3,
            _ if is_name_byte(byte) || byte == b'-' => {
                // A name or a number: one token however long.
                i += 1;
                while i < bytes.len() && (is_name_byte(bytes[i]) || bytes[i] == b'.') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
        tokens += 1;
        if tokens > bounds.max_tokens {
            return Err(Breach::TooManyTokens(bounds.max_tokens));
        }
    }
    Ok(())
}

/// Whether the escape after a backslash spells U+0000: `u0000`, or `u{0}` with any number of
/// zeros.
fn escapes_nul(after_backslash: &[u8]) -> bool {
    match after_backslash {
        [b'u', b'{', rest @ ..] => {
            let zeros = rest.iter().take_while(|b| **b == b'0').count();
            zeros > 0 && rest.get(zeros) == Some(&b'}')
        }
        [b'u', hex @ ..] => hex.len() >= 4 && hex[..4].iter().all(|b| *b == b'0'),
        _ => false,
    }
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'+'
}

/// The index just past the string starting at `start` (a `"` or `"""`), or the end of the
/// text when it is not closed.
fn skip_string(bytes: &[u8], start: usize) -> Result<usize, Breach> {
    if bytes[start..].starts_with(b"\"\"\"") {
        let mut i = start + 3;
        while i < bytes.len() {
            match bytes[i] {
                0 => return Err(Breach::NulCharacter),
                b'\\' if bytes[i..].starts_with(b"\\\"\"\"") => i += 4,
                b'"' if bytes[i..].starts_with(b"\"\"\"") => return Ok(i + 3),
                _ => i += 1,
            }
        }
        return Ok(bytes.len());
    }
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            0 => return Err(Breach::NulCharacter),
            b'\\' if escapes_nul(&bytes[i + 1..]) => return Err(Breach::NulCharacter),
            b'\\' => i += 2,
            b'"' => return Ok(i + 1),
            // A string cannot span lines; the parser reports it.
            b'\n' | b'\r' => return Ok(i),
            _ => i += 1,
        }
    }
    Ok(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: Bounds = Bounds {
        max_nesting: 32,
        max_tokens: 1_000,
        max_directives: 10,
    };

    #[test]
    fn ordinary_documents_pass() {
        let query = r#"query Q($f: ClusterFilter, $n: Int = 20) @live {
            clusters(first: $n, filter: $f) { edges { node { name ... on Cluster { slug } } } }
            # a comment with { [ ( that do not count
            s: cluster(slug: "a { [ ( \" b") { name description } 
            t: cluster(slug: """block { [ ( \""" still""") { name }
        }"#;
        assert_eq!(scan(query, BOUNDS), Ok(()));
    }

    #[test]
    fn nesting_of_every_bracket_kind_counts() {
        for (open, close) in [("[", "]"), ("{", "}"), ("(", ")")] {
            let deep = format!("{{ a(x: {}1{}) }}", open.repeat(40), close.repeat(40));
            assert_eq!(scan(&deep, BOUNDS), Err(Breach::TooDeep(32)), "{open}");
            let within = format!("{{ a(x: {}1{}) }}", open.repeat(29), close.repeat(29));
            assert_eq!(scan(&within, BOUNDS), Ok(()), "{open}");
        }
        // Mixed, as in an object literal holding lists.
        let mixed = format!("{{ a(x: {}) }}", "{k: [".repeat(20));
        assert_eq!(scan(&mixed, BOUNDS), Err(Breach::TooDeep(32)));
    }

    #[test]
    fn the_nesting_that_once_overflowed_the_parser_is_refused_at_once() {
        let literal = format!("{}{}", "[".repeat(1_600), "]".repeat(1_600));
        for document in [
            format!("{{ nodes(ids: {literal}) {{ id }} }}"),
            format!("query ($v: [[ID]] = {literal}) {{ __typename }}"),
            format!("{{ __typename @include(if: {literal}) }}"),
        ] {
            assert_eq!(scan(&document, BOUNDS), Err(Breach::TooDeep(32)));
        }
    }

    #[test]
    fn brackets_inside_strings_and_comments_do_not_count() {
        let text = format!(
            "{{ a(x: \"{}\") # {}\n b(y: \"\"\"{}\"\"\") }}",
            "[".repeat(100),
            "{".repeat(100),
            "(".repeat(100)
        );
        assert_eq!(scan(&text, BOUNDS), Ok(()));
    }

    #[test]
    fn tokens_and_directives_are_counted() {
        let many: String = (0..600).map(|i| format!("$v{i}: Int ")).collect();
        let document = format!("query ({many}) {{ __typename }}");
        assert_eq!(scan(&document, BOUNDS), Err(Breach::TooManyTokens(1_000)));
        let directives = "{ __typename @skip(if: false) }"
            .replace("@skip(if: false)", &"@skip(if: false) ".repeat(11));
        assert_eq!(
            scan(&directives, BOUNDS),
            Err(Breach::TooManyDirectives(10))
        );
    }

    #[test]
    fn a_nul_character_anywhere_is_refused() {
        for document in [
            "{ cluster(slug: \"a\u{0}b\") { name } }",
            "{ __typename } # \u{0}",
            "{ a(x: \"\"\"\u{0}\"\"\") }",
            "{ \u{0} }",
            r#"{ cluster(slug: "a\u0000b") { name } }"#,
            r#"{ cluster(slug: "a\u{000}b") { name } }"#,
        ] {
            assert_eq!(
                scan(document, BOUNDS),
                Err(Breach::NulCharacter),
                "{document:?}"
            );
        }
        for document in [r#"{ a(x: "a\u0041b") }"#, r#"{ a(x: "a\\u0000b") }"#] {
            assert_eq!(scan(document, BOUNDS), Ok(()), "{document:?}");
        }
    }

    #[test]
    fn unterminated_strings_and_escapes_at_the_end_do_not_read_past_the_text() {
        for document in [
            "{ a(x: \"abc",
            "{ a(x: \"abc\\",
            "{ a(x: \"\"\"abc",
            "{ a(x: \"\"\"\\",
        ] {
            assert_eq!(scan(document, BOUNDS), Ok(()));
        }
    }
}
