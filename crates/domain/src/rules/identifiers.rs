//! Polish registry identifiers: NIP, REGON and KRS.
//!
//! Each `normalise_*` function accepts what people type (spaces, dashes, a "PL" prefix on a NIP)
//! and returns the canonical digits, or says what is wrong.

use crate::FieldErrorCode;

/// Why an identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentifierError {
    /// Characters other than digits (after removing separators).
    NotDigits,
    /// The wrong number of digits.
    WrongLength {
        /// Lengths the identifier may have.
        expected: &'static str,
        /// Digits given.
        found: usize,
    },
    /// The check digit does not match.
    BadChecksum,
}

impl IdentifierError {
    /// The API's code for this refusal.
    pub fn code(&self) -> FieldErrorCode {
        match self {
            Self::NotDigits => FieldErrorCode::InvalidFormat,
            Self::WrongLength { .. } => FieldErrorCode::InvalidFormat,
            Self::BadChecksum => FieldErrorCode::InvalidChecksum,
        }
    }
}

impl std::fmt::Display for IdentifierError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotDigits => write!(f, "must contain only digits"),
            Self::WrongLength { expected, found } => {
                write!(f, "must have {expected} digits, not {found}")
            }
            Self::BadChecksum => write!(f, "check digit does not match; check for a typo"),
        }
    }
}

fn digits_only(input: &str, strip_pl: bool) -> Result<Vec<u32>, IdentifierError> {
    let mut trimmed = input.trim();
    // Compared as bytes: slicing the text at byte 2 could split a multi-byte character.
    if strip_pl
        && trimmed
            .as_bytes()
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"PL"))
    {
        trimmed = &trimmed[2..];
    }
    trimmed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_digit(10).ok_or(IdentifierError::NotDigits))
        .collect()
}

fn weighted_sum(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}

fn to_string(digits: &[u32]) -> String {
    digits
        .iter()
        .filter_map(|d| char::from_digit(*d, 10))
        .collect()
}

/// Validates a NIP (tax number) and returns its 10 digits.
pub fn normalise_nip(input: &str) -> Result<String, IdentifierError> {
    let digits = digits_only(input, true)?;
    if digits.len() != 10 {
        return Err(IdentifierError::WrongLength {
            expected: "10",
            found: digits.len(),
        });
    }
    let check = weighted_sum(&digits[..9], &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
    // A remainder of 10 is never issued, so such a number cannot be valid.
    if check == 10 || check != digits[9] {
        return Err(IdentifierError::BadChecksum);
    }
    Ok(to_string(&digits))
}

fn regon9_valid(digits: &[u32]) -> bool {
    let check = weighted_sum(&digits[..8], &[8, 9, 2, 3, 4, 5, 6, 7]) % 11 % 10;
    check == digits[8]
}

/// Validates a REGON (9 digits, or 14 for a local unit) and returns its digits.
///
/// A 14-digit value made of a valid 9-digit REGON followed by "00000" (as court-register exports
/// sometimes pad it) is the 9-digit REGON and is returned as such.
pub fn normalise_regon(input: &str) -> Result<String, IdentifierError> {
    let digits = digits_only(input, false)?;
    match digits.len() {
        9 if regon9_valid(&digits) => Ok(to_string(&digits)),
        14 if digits[9..].iter().all(|d| *d == 0) && regon9_valid(&digits[..9]) => {
            Ok(to_string(&digits[..9]))
        }
        14 => {
            let check =
                weighted_sum(&digits[..13], &[2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8]) % 11 % 10;
            if check == digits[13] && regon9_valid(&digits[..9]) {
                Ok(to_string(&digits))
            } else {
                Err(IdentifierError::BadChecksum)
            }
        }
        9 => Err(IdentifierError::BadChecksum),
        found => Err(IdentifierError::WrongLength {
            expected: "9 or 14",
            found,
        }),
    }
}

/// Validates a KRS number (10 digits, no checksum; leading zeros kept) and returns it.
pub fn normalise_krs(input: &str) -> Result<String, IdentifierError> {
    let digits = digits_only(input, false)?;
    if digits.len() != 10 {
        return Err(IdentifierError::WrongLength {
            expected: "10",
            found: digits.len(),
        });
    }
    Ok(to_string(&digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nip_with_prefix_and_dashes_is_accepted() {
        assert_eq!(
            normalise_nip("PL 856-734-62-15").as_deref(),
            Ok("8567346215")
        );
    }

    #[test]
    fn nip_with_wrong_check_digit_is_refused() {
        assert_eq!(
            normalise_nip("8567346216"),
            Err(IdentifierError::BadChecksum)
        );
    }

    #[test]
    fn nip_whose_checksum_is_ten_is_refused() {
        // 1,2,3,4,5,6,7,8,9 weighted gives 10 mod 11 for 123456780x? Find one directly.
        let ten = (0..10_000_000u32)
            .map(|n| format!("{n:09}"))
            .find(|p| {
                let d: Vec<u32> = p.chars().filter_map(|c| c.to_digit(10)).collect();
                weighted_sum(&d, &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 == 10
            })
            .map(|p| format!("{p}0"));
        let ten = ten.expect("some prefix has remainder 10");
        assert_eq!(normalise_nip(&ten), Err(IdentifierError::BadChecksum));
    }

    #[test]
    fn nip_with_multibyte_characters_is_refused_without_panicking() {
        for input in ["1ą", "–5260250274", "ąą", "Pł"] {
            assert_eq!(
                normalise_nip(input),
                Err(IdentifierError::NotDigits),
                "{input}"
            );
        }
    }

    #[test]
    fn nip_length_and_characters_are_checked() {
        assert!(matches!(
            normalise_nip("123"),
            Err(IdentifierError::WrongLength { found: 3, .. })
        ));
        assert_eq!(normalise_nip("85673462x5"), Err(IdentifierError::NotDigits));
    }

    #[test]
    fn regon_nine_and_fourteen_digits() {
        assert_eq!(normalise_regon("123456785").as_deref(), Ok("123456785"));
        assert_eq!(
            normalise_regon("123456786"),
            Err(IdentifierError::BadChecksum)
        );
        assert_eq!(
            normalise_regon("12345678512347").as_deref(),
            Ok("12345678512347")
        );
        assert_eq!(
            normalise_regon("12345678512348"),
            Err(IdentifierError::BadChecksum)
        );
    }

    #[test]
    fn regon_padded_with_zeros_is_the_nine_digit_one() {
        assert_eq!(
            normalise_regon("12345678500000").as_deref(),
            Ok("123456785")
        );
    }

    #[test]
    fn krs_keeps_leading_zeros() {
        assert_eq!(normalise_krs("0000413516").as_deref(), Ok("0000413516"));
        assert!(normalise_krs("413516").is_err());
    }
}
