//! A GraphQL error's `extensions.code` in words: a sentence for each code a reader can act on,
//! a general one naming the code for the rest. Nothing here reads the API's English `message`.

use super::{Lang, M};

/// A GraphQL error's `extensions.code` (docs/API-DESIGN.md lists them) as a sentence in `lang`;
/// `refusal` is the words of a BAD_USER_INPUT error's reason ([`super::user_error`]), or of the
/// shape a GRAPHQL_VALIDATION_FAILED value should have had (`components::feedback`): both are a
/// value the registry refused, the latter before running the request. Codes a reader can do
/// nothing about get a general sentence that names the code, for a report.
pub fn api_error(lang: Lang, code: &str, refusal: Option<&str>) -> String {
    let (pl, en) = match code {
        "UNAUTHENTICATED" => return M::ErrorSignInNeeded.text(lang).to_owned(),
        "FORBIDDEN" => return M::ErrorForbidden.text(lang).to_owned(),
        "CONFLICT" => return M::ErrorConflict.text(lang).to_owned(),
        "BAD_USER_INPUT" | "GRAPHQL_VALIDATION_FAILED" => {
            return match (refusal, lang) {
                (Some(why), Lang::Pl) => format!("Rejestr nie przyjął podanej wartości: {why}."),
                (Some(why), Lang::En) => format!("The registry refused a value given: {why}."),
                (None, Lang::Pl) => "Rejestr nie przyjął podanej wartości.".to_owned(),
                (None, Lang::En) => "The registry refused a value given.".to_owned(),
            };
        }
        "EMAIL_NOT_VERIFIED" => (
            "Hasło się zgadza, ale adres e-mail konta nie jest jeszcze potwierdzony. Kliknij link z wiadomości wysłanej przy zakładaniu konta albo poproś o nowy.",
            "The password is right, but the account's e-mail address is not confirmed yet. Follow the link mailed when you signed up, or ask for a new one.",
        ),
        "TOO_MANY_CREDENTIAL_CHECKS" => (
            "W jednym zapytaniu można sprawdzić tylko jedno hasło.",
            "Only one password can be checked in one request.",
        ),
        "NOT_FOUND" => (
            "Nie ma tego w rejestrze; mogło zostać usunięte.",
            "This is not in the registry; it may have been removed.",
        ),
        "RATE_LIMITED" | "TOO_MANY_CONNECTIONS" => (
            "Zbyt wiele zapytań naraz. Spróbuj ponownie za chwilę.",
            "Too many requests at once. Try again in a moment.",
        ),
        "SIGN_IN_LOCKED" => (
            "Po zbyt wielu błędnych hasłach logowanie jest na chwilę zablokowane. Spróbuj później.",
            "After too many wrong passwords, signing in is locked for a while. Try again later.",
        ),
        "TIMEOUT" => (
            "Rejestr nie odpowiedział na czas. Spróbuj ponownie.",
            "The registry took too long to answer. Try again.",
        ),
        "INTERNAL_SERVER_ERROR" => (
            "Błąd po stronie rejestru. Spróbuj ponownie później.",
            "The registry failed. Try again later.",
        ),
        "EVENTS_MISSED" => (
            "Umknęły zmiany w rejestrze. Odśwież stronę.",
            "Some changes in the registry were missed. Reload the page.",
        ),
        "BODY_TOO_LARGE" => (
            "Wysłano za dużo danych naraz.",
            "Too much was sent at once.",
        ),
        _ => return format!("{} ({code}).", M::ErrorOther.text(lang)),
    };
    match lang {
        Lang::Pl => pl.to_owned(),
        Lang::En => en.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_refused_before_the_request_ran_is_worded_without_the_english_message() {
        let shape = M::ExpectedDate.text(Lang::Pl);
        let text = api_error(Lang::Pl, "GRAPHQL_VALIDATION_FAILED", Some(shape));
        assert_eq!(
            text,
            "Rejestr nie przyjął podanej wartości: dzień musi mieć postać RRRR-MM-DD, np. 2024-03-05."
        );
        assert_eq!(
            api_error(Lang::En, "GRAPHQL_VALIDATION_FAILED", None),
            "The registry refused a value given."
        );
    }

    /// The codes of `extensions.code` the schema lists (`- CODE: meaning` in the query root's
    /// description).
    fn schema_codes() -> Vec<String> {
        let schema = include_str!("../../../schema.graphql");
        let start = schema
            .find("Every error carries `extensions.code`")
            .expect("the schema lists its error codes");
        schema[start..]
            .lines()
            .skip(1)
            .map(str::trim)
            .skip_while(|line| line.is_empty())
            .take_while(|line| line.starts_with("- "))
            .filter_map(|line| line[2..].split(':').next().map(str::to_owned))
            .collect()
    }

    #[test]
    fn the_codes_a_reader_can_act_on_have_sentences_of_their_own() {
        let codes = schema_codes();
        assert!(codes.len() >= 20, "{codes:?}");
        // Every code a reader of the web app can meet and act on.
        for code in [
            "NOT_FOUND",
            "UNAUTHENTICATED",
            "FORBIDDEN",
            "EMAIL_NOT_VERIFIED",
            "CONFLICT",
            "RATE_LIMITED",
            "SIGN_IN_LOCKED",
            "TIMEOUT",
            "INTERNAL_SERVER_ERROR",
            "TOO_MANY_CREDENTIAL_CHECKS",
        ] {
            assert!(
                codes.iter().any(|c| c == code),
                "{code} is not in the schema"
            );
            for lang in [Lang::Pl, Lang::En] {
                let text = api_error(lang, code, None);
                assert!(
                    !text.contains(code),
                    "{code} has no words of its own: {text}"
                );
            }
        }
    }

    #[test]
    fn error_codes_get_sentences_and_unknown_ones_a_general_one_naming_them() {
        assert_eq!(
            api_error(Lang::Pl, "FORBIDDEN", None),
            "Nie masz uprawnień do tej operacji."
        );
        assert_eq!(
            api_error(Lang::En, "NOT_FOUND", None),
            "This is not in the registry; it may have been removed."
        );
        assert_eq!(
            api_error(
                Lang::Pl,
                "BAD_USER_INPUT",
                Some("najwyżej 200 znaków, a jest 305")
            ),
            "Rejestr nie przyjął podanej wartości: najwyżej 200 znaków, a jest 305."
        );
        assert_eq!(
            api_error(Lang::Pl, "TOO_MANY_ALIASES", None),
            "Coś poszło nie tak (TOO_MANY_ALIASES)."
        );
        for code in [
            "UNAUTHENTICATED",
            "CONFLICT",
            "RATE_LIMITED",
            "SIGN_IN_LOCKED",
            "TIMEOUT",
            "INTERNAL_SERVER_ERROR",
        ] {
            for lang in [Lang::Pl, Lang::En] {
                assert!(!api_error(lang, code, None).contains(code), "{code}");
            }
        }
    }
}
