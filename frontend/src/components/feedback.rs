//! What a section shows while it loads or when its request failed.

use crate::api::ApiError;
use crate::i18n::{M, api_error, use_i18n};
use leptos::prelude::*;

/// What a failed request shows: a sentence for its code, in the page's language (a refused
/// argument with its reason in words, a value refused before the request ran with the shape
/// it should have had), never the server's English message.
#[component]
pub fn ErrorNote(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let lang = i18n.lang();
        match &error {
            ApiError::Network(_) => i18n.t(M::ErrorNetwork).to_owned(),
            ApiError::Unauthenticated => i18n.t(M::ErrorSignInNeeded).to_owned(),
            ApiError::Graphql {
                code,
                refusal,
                message,
            } => {
                let why = match refusal {
                    Some(r) => Some(r.text(lang)),
                    None if code == "GRAPHQL_VALIDATION_FAILED" => {
                        expected_shape(message).map(|m| m.text(lang).to_owned())
                    }
                    None => None,
                };
                api_error(lang, code, why.as_deref())
            }
        }
    };
    view! { <p class="error" role="alert" data-test="error-note">{text}</p> }
}

/// What a value refused before the request ran should have looked like, in words, from the
/// type the API's (English) message says it expected (`Invalid value for argument
/// "filter.from", expected type "Date"`); the message itself is never shown.
pub fn expected_shape(message: &str) -> Option<M> {
    let expected = message
        .split("expected type \"")
        .nth(1)?
        .split('"')
        .next()?;
    Some(match expected.trim_end_matches('!') {
        "Date" => M::ExpectedDate,
        "PartialDate" => M::ExpectedPartialDate,
        "DateTime" => M::ExpectedDateTime,
        "Int" => M::ExpectedNumber,
        t if t.ends_with("Code") || t.ends_with("Level") || t.ends_with("Kind") => {
            M::ExpectedChoice
        }
        _ => return None,
    })
}

/// The loading state of a section.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status" aria-live="polite">{move || i18n.t(M::Loading)}</p> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_shape_a_refused_value_should_have_had_comes_from_the_type_expected() {
        let message = r#"Invalid value for argument "filter.from", expected type "Date""#;
        assert_eq!(expected_shape(message), Some(M::ExpectedDate));
        let partial =
            r#"Invalid value for argument "input.awardedOn", expected type "PartialDate""#;
        assert_eq!(expected_shape(partial), Some(M::ExpectedPartialDate));
        assert_eq!(expected_shape("Unknown field \"x\""), None);
        let words = expected_shape(message).map(|m| m.text(Lang::En));
        let text = api_error(Lang::En, "GRAPHQL_VALIDATION_FAILED", words);
        assert!(
            text.contains("YYYY-MM-DD") && !text.contains("Invalid value"),
            "{text}"
        );
    }
}
