//! Field-level validation shared by the API and the importers.

use crate::DomainError;
use crate::rules::identifiers::{IdentifierError, normalise_krs, normalise_nip, normalise_regon};
use crate::rules::partial_date::PartialDate;
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
            "a slug is 1–128 lower-case letters, digits and single hyphens",
        ))
    }
}

/// One rejected input field: which, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// The input field, as the client named it (`nip`, `contact.email`).
    pub field: String,
    /// What is wrong, in words a form can show next to the field.
    pub message: String,
}

/// Collects every failed check of one input, so a form can show all of them at once.
#[derive(Debug, Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    /// Notes a failed check; passes the value of a successful one through.
    pub fn check<T>(&mut self, result: Result<T, DomainError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(DomainError::Invalid { field, message }) => {
                self.0.push(FieldError { field, message });
                None
            }
            Err(DomainError::Rejected(errors)) => {
                self.0.extend(errors);
                None
            }
            Err(other) => {
                self.0.push(FieldError {
                    field: String::new(),
                    message: other.to_string(),
                });
                None
            }
        }
    }

    /// Adds a failure found by the caller.
    pub fn fail(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Ok when every check passed, else all failures at once.
    pub fn finish(self) -> Result<(), DomainError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Rejected(self.0))
        }
    }
}

/// Trims `value` and checks it is not empty and at most `max` characters long.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, DomainError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(DomainError::invalid(field, "must not be empty"));
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
        return Err(DomainError::invalid(
            field,
            format!("at most {max} characters, not {length}"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(DomainError::invalid(
            field,
            "must not contain control characters",
        ));
    }
    Ok(())
}

/// Checks an e-mail address's syntax (one `@`, a dotted domain, no spaces) and lower-cases its
/// domain. Deliverability cannot be checked here; syntax catches the typos.
pub fn email(field: &str, value: &str) -> Result<String, DomainError> {
    let value = value.trim();
    let bad = || DomainError::invalid(field, format!("'{value}' is not an e-mail address"));
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
    normalise(value).map_err(|e| DomainError::invalid(field, format!("{name} {e}")))
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
        .map_err(|e| DomainError::invalid(field, e.to_string()))
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
            format!("must be between {earliest} and {latest}"),
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let Err(DomainError::Invalid { field, message }) = nip("nip", "5260250994") else {
            panic!("a bad check digit passed");
        };
        assert_eq!(field, "nip");
        assert!(message.contains("check digit"), "{message}");
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
        let Err(DomainError::Invalid { field, .. }) =
            date_range("endsOn", d("2024-06"), d("2024-05-31"))
        else {
            panic!("a reversed period passed");
        };
        assert_eq!(field, "endsOn");
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
