//! The rules as pure functions, with the properties they promise: every identifier, date, text
//! and password check answers without panicking; folding is idempotent; a CSV cell escaped for
//! spreadsheets reads back as written; and a document the byte scan lets through parses without
//! running out of stack.

#![no_main]

use klastry::guard::scan::{self, Bounds};
use klastry_domain::rules::{csv, identifiers, passwords, text, validation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let _ = validation::nip("nip", input);
    let _ = validation::regon("regon", input);
    let _ = validation::krs("krs", input);
    let _ = validation::postal_code("postalCode", input);
    let _ = validation::slug("slug", input);
    let _ = validation::email("email", input);
    let _ = validation::url("url", input);
    let _ = validation::phone("phone", input);
    let _ = validation::partial_date("date", input);
    let _ = validation::required_text("name", input, 200);
    let _ = identifiers::normalise_nip(input);
    let _ = identifiers::normalise_regon(input);
    let _ = identifiers::normalise_krs(input);
    let _ = passwords::check("password", input, Some(input));
    let folded = text::fold(input);
    assert_eq!(text::fold(&folded), folded, "folding is idempotent");
    let _ = text::slugify(input);
    let _ = text::escape_like(input);
    assert_eq!(csv::unescape_formula(&csv::escape_formula(input)), input);
    let _ = csv::parse(input);
    let bounds = Bounds {
        max_nesting: 32,
        max_tokens: 10_000,
        max_directives: 50,
    };
    if scan::scan(input, bounds).is_ok() {
        let _ = async_graphql_parser::parse_query(input);
    }
});
