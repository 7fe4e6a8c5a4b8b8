//! How long a KKK certification or an ESCA label lasts when its source does not say: each
//! programme's term rule.

/// How long a status lasts when the source does not say, in years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Validity of an award, counted from its date; `None` when no rule is known.
    pub award_years: Option<u32>,
    /// The longest one period of validity can be (a renewal may run longer than a first
    /// award); bounds a status known only to have been held on some day.
    pub longest_years: Option<u32>,
}

/// KKK status is valid for three years from the minister's decision.
pub const KKK_TERM: Term = Term {
    award_years: Some(3),
    longest_years: Some(3),
};

/// ESCA labels: bronze is valid two years from the interview and a renewal extends it by
/// three; silver is valid two years on first award, its renewal term is not documented; gold's
/// validity is not documented at all.
pub fn esca_term(level: klastry_entity::EscaLevel) -> Term {
    match level {
        klastry_entity::EscaLevel::Bronze => Term {
            award_years: Some(2),
            longest_years: Some(3),
        },
        klastry_entity::EscaLevel::Silver => Term {
            award_years: Some(2),
            longest_years: None,
        },
        klastry_entity::EscaLevel::Gold => Term {
            award_years: None,
            longest_years: None,
        },
    }
}
