//! The languages the registry speaks to people in: its mail and its web app.

use serde::{Deserialize, Serialize};

/// A language an account reads the registry in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Polish, the default.
    #[default]
    Pl,
    /// English.
    En,
}

impl Language {
    /// The code stored and sent: `pl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Pl => "pl",
            Language::En => "en",
        }
    }

    /// The language of a stored code; anything unknown reads as Polish.
    pub fn from_code(code: &str) -> Self {
        if code.eq_ignore_ascii_case("en") {
            Language::En
        } else {
            Language::Pl
        }
    }

    /// The text of the two for this language.
    pub fn pick<'a>(self, pl: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Pl => pl,
            Language::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_code_reads_as_polish() {
        assert_eq!(Language::from_code("EN"), Language::En);
        assert_eq!(Language::from_code("de"), Language::Pl);
        assert_eq!(Language::En.code(), "en");
    }
}
