//! The registry's refusals of input fields in words: a `userErrors` entry (or a BAD_USER_INPUT
//! error's `extensions.reason`) is put into words from its code, the field it names and the
//! limits it carries. Nothing here reads the API's English `message`.
//!
//! [`user_error`] matches every [`UserErrorCode`] the schema lists, with no wildcard: a code
//! added to `schema.graphql` fails the build until it has words here.

use super::{Lang, M, Noun, count, number};
use crate::queries::UserErrorCode;

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

/// The identifiers whose format and check digit the registry checks: their name and how many
/// digits they have.
/// A field named after one (`coordinatorNip`) counts too.
fn identifier(field: &str) -> Option<(&'static str, (&'static str, &'static str))> {
    let is = |name: &str, suffix: &str| field == name || field.ends_with(suffix);
    if is("nip", "Nip") {
        Some(("NIP", ("10", "10")))
    } else if is("regon", "Regon") {
        Some(("REGON", ("9 lub 14", "9 or 14")))
    } else if is("krs", "Krs") {
        Some(("KRS", ("10", "10")))
    } else {
        None
    }
}

/// Fields that hold lists, whose length is counted in entries rather than characters.
fn is_list(field: &str) -> bool {
    matches!(
        field,
        "aliases"
            | "specialisations"
            | "participations"
            | "awards"
            | "partners"
            | "sectors"
            | "scopes"
            | "ids"
    )
}

fn required(field: &str) -> (String, String) {
    match field {
        "reason" => words(
            "napisz, dlaczego odrzucasz; wnioskodawca to przeczyta",
            "say why it is rejected; whoever asked will read it",
        ),
        "awardedOn" => words(
            "data przyznania jest wymagana (wystarczy rok)",
            "the award date is required (a year is enough)",
        ),
        "sourceId" => words(
            "wskaż dokument źródłowy albo dodaj nowy",
            "choose a source document or add a new one",
        ),
        _ => words("nie może być puste", "must not be empty"),
    }
}

/// INVALID_FORMAT in the words of the field's own format.
fn invalid_format(field: &str, actual: Option<i64>) -> (String, String) {
    if let Some((name, (pl_digits, en_digits))) = identifier(field) {
        return match actual {
            Some(n) => (
                format!("{name} musi mieć {pl_digits} cyfr, a ma {n}"),
                format!("{name} must have {en_digits} digits, not {n}"),
            ),
            None => (
                format!("{name} może zawierać tylko cyfry"),
                format!("{name} must contain only digits"),
            ),
        };
    }
    match field {
        "postalCode" => words(
            "to nie jest polski kod pocztowy (NN-NNN)",
            "not a Polish postal code (NN-NNN)",
        ),
        "email" => words("to nie jest adres e-mail", "not an e-mail address"),
        "website" | "url" => words(
            "to nie jest adres strony zaczynający się od http:// lub https://",
            "not a web address starting with http:// or https://",
        ),
        "phone" => words(
            "to nie jest numer telefonu (7–15 cyfr, opcjonalnie + i spacje)",
            "not a telephone number (7 to 15 digits, optional + and spaces)",
        ),
        "voivodeship" => words("to nie jest kod województwa", "not a voivodeship code"),
        "slug" => words(
            "od 1 do 128 małych liter, cyfr i pojedynczych łączników",
            "1 to 128 lower-case letters, digits and single hyphens",
        ),
        "budgetCurrency" => words(
            "trzyliterowy kod waluty, np. PLN lub EUR",
            "a three-letter currency code such as PLN or EUR",
        ),
        "after" | "before" | "cursor" => words(
            "to nie jest pozycja na tej liście",
            "not a cursor of this list",
        ),
        _ if field.ends_with("On") || field.ends_with("Until") || field == "until" => {
            words("to nie jest data (RRRR-MM-DD)", "not a date (YYYY-MM-DD)")
        }
        _ if field == "id" || field.ends_with("Id") || field.ends_with("Ids") || field == "ids" => {
            words("to nie jest prawidłowy identyfikator", "not a valid ID")
        }
        _ => words(
            "nieprawidłowy zapis (np. niedozwolone znaki)",
            "not written the way this field takes it (characters that are not allowed, say)",
        ),
    }
}

fn not_unique(field: &str) -> (String, String) {
    if let Some((name, _)) = identifier(field) {
        return (
            format!("ten {name} jest już w rejestrze"),
            format!("this {name} is already registered"),
        );
    }
    match field {
        "slug" => words(
            "ten adres jest już używany przez inny klaster",
            "another cluster already uses this slug",
        ),
        "email" | "newEmail" => words(
            "konto z tym adresem e-mail już istnieje",
            "an account with this e-mail already exists",
        ),
        // Inviting an address whose invitation to the same role is still open.
        "invitedEmail" => words(
            "ten adres ma już otwarte zaproszenie do tej roli; wyślij je ponownie",
            "this address has an open invitation to the same role; send that one again",
        ),
        "name" => words(
            "zbyt wiele klastrów ma już tę nazwę",
            "too many clusters have this name already",
        ),
        "clusterId" | "organisationId" => words(
            "organizacja jest już członkiem tego klastra albo czeka na decyzję",
            "the organisation is already a member of this cluster or has applied to it",
        ),
        "year" => words(
            "dane za ten rok są już zapisane; popraw je",
            "figures for this year are already recorded; update them",
        ),
        "role" => words(
            "konto ma już tę rolę",
            "the account already holds this role",
        ),
        _ => words(
            "ta wartość jest już zajęta przez inny wpis",
            "another record already holds this value",
        ),
    }
}

fn not_allowed(field: &str, max: Option<i64>) -> (String, String) {
    if let Some(max) = max {
        return (
            format!("osiągnięto limit ({max}); najpierw usuń coś"),
            format!("the limit ({max}) is reached; delete one first"),
        );
    }
    match field {
        "clusterId" => words(
            "klaster nie przyjmuje nowych członków",
            "the cluster does not take new members",
        ),
        "organisationId" => words(
            "organizacja nie może tego zrobić (np. odpowiedzieć na własne ogłoszenie)",
            "the organisation cannot do this (answer its own notice, say)",
        ),
        "id" | "requestId" | "submissionId" => words(
            "to nie czeka już na decyzję (zostało rozstrzygnięte albo wycofane)",
            "this no longer waits for a decision (it was decided or withdrawn)",
        ),
        "invitationId" => words(
            "zaproszenie zostało już przyjęte albo unieważnione",
            "the invitation was accepted or revoked already",
        ),
        "newEmail" => words(
            "to już jest adres tego konta",
            "this is the account's address already",
        ),
        "userId" => words(
            "nie dotyczy tego konta (własnego, usuniętego albo już potwierdzonego)",
            "not for this account (one's own, a deleted one, or one confirmed already)",
        ),
        "roleId" => words(
            "zarządzać można tylko organizacją, w imieniu której się działa",
            "only a role acting for an organisation can manage it",
        ),
        "manages" => words(
            "ostatni zarządzający nie może zrezygnować; najpierw uczyń zarządzającym kogoś innego",
            "the last manager cannot step down; make another user a manager first",
        ),
        // Asking to act for an organisation one acts for already.
        "actFor" => words(
            "już działasz w imieniu tej organizacji",
            "you act for this organisation already",
        ),
        // Claiming a cluster that has coordinators in the registry.
        "claim" => words(
            "klaster ma już koordynatora w rejestrze; poproś go o zaproszenie",
            "the cluster has a coordinator in the registry already; ask them to invite you",
        ),
        "password" | "newPassword" => words(
            "hasło nie może zawierać adresu e-mail konta",
            "must not contain the account's e-mail address",
        ),
        "url" => words(
            "adres nie może prowadzić do sieci prywatnej ani do samego rejestru",
            "must not point at a private network or the registry itself",
        ),
        _ => words(
            "niedozwolone w obecnym stanie wpisu",
            "not allowed in the record's present state",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of `enum UserErrorCode` in the schema the app is built against.
    fn schema_codes() -> Vec<String> {
        let schema = include_str!("../../../schema.graphql");
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

    #[test]
    fn self_service_refusals_name_what_went_wrong() {
        assert_eq!(
            user_error(Lang::En, &code("EXPIRED"), "token", None, None, None),
            "this link no longer works: it was used, it expired or it was never issued; ask for a new one"
        );
        assert_eq!(
            user_error(
                Lang::Pl,
                &code("INVALID_CHECKSUM"),
                "coordinatorNip",
                None,
                None,
                None
            ),
            "NIP: cyfra kontrolna się nie zgadza; sprawdź, czy nie ma literówki"
        );
        let not_allowed = code("NOT_ALLOWED");
        let generic = user_error(Lang::En, &not_allowed, "title", None, None, None);
        for field in [
            "requestId",
            "submissionId",
            "invitationId",
            "newEmail",
            "userId",
            "roleId",
            "manages",
            "actFor",
            "claim",
        ] {
            for lang in [Lang::Pl, Lang::En] {
                let text = user_error(lang, &not_allowed, field, None, None, None);
                assert_ne!(
                    text,
                    user_error(lang, &not_allowed, "title", None, None, None),
                    "{field}"
                );
            }
            assert_ne!(
                user_error(Lang::En, &not_allowed, field, None, None, None),
                generic
            );
        }
    }

    #[test]
    fn a_field_with_a_format_of_its_own_is_told_that_format() {
        let format = code("INVALID_FORMAT");
        for field in [
            "postalCode",
            "contact.email",
            "website",
            "phone",
            "voivodeship",
            "nip",
            "regon",
            "krs",
            "slug",
            "input.startsOn",
            "validUntil",
            "clusterId",
            "after",
        ] {
            for lang in [Lang::Pl, Lang::En] {
                let text = user_error(lang, &format, field, None, None, None);
                assert_ne!(
                    text,
                    user_error(lang, &format, "title", None, None, None),
                    "{field}"
                );
            }
        }
        assert_eq!(
            user_error(Lang::Pl, &format, "postalCode", None, None, None),
            "to nie jest polski kod pocztowy (NN-NNN)"
        );
    }
}
