//! How values are written for people, beside `i18n`'s numbers and dates: Roman round numbers and
//! a sector's name in the language shown.

use crate::i18n::Lang;

/// A round number as the ministry writes it (I, II, III...).
pub fn roman(number: i64) -> String {
    const NUMERALS: [(i64, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut left = number;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while left >= value {
            out.push_str(numeral);
            left -= value;
        }
    }
    out
}

/// A sector's name in the current language.
pub fn sector_name(lang: Lang, name_pl: &str, name_en: &str) -> String {
    match lang {
        Lang::Pl => name_pl.to_owned(),
        Lang::En => name_en.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_are_written_in_roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
    }
}
