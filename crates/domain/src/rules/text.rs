//! Folding text for search and ordering, and making slugs.
//!
//! Search must find "Śląski" for "slaski" and "Łódź" for "lodz" on SQLite and PostgreSQL alike,
//! so the registry stores a folded copy of every searchable name and folds the query the same way
//! rather than relying on database collations, which differ between the two backends.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases `text`, strips diacritics (including the Polish ł, which Unicode does not
/// decompose), and collapses runs of whitespace to one space.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut last_was_space = true;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'ł' | 'Ł' => "l",
            'ø' | 'Ø' => "o",
            'đ' | 'Đ' => "d",
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            '„' | '”' | '“' | '"' | '«' | '»' => "",
            '–' | '—' => "-",
            _ => {
                if c.is_whitespace() {
                    if !last_was_space {
                        folded.push(' ');
                        last_was_space = true;
                    }
                } else {
                    folded.extend(c.to_lowercase());
                    last_was_space = false;
                }
                continue;
            }
        };
        // A dropped character (a quotation mark) leaves the spacing as it was: `a " b` folds
        // to `a b`, as folding it again would (found by fuzzing: the two disagreed).
        if !mapped.is_empty() {
            folded.push_str(mapped);
            last_was_space = false;
        }
    }
    folded.trim_end().to_string()
}

/// The folded text a search argument looks for, or `None` when it searches for nothing (no
/// argument, or a text that folds to nothing, such as spaces, which restricts nothing).
pub fn searched_text(search: Option<&str>) -> Option<String> {
    search.map(fold).filter(|folded| !folded.is_empty())
}

/// A URL-safe slug: folded, ASCII letters and digits, words joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Text made safe to put in HTML, as content or as an attribute's value: names, descriptions
/// and reasons come from people.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes `%`, `_` and the escape character itself so a search term matches literally in `LIKE`.
pub fn escape_like(term: &str) -> String {
    let mut escaped = String::with_capacity(term.len());
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_quotation_mark_leaves_one_space_and_folding_twice_changes_nothing() {
        assert_eq!(
            fold("Klaster \" Zielona Energia \""),
            "klaster zielona energia"
        );
        assert_eq!(fold("a \" \" b"), "a b");
        for text in [
            "a,\"\ng20\n\"\ng\u{0}1-23",
            "„Śląski” – Klaster  Łódź",
            " \" leading",
            "Straße ÆØ",
        ] {
            let once = fold(text);
            assert_eq!(fold(&once), once, "{text:?}");
        }
    }

    #[test]
    fn fold_strips_polish_diacritics_and_case() {
        assert_eq!(fold("Śląski Klaster Lotniczy"), "slaski klaster lotniczy");
        assert_eq!(fold("ŁÓDŹ"), "lodz");
        assert_eq!(fold("Zażółć gęślą jaźń"), "zazolc gesla jazn");
    }

    #[test]
    fn fold_collapses_whitespace_and_drops_typographic_quotes() {
        assert_eq!(
            fold("  Klaster  „Zielona   Chemia” "),
            "klaster zielona chemia"
        );
    }

    #[test]
    fn slugify_makes_ascii_kebab_case() {
        assert_eq!(
            slugify("Klaster Logistyczno-Transportowy Północ – Południe"),
            "klaster-logistyczno-transportowy-polnoc-poludnie"
        );
    }

    #[test]
    fn escape_like_escapes_wildcards() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
