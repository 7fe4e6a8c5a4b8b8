//! Field-level validation shared by the API and the importers.

use crate::DomainError;

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
    fn slugs() {
        assert!(slug("slug", "klaster-obrobki-metali").is_ok());
        for bad in ["", "Klaster", "a--b", "-a", "a-", "ą"] {
            assert!(slug("slug", bad).is_err());
        }
    }
}
