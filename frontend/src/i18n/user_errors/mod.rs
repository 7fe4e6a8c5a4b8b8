//! The registry's refusals of input fields in words: a `userErrors` entry (or a BAD_USER_INPUT
//! error's `extensions.reason`) is put into words from its code, the field it names and the
//! limits it carries. Nothing here reads the API's English `message`.
//!
//! [`user_error`] matches every [`UserErrorCode`] the schema lists, with no wildcard: a code
//! added to `schema.graphql` fails the build until it has words here.
//! The words for a refusal that depend on the field it names (an identifier, a format, what
//! must be unique, what is not allowed) are in `fields`.

mod fields;

use super::{Lang, M, Noun, count, number};
use crate::queries::UserErrorCode;
use fields::{identifier, invalid_format, is_list, not_allowed, not_unique, required};

/// A refused input field in `lang`: why (`code`), worded for the field where the rule is the
/// field's own (a postal code, a NIP...), with the rule's limits (`min`, `max`) and what was
/// given (`actual`) where the code carries them. `field` is the API's name of the field
/// (`postalCode`, `contact.email`, `input.startsOn`); only its last part matters.
pub fn user_error(
    lang: Lang,
    code: &UserErrorCode,
    field: &str,
    min: Option<i64>,
    max: Option<i64>,
    actual: Option<i64>,
) -> String {
    let field = field.rsplit('.').next().unwrap_or(field);
    let (pl, en) = match code {
        UserErrorCode::REQUIRED => required(field),
        UserErrorCode::INVALID_FORMAT => invalid_format(field, actual),
        UserErrorCode::INVALID_CHECKSUM => match identifier(field) {
            Some((name, _)) => (
                format!("{name}: cyfra kontrolna się nie zgadza; sprawdź, czy nie ma literówki"),
                format!("{name} check digit does not match; check for a typo"),
            ),
            None => words(
                "cyfra kontrolna się nie zgadza; sprawdź, czy nie ma literówki",
                "the check digit does not match; check for a typo",
            ),
        },
        UserErrorCode::TOO_LONG => {
            let unit = if is_list(field) {
                Noun::Entry
            } else {
                Noun::Character
            };
            match max {
                Some(max) => (
                    format!(
                        "najwyżej {}{}",
                        count(Lang::Pl, max, unit),
                        given(Lang::Pl, actual)
                    ),
                    format!(
                        "at most {}{}",
                        count(Lang::En, max, unit),
                        given(Lang::En, actual)
                    ),
                ),
                None => words("za długie", "too long"),
            }
        }
        UserErrorCode::TOO_SHORT => match min {
            Some(min) => (
                format!(
                    "co najmniej {}{}",
                    count(Lang::Pl, min, Noun::Character),
                    given(Lang::Pl, actual)
                ),
                format!(
                    "at least {}{}",
                    count(Lang::En, min, Noun::Character),
                    given(Lang::En, actual)
                ),
            ),
            None => words("za krótkie", "too short"),
        },
        // Plain digits: the bounds are years as often as counts.
        // A KKK status dated outside the term of the round that awarded it.
        UserErrorCode::OUT_OF_RANGE
            if matches!(field, "awardedOn" | "validUntil" | "confirmedOn") && min.is_none() =>
        {
            words(
                "wykracza poza okres wybranego naboru KKK (od ogłoszenia naboru do końca ważności jego statusów)",
                "falls outside the chosen KKK round's term (from its call to the end of its statuses' validity)",
            )
        }
        UserErrorCode::OUT_OF_RANGE if field == "savedSearches" => words(
            "masz już najwięcej zapisanych wyszukiwań, ile można; usuń któreś w ustawieniach powiadomień",
            "you have saved as many searches as an account may; delete one in the notification settings",
        ),
        UserErrorCode::OUT_OF_RANGE => match (min, max) {
            (Some(min), Some(max)) => (
                format!("musi być między {min} a {max}{}", plain(Lang::Pl, actual)),
                format!("must be between {min} and {max}{}", plain(Lang::En, actual)),
            ),
            (Some(0), None) => words("nie może być ujemne", "must not be negative"),
            (Some(min), None) => (
                format!("nie może być mniejsze niż {min}"),
                format!("must not be less than {min}"),
            ),
            (None, Some(max)) => (
                format!("nie może być większe niż {max}"),
                format!("must not be more than {max}"),
            ),
            (None, None) => words("poza dozwolonym zakresem", "out of the allowed range"),
        },
        UserErrorCode::NOT_UNIQUE => not_unique(field),
        UserErrorCode::NOT_FOUND => match field {
            "roundNumber" => words("nie ma takiego naboru KKK", "there is no such KKK round"),
            _ => words(
                "nie ma takiego wpisu w rejestrze",
                "there is no such record in the registry",
            ),
        },
        UserErrorCode::NOT_ALLOWED => not_allowed(field, max),
        UserErrorCode::MUTUALLY_EXCLUSIVE => words(
            "podaj tylko jedno z tych pól, nie oba",
            "give only one of these fields, not both",
        ),
        UserErrorCode::ENDS_BEFORE_START => match field {
            "validUntil" => words(
                "data ważności jest wcześniejsza niż data przyznania",
                "the validity ends before the award date",
            ),
            _ => words(
                "koniec jest wcześniejszy niż początek",
                "it ends before it starts",
            ),
        },
        UserErrorCode::OVERLAPS => words(
            "nakłada się na inny okres, a naraz może obowiązywać tylko jeden",
            "overlaps another period, and only one may hold at a time",
        ),
        UserErrorCode::EXPIRED => match field {
            "offerId" => words("ogłoszenie wygasło", "the notice has expired"),
            "token" => words(
                "ten link już nie działa: został użyty, wygasł albo nie został wydany; poproś o nowy",
                "this link no longer works: it was used, it expired or it was never issued; ask for a new one",
            ),
            _ => words("termin już minął", "it has expired"),
        },
        UserErrorCode::TOO_COMMON => words(
            "to jedno z najczęściej używanych haseł; wybierz inne",
            "one of the most common passwords; choose another",
        ),
        UserErrorCode::TOO_SIMPLE => match min {
            Some(min) => (
                format!(
                    "hasło musi mieć co najmniej {}{}",
                    count(Lang::Pl, min, Noun::DifferentCharacter),
                    actual.map(|n| format!(", a ma {n}")).unwrap_or_default()
                ),
                format!(
                    "use at least {}{}",
                    count(Lang::En, min, Noun::DifferentCharacter),
                    given(Lang::En, actual)
                ),
            ),
            None => words(
                "hasło ma za mało różnych znaków",
                "too few different characters",
            ),
        },
        // Signing in refuses the e-mail and password together, without saying which is wrong.
        UserErrorCode::WRONG_PASSWORD => match field {
            "password" => words(
                M::WrongCredentials.text(Lang::Pl),
                M::WrongCredentials.text(Lang::En),
            ),
            _ => words(
                "obecne hasło jest nieprawidłowe",
                "the current password is wrong",
            ),
        },
        // A code newer than this build of the app.
        UserErrorCode::Other(_) => words("nieprawidłowa wartość", "this value was refused"),
    };
    match lang {
        Lang::Pl => pl,
        Lang::En => en,
    }
}

fn words(pl: &str, en: &str) -> (String, String) {
    (pl.to_owned(), en.to_owned())
}

/// `, a jest 305` / `, not 305`: what was given, when the error says.
fn given(lang: Lang, actual: Option<i64>) -> String {
    match (actual, lang) {
        (Some(n), Lang::Pl) => format!(", a jest {}", number(lang, n)),
        (Some(n), Lang::En) => format!(", not {}", number(lang, n)),
        (None, _) => String::new(),
    }
}

/// [`given`] in plain digits.
fn plain(lang: Lang, actual: Option<i64>) -> String {
    match (actual, lang) {
        (Some(n), Lang::Pl) => format!(", a jest {n}"),
        (Some(n), Lang::En) => format!(", not {n}"),
        (None, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of `enum UserErrorCode` in the schema the app is built against.
    fn schema_codes() -> Vec<String> {
        let schema = include_str!("../../../../schema.graphql");
        let start = schema
            .find("enum UserErrorCode {")
            .expect("the schema has enum UserErrorCode");
        let body = &schema[start..];
        let body = &body[body.find('{').unwrap() + 1..body.find('}').unwrap()];
        let mut codes = Vec::new();
        let mut in_description = false;
        for line in body.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix("\"\"\"") {
                // A description on one line opens and closes; a line of only quotes toggles.
                if !rest.ends_with("\"\"\"") {
                    in_description = !in_description;
                }
                continue;
            }
            if !in_description && !line.is_empty() {
                codes.push(line.to_owned());
            }
        }
        codes
    }

    fn code(name: &str) -> UserErrorCode {
        serde_json::from_value(serde_json::Value::String(name.to_owned())).unwrap()
    }

    #[test]
    fn every_code_of_the_schema_is_a_known_code_with_words_in_both_languages() {
        let codes = schema_codes();
        assert!(codes.len() >= 16, "{codes:?}");
        let unknown = |lang| user_error(lang, &code("SOMETHING_NEW"), "", None, None, None);
        for name in &codes {
            assert!(
                name.chars().all(|c| c.is_ascii_uppercase() || c == '_'),
                "{name}"
            );
            let code = code(name);
            assert!(
                !matches!(code, UserErrorCode::Other(_)),
                "{name} is not one of the app's codes"
            );
            for lang in [Lang::Pl, Lang::En] {
                for (min, max, actual) in [(None, None, None), (Some(3), Some(7), Some(9))] {
                    let text = user_error(lang, &code, "", min, max, actual);
                    assert!(!text.trim().is_empty(), "{name} in {lang:?}");
                    assert!(!text.contains(['{', '}']), "{name} in {lang:?}: {text}");
                    assert!(!text.contains("None"), "{name} in {lang:?}: {text}");
                    assert_ne!(text, unknown(lang), "{name} has no words of its own");
                }
            }
        }
    }

    #[test]
    fn the_values_a_code_carries_are_put_into_its_words() {
        // (code, values that must appear) with min 3, max 7 and actual 9.
        let cases = [
            ("TOO_LONG", &["7", "9"][..]),
            ("TOO_SHORT", &["3", "9"]),
            ("OUT_OF_RANGE", &["3", "7", "9"]),
            ("TOO_SIMPLE", &["3", "9"]),
            ("NOT_ALLOWED", &["7"]),
        ];
        for (name, values) in cases {
            for lang in [Lang::Pl, Lang::En] {
                let text = user_error(lang, &code(name), "", Some(3), Some(7), Some(9));
                for value in values {
                    assert!(text.contains(value), "{name} in {lang:?}: {text}");
                }
            }
        }
        assert_eq!(
            user_error(
                Lang::Pl,
                &code("INVALID_FORMAT"),
                "nip",
                None,
                None,
                Some(9)
            ),
            "NIP musi mieć 10 cyfr, a ma 9"
        );
    }

    #[test]
    fn refusals_read_as_each_language_writes_them() {
        let too_long = code("TOO_LONG");
        assert_eq!(
            user_error(Lang::Pl, &too_long, "name", None, Some(200), Some(305)),
            "najwyżej 200 znaków, a jest 305"
        );
        assert_eq!(
            user_error(Lang::En, &too_long, "name", None, Some(200), Some(305)),
            "at most 200 characters, not 305"
        );
        assert_eq!(
            user_error(Lang::Pl, &too_long, "title", None, Some(2), Some(3)),
            "najwyżej 2 znaki, a jest 3"
        );
        assert_eq!(
            user_error(Lang::Pl, &too_long, "sectors", None, Some(100), None),
            "najwyżej 100 pozycji"
        );
        assert_eq!(
            user_error(Lang::Pl, &code("INVALID_CHECKSUM"), "nip", None, None, None),
            "NIP: cyfra kontrolna się nie zgadza; sprawdź, czy nie ma literówki"
        );
        assert_eq!(
            user_error(
                Lang::En,
                &code("OUT_OF_RANGE"),
                "year",
                Some(1990),
                Some(2025),
                Some(1800)
            ),
            "must be between 1990 and 2025, not 1800"
        );
        assert_eq!(
            user_error(
                Lang::En,
                &code("OUT_OF_RANGE"),
                "savedSearches",
                None,
                None,
                None
            ),
            "you have saved as many searches as an account may; delete one in the notification settings"
        );
        assert_eq!(
            user_error(Lang::Pl, &code("REQUIRED"), "input.title", None, None, None),
            "nie może być puste"
        );
        assert_eq!(
            user_error(Lang::Pl, &code("REQUIRED"), "sourceId", None, None, None),
            "wskaż dokument źródłowy albo dodaj nowy"
        );
        assert_eq!(
            user_error(
                Lang::En,
                &code("REQUIRED"),
                "source.title",
                None,
                None,
                None
            ),
            "must not be empty"
        );
        assert_eq!(
            user_error(
                Lang::En,
                &code("WRONG_PASSWORD"),
                "password",
                None,
                None,
                None
            ),
            "Wrong e-mail or password."
        );
        assert_eq!(
            user_error(Lang::Pl, &code("SOMETHING_NEW"), "x", None, None, None),
            "nieprawidłowa wartość"
        );
        assert_eq!(
            user_error(
                Lang::Pl,
                &code("TOO_SIMPLE"),
                "newPassword",
                Some(8),
                None,
                Some(3)
            ),
            "hasło musi mieć co najmniej 8 różnych znaków, a ma 3"
        );
    }
}
