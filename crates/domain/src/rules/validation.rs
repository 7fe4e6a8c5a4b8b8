//! Field-level validation shared by the API and the importers.

use crate::rules::identifiers::{IdentifierError, normalise_krs, normalise_nip, normalise_regon};
use crate::rules::partial_date::PartialDate;
use crate::{DomainError, FieldError, FieldErrorCode};
use chrono::NaiveDate;

/// Checks a Polish postal code (NN-NNN).
pub fn postal_code(field: &str, value: &str) -> Result<(), DomainError> {
    let b = value.as_bytes();
    let ok = b.len() == 6
        && b[2] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid(
            field,
            FieldErrorCode::InvalidFormat,
            format!("'{value}' is not a Polish postal code (NN-NNN)"),
        ))
    }
}

/// Checks a slug: 1–128 characters of lower-case ASCII letters, digits and single hyphens.
pub fn slug(field: &str, value: &str) -> Result<(), DomainError> {
    let ok = !value.is_empty()
        && value.len() <= 128
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
        && value
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid(
            field,
            FieldErrorCode::InvalidFormat,
            "a slug is 1–128 lower-case letters, digits and single hyphens",
        ))
    }
}

/// Collects every failed check of one input, so a form can show all of them at once.
#[derive(Debug, Default)]
pub struct Checks {
    refused: Vec<FieldError>,
    /// A failure that is not the input's fault (the database); it wins over the refusals.
    failed: Option<DomainError>,
}

impl Checks {
    /// Notes a failed check; passes the value of a successful one through.
    pub fn check<T>(&mut self, result: Result<T, DomainError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(DomainError::Invalid(error)) => {
                self.refused.push(error);
                None
            }
            Err(DomainError::Rejected(errors)) => {
                self.refused.extend(errors);
                None
            }
            Err(other) => {
                self.failed.get_or_insert(other);
                None
            }
        }
    }

    /// Adds a refusal found by the caller.
    pub fn fail(&mut self, error: FieldError) {
        self.refused.push(error);
    }

    /// Ok when every check passed; else the failure that was not the input's fault, or every
    /// refusal at once.
    pub fn finish(self) -> Result<(), DomainError> {
        if let Some(failed) = self.failed {
            return Err(failed);
        }
        if self.refused.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Rejected(self.refused))
        }
    }
}

/// The refusal of a missing or empty value.
pub fn required(field: &str) -> DomainError {
    DomainError::invalid(field, FieldErrorCode::Required, "must not be empty")
}

/// The refusal of a text or list longer than `max`; `actual` is what was given.
pub fn too_long(field: &str, max: usize, actual: usize) -> FieldError {
    let message = format!("at most {max} characters, not {actual}");
    FieldError::new(field, FieldErrorCode::TooLong, message)
        .max(max)
        .actual(actual)
}

/// The refusal of a text with control characters (other than line breaks and tabs).
pub fn control_characters(field: &str) -> DomainError {
    DomainError::invalid(
        field,
        FieldErrorCode::InvalidFormat,
        "must not contain control characters",
    )
}

/// Trims `value` and checks it is not empty and at most `max` characters long.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, DomainError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(required(field));
    }
    text_length(field, trimmed, max)?;
    Ok(trimmed.to_string())
}

/// Trims an optional text; empty means none. Checks it is at most `max` characters.
pub fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, DomainError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(trimmed) => {
            text_length(field, trimmed, max)?;
            Ok(Some(trimmed.to_string()))
        }
    }
}

fn text_length(field: &str, value: &str, max: usize) -> Result<(), DomainError> {
    let length = value.chars().count();
    if length > max {
        return Err(too_long(field, max, length).into());
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(control_characters(field));
    }
    Ok(())
}

/// Checks an e-mail address's syntax (one `@`, a dotted domain, no spaces) and lower-cases its
/// domain. Deliverability cannot be checked here; syntax catches the typos.
pub fn email(field: &str, value: &str) -> Result<String, DomainError> {
    let value = value.trim();
    let bad = || {
        DomainError::invalid(
            field,
            FieldErrorCode::InvalidFormat,
            format!("'{value}' is not an e-mail address"),
        )
    };
    if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let (local, domain) = value.rsplit_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
        return Err(bad());
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// Checks a web address: http or https, a host, no spaces.
pub fn url(field: &str, value: &str) -> Result<String, DomainError> {
    let value = value.trim();
    let bad = || {
        DomainError::invalid(
            field,
            FieldErrorCode::InvalidFormat,
            format!("'{value}' is not a web address starting with http:// or https://"),
        )
    };
    if value.len() > 2048 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or_else(bad)?;
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .rsplit('@')
        .next()
        .unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    let host_ok = (host.contains('.') || host == "localhost")
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if host_ok {
        Ok(value.to_string())
    } else {
        Err(bad())
    }
}

/// Checks a telephone number: digits with optional `+`, spaces, dashes and brackets, 7–15 digits.
pub fn phone(field: &str, value: &str) -> Result<String, DomainError> {
    let value = value.trim();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    if allowed && (7..=15).contains(&digits) {
        Ok(value.to_string())
    } else {
        Err(DomainError::invalid(
            field,
            FieldErrorCode::InvalidFormat,
            format!("'{value}' is not a telephone number (7 to 15 digits, optional + and spaces)"),
        ))
    }
}

fn identifier(
    field: &str,
    name: &str,
    value: &str,
    normalise: fn(&str) -> Result<String, IdentifierError>,
) -> Result<String, DomainError> {
    normalise(value).map_err(|e| {
        let error = FieldError::new(field, e.code(), format!("{name} {e}"));
        match e {
            IdentifierError::WrongLength { found, .. } => error.actual(found),
            _ => error,
        }
        .into()
    })
}

/// Checks a NIP and returns its 10 digits.
pub fn nip(field: &str, value: &str) -> Result<String, DomainError> {
    identifier(field, "NIP", value, normalise_nip)
}

/// Checks a REGON (9 or 14 digits) and returns its digits.
pub fn regon(field: &str, value: &str) -> Result<String, DomainError> {
    identifier(field, "REGON", value, normalise_regon)
}

/// Checks a KRS number and returns its 10 digits.
pub fn krs(field: &str, value: &str) -> Result<String, DomainError> {
    identifier(field, "KRS", value, normalise_krs)
}

/// Parses a partial date (`2024`, `2024-05`, `2024-05-17`).
pub fn partial_date(field: &str, value: &str) -> Result<PartialDate, DomainError> {
    value
        .trim()
        .parse::<PartialDate>()
        .map_err(|e| DomainError::invalid(field, FieldErrorCode::InvalidFormat, e.to_string()))
}

/// Checks that a period does not end before it starts; the error names the end field.
pub fn date_range(
    end_field: &str,
    starts: Option<PartialDate>,
    ends: Option<PartialDate>,
) -> Result<(), DomainError> {
    if let (Some(start), Some(end)) = (starts, ends)
        && end.last_day() < start.first_day()
    {
        return Err(DomainError::invalid(
            end_field,
            FieldErrorCode::EndsBeforeStart,
            format!("ends {end}, before it starts ({start})"),
        ));
    }
    Ok(())
}

/// Checks a calendar day lies within `earliest..=latest`.
pub fn day_within(
    field: &str,
    value: NaiveDate,
    earliest: NaiveDate,
    latest: NaiveDate,
) -> Result<NaiveDate, DomainError> {
    if value < earliest || value > latest {
        return Err(DomainError::invalid(
            field,
            FieldErrorCode::OutOfRange,
            format!("must be between {earliest} and {latest}"),
        ));
    }
    Ok(value)
}

/// The years a development strategy may name: clusters in Poland date from the 2000s, and a
/// strategy is written for at most a couple of decades ahead.
pub const STRATEGY_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Checks a strategy period: each year within [`STRATEGY_YEARS`], and the last year not before
/// the first. Either may be unknown.
pub fn strategy_period(from: Option<i32>, to: Option<i32>) -> Result<(), DomainError> {
    let mut checks = Checks::default();
    for (field, year) in [("strategyFrom", from), ("strategyTo", to)] {
        if let Some(year) = year
            && !STRATEGY_YEARS.contains(&year)
        {
            checks.fail(
                FieldError::new(
                    field,
                    FieldErrorCode::OutOfRange,
                    format!(
                        "must be a year from {} to {}",
                        STRATEGY_YEARS.start(),
                        STRATEGY_YEARS.end()
                    ),
                )
                .min(*STRATEGY_YEARS.start())
                .max(*STRATEGY_YEARS.end())
                .actual(year),
            );
        }
    }
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        checks.fail(FieldError::new(
            "strategyTo",
            FieldErrorCode::EndsBeforeStart,
            format!("the strategy ends in {to}, before it starts ({from})"),
        ));
    }
    checks.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strategy_period_runs_forward_within_sensible_years() {
        assert!(strategy_period(Some(2021), Some(2027)).is_ok());
        assert!(strategy_period(None, Some(2030)).is_ok());
        assert!(strategy_period(Some(2024), Some(2024)).is_ok());
        let codes = |from, to| match strategy_period(from, to) {
            Err(DomainError::Rejected(errors)) => errors
                .iter()
                .map(|e| (e.field.clone(), e.code))
                .collect::<Vec<_>>(),
            other => panic!("expected field errors, got {other:?}"),
        };
        assert_eq!(
            codes(Some(2027), Some(2021)),
            [("strategyTo".to_string(), FieldErrorCode::EndsBeforeStart)]
        );
        assert_eq!(
            codes(Some(1800), Some(3000)),
            [
                ("strategyFrom".to_string(), FieldErrorCode::OutOfRange),
                ("strategyTo".to_string(), FieldErrorCode::OutOfRange)
            ]
        );
    }

    #[test]
    fn postal_codes() {
        assert!(postal_code("postalCode", "02-673").is_ok());
        for bad in ["02673", "2-673", "02-67a", "02_673"] {
            assert!(postal_code("postalCode", bad).is_err());
        }
    }

    #[test]
    fn emails_are_checked_and_their_domain_lower_cased() {
        assert_eq!(
            email("email", " Biuro@Klaster.PL ").ok().as_deref(),
            Some("Biuro@klaster.pl")
        );
        for bad in [
            "",
            "biuro",
            "biuro@",
            "@klaster.pl",
            "bi uro@klaster.pl",
            "biuro@klaster",
            "a@b@c.pl",
            "biuro@-klaster.pl",
        ] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        assert!(url("website", "https://klaster.pl/o-nas?x=1").is_ok());
        assert!(url("website", "http://localhost:8080/").is_ok());
        for bad in [
            "klaster.pl",
            "ftp://klaster.pl",
            "https://",
            "https://kla ster.pl",
            "javascript:alert(1)",
            "https://klaster",
        ] {
            assert!(url("website", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phones_allow_usual_punctuation() {
        assert!(phone("phone", "+48 22 123-45-67").is_ok());
        assert!(phone("phone", "(22) 1234567").is_ok());
        for bad in [
            "123",
            "22 123 45 67 ext. 5",
            "++48221234567",
            "1234567890123456",
        ] {
            assert!(phone("phone", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(
            required_text("name", "  Klaster  ", 10).ok().as_deref(),
            Some("Klaster")
        );
        assert!(required_text("name", "   ", 10).is_err());
        assert!(required_text("name", "Ąąąąąąąąąąą", 10).is_err());
        assert_eq!(optional_text("acronym", Some(" "), 10).ok(), Some(None));
        assert!(optional_text("acronym", Some("a\u{0}b"), 10).is_err());
    }

    #[test]
    fn identifiers_name_the_field_and_the_problem() {
        assert_eq!(
            nip("nip", "PL 526-025-09-95").ok().as_deref(),
            Some("5260250995")
        );
        let Err(DomainError::Invalid(error)) = nip("nip", "5260250994") else {
            panic!("a bad check digit passed");
        };
        assert_eq!(error.field, "nip");
        assert_eq!(error.code, FieldErrorCode::InvalidChecksum);
        assert!(error.message.contains("check digit"), "{}", error.message);
        assert!(regon("regon", "123456785").is_ok());
        assert!(regon("regon", "12345678512347").is_ok());
        assert!(regon("regon", "123456786").is_err());
        assert!(krs("krs", "0000012345").is_ok());
        assert!(krs("krs", "00000123456").is_err());
    }

    #[test]
    fn periods_must_not_end_before_they_start() {
        let d = |s: &str| partial_date("d", s).ok();
        assert!(date_range("endsOn", d("2024-05"), d("2024-05-31")).is_ok());
        assert!(date_range("endsOn", d("2024"), d("2024")).is_ok());
        let Err(DomainError::Invalid(error)) = date_range("endsOn", d("2024-06"), d("2024-05-31"))
        else {
            panic!("a reversed period passed");
        };
        assert_eq!(error.field, "endsOn");
        assert_eq!(error.code, FieldErrorCode::EndsBeforeStart);
    }

    #[test]
    fn checks_collect_every_failure() {
        let mut checks = Checks::default();
        checks.check(email("email", "nope"));
        checks.check(postal_code("postalCode", "00000"));
        assert_eq!(
            checks.check(nip("nip", "5260250995")).as_deref(),
            Some("5260250995")
        );
        let Err(DomainError::Rejected(errors)) = checks.finish() else {
            panic!("failures were lost");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "postalCode"]);
    }

    #[test]
    fn slugs() {
        assert!(slug("slug", "klaster-obrobki-metali").is_ok());
        for bad in ["", "Klaster", "a--b", "-a", "a-", "ą"] {
            assert!(slug("slug", bad).is_err());
        }
    }
}
