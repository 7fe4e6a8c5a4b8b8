//! The password policy, as a pure function.
//!
//! Length does most of the work (NIST SP 800-63B: at least 8, a long maximum, no composition
//! rules); klastry asks for 10. What length cannot catch is refused by name: the 19,640 most
//! common passwords (shipped in `data/common-passwords.txt`), passwords built from the account's
//! own e-mail, and passwords of one or two characters repeated. The maximum bounds the work
//! Argon2 does for one request.

use crate::DomainError;
use crate::rules::validation;
use crate::{FieldError, FieldErrorCode};
use std::sync::OnceLock;

/// Fewest characters a password may have.
pub const MIN_LENGTH: usize = 10;
/// Most characters a password may have.
pub const MAX_LENGTH: usize = 128;
/// Fewest different characters a password must use.
const MIN_DISTINCT: usize = 4;

const COMMON: &str = include_str!("../../data/common-passwords.txt");

/// The shipped list of common passwords, sorted by byte value (lower-case).
fn common_passwords() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list: Vec<&str> = COMMON.lines().filter(|l| !l.is_empty()).collect();
        // The file is sorted; sorting again keeps the binary search right if it is edited.
        list.sort_unstable();
        list
    })
}

/// Whether `password` (compared in lower case) is on the list of common passwords.
pub fn is_common(password: &str) -> bool {
    common_passwords()
        .binary_search(&password.to_lowercase().as_str())
        .is_ok()
}

/// Checks a new password for the account with `email` (None when it is not known yet), naming
/// `field` in the error.
pub fn check(field: &str, password: &str, email: Option<&str>) -> Result<(), DomainError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(FieldError::new(
            field,
            FieldErrorCode::TooShort,
            format!("at least {MIN_LENGTH} characters"),
        )
        .min(MIN_LENGTH)
        .actual(length)
        .into());
    }
    if length > MAX_LENGTH {
        return Err(FieldError::new(
            field,
            FieldErrorCode::TooLong,
            format!("at most {MAX_LENGTH} characters"),
        )
        .max(MAX_LENGTH)
        .actual(length)
        .into());
    }
    if password.chars().any(char::is_control) {
        return Err(validation::control_characters(field));
    }
    let mut distinct: Vec<char> = password.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_DISTINCT {
        return Err(FieldError::new(
            field,
            FieldErrorCode::TooSimple,
            format!("use at least {MIN_DISTINCT} different characters"),
        )
        .min(MIN_DISTINCT)
        .actual(distinct.len())
        .into());
    }
    if is_common(password) {
        return Err(DomainError::invalid(
            field,
            FieldErrorCode::TooCommon,
            "is one of the most common passwords; choose another",
        ));
    }
    if let Some(email) = email {
        let lower = password.to_lowercase();
        let email = email.trim().to_lowercase();
        let local = email.split('@').next().unwrap_or_default();
        let built_from_email =
            lower.contains(&email) || (local.len() >= 4 && lower.contains(local));
        if built_from_email {
            return Err(DomainError::invalid(
                field,
                FieldErrorCode::NotAllowed,
                "must not contain the account's e-mail address",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(password: &str, email: Option<&str>) -> String {
        match check("password", password, email) {
            Err(DomainError::Invalid(error)) => {
                assert_eq!(error.field, "password");
                error.message
            }
            other => panic!("{password:?} was not refused: {other:?}"),
        }
    }

    #[test]
    fn length_is_bounded_both_ways() {
        assert!(refused("Ab3$x9", None).contains("at least 10"));
        assert!(refused(&"Ab3$x9".repeat(30), None).contains("at most 128"));
        assert!(check("password", "correct horse battery", None).is_ok());
    }

    #[test]
    fn repeated_characters_are_refused() {
        assert!(refused("aaaaaaaaaa", None).contains("different characters"));
        assert!(refused("          ", None).contains("different characters"));
        assert!(refused("abababababab", None).contains("different characters"));
    }

    #[test]
    fn common_passwords_are_refused_in_any_case() {
        assert!(is_common("password"));
        assert!(is_common("QWERTYUIOP"));
        assert!(refused("1234567890", None).contains("common"));
        assert!(refused("Qwertyuiop", None).contains("common"));
        assert!(!is_common("klastry-demo-zurawie-w-kluczu"));
    }

    #[test]
    fn the_list_is_read_whole_and_sorted() {
        let list = common_passwords();
        assert_eq!(list.len(), 19_640);
        assert!(list.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn passwords_built_from_the_email_are_refused() {
        let email = Some("Anna.Nowak@example.pl");
        assert!(refused("anna.nowak@example.pl1", email).contains("e-mail"));
        assert!(refused("xx-anna.nowak-2026", email).contains("e-mail"));
        assert!(check("password", "anna.nowak-2026", None).is_ok());
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(refused("correct\u{0}horse battery", None).contains("control"));
    }
}
