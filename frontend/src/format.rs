//! How values are written for people, beside `i18n`'s numbers and dates: Roman round numbers,
//! a sector's name in the language shown, a period from two partial dates, a status's period as
//! its source states it (or held since its award), a membership's periods,
//! and a long text cut short for a page's description.

use crate::i18n::{Lang, M, date};

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

/// When something runs, each end at the precision it is known (`03.2025 – 5.06.2025`, a year
/// stays a year); one date when it starts and ends alike or only one end is known.
pub fn period(lang: Lang, starts: Option<&str>, ends: Option<&str>) -> String {
    match (starts, ends) {
        (Some(s), Some(e)) if s != e => format!("{} – {}", date(lang, s), date(lang, e)),
        (Some(s), _) => date(lang, s),
        (None, Some(e)) => date(lang, e),
        (None, None) => String::new(),
    }
}

/// When a KKK status or an ESCA label runs, as its source states it, each date at the
/// precision the source gives ("od 2015 do 2018", never the days the registry derives from a
/// year). Where the source gives no end, the last day the programme's rules allow
/// (`latest_end`, the API's `validity.latestEnd`) is said as such: "at the latest until".
pub fn status_period(
    lang: Lang,
    awarded_on: Option<&str>,
    valid_until: Option<&str>,
    latest_end: Option<&str>,
) -> String {
    let from = awarded_on.map(|a| format!("{} {}", M::ValidFrom.text(lang), date(lang, a)));
    let until = match (valid_until, latest_end) {
        (Some(u), _) => Some(format!("{} {}", M::ValidUntil.text(lang), date(lang, u))),
        (None, Some(l)) => Some(format!(
            "{} {}",
            M::AtTheLatestUntil.text(lang),
            date(lang, l)
        )),
        (None, None) => None,
    };
    match (from, until) {
        (Some(f), Some(u)) if valid_until.is_some() => format!("{f} {u}"),
        (Some(f), Some(u)) => format!("{f}, {u}"),
        (Some(f), None) => f,
        (None, Some(u)) => u,
        (None, None) => "—".to_owned(),
    }
}

/// A status the source says has been held since its award, continuously: "od 2016
/// nieprzerwanie", "since 2016, continuously".
pub fn held_since(lang: Lang, awarded_on: &str) -> String {
    format!(
        "{} {}{}",
        M::HeldSince.text(lang),
        date(lang, awarded_on),
        M::HeldContinuously.text(lang)
    )
}

/// A membership's periods, each end at the precision its source gives, "; " between them:
/// "od 03.2015 do 06.2017; od 15.01.2020".
pub fn membership_periods(lang: Lang, periods: &[(Option<String>, Option<String>)]) -> String {
    periods
        .iter()
        .map(|(joined, left)| match (joined, left) {
            // An open period no source dates: a member now, since a day nobody stated.
            (None, None) => M::PeriodUndated.text(lang).to_owned(),
            _ => status_period(lang, joined.as_deref(), left.as_deref(), None),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The start of a text, at most `limit` characters, cut at a word and ended with "…" when
/// shortened: search engines show about 160 characters of a page's description.
pub fn excerpt(text: &str, limit: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= limit {
        return text;
    }
    let cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > 0 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_at_a_word() {
        assert_eq!(excerpt("Krótki opis.", 160), "Krótki opis.");
        assert_eq!(excerpt("  spaced\n out  ", 160), "spaced out");
        assert_eq!(
            excerpt("Klaster łączy firmy, uczelnie i samorządy.", 24),
            "Klaster łączy firmy…"
        );
        assert!(excerpt(&"słowo ".repeat(100), 160).chars().count() <= 160);
    }

    #[test]
    fn periods_keep_each_end_at_its_precision() {
        assert_eq!(
            period(Lang::Pl, Some("2025-03"), Some("2025-06-05")),
            "03.2025 – 5.06.2025"
        );
        assert_eq!(period(Lang::En, Some("2025"), None), "2025");
        assert_eq!(
            period(Lang::En, Some("2025-03-01"), Some("2025-03-01")),
            "1 Mar 2025"
        );
        assert_eq!(period(Lang::En, None, None), "");
    }

    #[test]
    fn a_status_period_keeps_the_precision_of_its_source() {
        assert_eq!(
            status_period(Lang::Pl, Some("2015"), Some("2018"), Some("2018-12-31")),
            "od 2015 do 2018"
        );
        assert_eq!(
            status_period(Lang::Pl, Some("2017-02"), None, Some("2019-02-28")),
            "od 02.2017, najpóźniej do 28.02.2019"
        );
        assert_eq!(
            status_period(Lang::En, Some("2016"), None, None),
            "from 2016"
        );
        assert_eq!(
            status_period(Lang::En, None, Some("2025-12-17"), None),
            "until 17 Dec 2025"
        );
        assert_eq!(status_period(Lang::En, None, None, None), "—");
    }

    #[test]
    fn a_status_held_since_its_award_is_said_continuous() {
        assert_eq!(held_since(Lang::Pl, "2016"), "od 2016 nieprzerwanie");
        assert_eq!(held_since(Lang::En, "2016"), "since 2016, continuously");
        assert_eq!(
            held_since(Lang::En, "2016-05"),
            "since May 2016, continuously"
        );
    }

    #[test]
    fn membership_periods_keep_each_end_at_its_precision() {
        let periods = [
            (Some("2015-03".to_owned()), Some("2017-06".to_owned())),
            (Some("2020-01-15".to_owned()), None),
        ];
        assert_eq!(
            membership_periods(Lang::Pl, &periods),
            "od 03.2015 do 06.2017; od 15.01.2020"
        );
        assert_eq!(
            membership_periods(Lang::En, &periods),
            "from Mar 2015 until Jun 2017; from 15 Jan 2020"
        );
        assert_eq!(
            membership_periods(Lang::En, &[(None, Some("2019".to_owned()))]),
            "until 2019"
        );
        assert_eq!(membership_periods(Lang::En, &[]), "");
        assert_eq!(
            membership_periods(Lang::Pl, &[(None, None)]),
            "od daty niepodanej w źródle"
        );
    }

    #[test]
    fn rounds_are_written_in_roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
    }
}
