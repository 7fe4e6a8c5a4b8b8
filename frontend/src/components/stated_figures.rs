//! What sources state, apart from what the registry has recorded: the figures a source gives
//! about a cluster ("blisko 150 członków", its date at the source's precision and a link to the
//! document), and a value the registry inferred rather than found stated (a sector from the
//! cluster's name, an organisation's kind), marked so with the rule it followed.

use super::sources::{Source, SourceRef};
use crate::i18n::{Lang, M, Noun, count, date, use_i18n};
use leptos::prelude::*;

/// A figure a source states about a cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What it counts: the API's `StatedFigureKind` (`MEMBERS`, `COMPANIES`...).
    pub kind: String,
    /// How the number relates to the count: the API's `FigureQualifier` (`NEARLY`...).
    pub qualifier: String,
    pub value: i64,
    /// The day, month or year it describes, at the source's precision; None when undated.
    pub stated_on: Option<String>,
    /// The source's own words.
    pub quote: String,
    pub source: Option<Source>,
}

/// A figure in words, its qualifier before the count and the noun in the right number:
/// "blisko 150 członków", "more than 80 companies", "20 partnerów strategicznych".
pub fn figure_text(lang: Lang, kind: &str, qualifier: &str, value: i64) -> String {
    let noun = match kind {
        "COMPANIES" => Noun::Company,
        "STRATEGIC_PARTNERS" => Noun::StrategicPartner,
        "EMPLOYEES" => Noun::Employee,
        _ => Noun::Member,
    };
    let before = match qualifier {
        "ABOUT" => Some(M::FigureAbout),
        "NEARLY" => Some(M::FigureNearly),
        "MORE_THAN" => Some(M::FigureMoreThan),
        "AT_LEAST" => Some(M::FigureAtLeast),
        "FEWER_THAN" => Some(M::FigureFewerThan),
        _ => None,
    };
    let counted = count(lang, value, noun);
    match before {
        Some(m) => format!("{} {counted}", m.text(lang)),
        None => counted,
    }
}

/// When a figure holds, at the precision its source gives, or that the source gives none.
pub fn figure_date(lang: Lang, stated_on: Option<&str>) -> String {
    match stated_on {
        Some(day) => date(lang, day),
        None => M::FigureUndated.text(lang).to_owned(),
    }
}

/// The tag a value the registry inferred carries ("wnioskowany"); None for a stated one.
pub fn inferred_tag(lang: Lang, inferred_by: Option<&str>) -> Option<&'static str> {
    inferred_by.map(|_| M::Inferred.text(lang))
}

/// The figures sources state, one a line: the figure, its date, its source.
#[component]
pub fn StatedFigures(figures: Vec<Figure>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="plain" data-test="stated-figures">
            {figures.into_iter().map(|f| {
                let Figure { kind, qualifier, value, stated_on, quote, source } = f;
                view! {
                    <li data-test="stated-figure">
                        <span title=quote>{move || figure_text(i18n.lang(), &kind, &qualifier, value)}</span>
                        " "<span class="meta">"("{move || figure_date(i18n.lang(), stated_on.as_deref())}")"</span>
                        {source.map(|source| view! { " "<SourceRef source/> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A value, marked as inferred by the registry when `inferred_by` (the rule, in words) is given:
/// "cyfrowy (wnioskowany)", the rule shown on hovering and read by screen readers.
#[component]
pub fn Inferred(text: String, inferred_by: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let tag = move || {
        inferred_by.clone().and_then(|rule| {
            inferred_tag(i18n.lang(), Some(&rule)).map(|tag| {
                view! {
                    " "<span class="meta inferred" data-test="inferred" title=rule.clone()>
                        "("{tag}<span class="sr-only">": "{rule.clone()}</span>")"
                    </span>
                }
            })
        })
    };
    view! { <span>{text}{tag}</span> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_worded_with_their_qualifier_and_number() {
        assert_eq!(
            figure_text(Lang::Pl, "MEMBERS", "NEARLY", 150),
            "blisko 150 członków"
        );
        assert_eq!(
            figure_text(Lang::En, "MEMBERS", "NEARLY", 150),
            "nearly 150 members"
        );
        assert_eq!(
            figure_text(Lang::Pl, "COMPANIES", "MORE_THAN", 80),
            "ponad 80 firm"
        );
        assert_eq!(
            figure_text(Lang::En, "COMPANIES", "MORE_THAN", 80),
            "more than 80 companies"
        );
        assert_eq!(
            figure_text(Lang::Pl, "STRATEGIC_PARTNERS", "EXACTLY", 20),
            "20 partnerów strategicznych"
        );
        assert_eq!(
            figure_text(Lang::En, "STRATEGIC_PARTNERS", "EXACTLY", 20),
            "20 strategic partners"
        );
        assert_eq!(figure_text(Lang::Pl, "COMPANIES", "EXACTLY", 3), "3 firmy");
        assert_eq!(figure_text(Lang::Pl, "COMPANIES", "EXACTLY", 1), "1 firma");
        assert_eq!(
            figure_text(Lang::En, "EMPLOYEES", "AT_LEAST", 1),
            "at least 1 employee"
        );
        assert_eq!(
            figure_text(Lang::Pl, "EMPLOYEES", "ABOUT", 1200),
            "około 1200 pracowników"
        );
        assert_eq!(
            figure_text(Lang::En, "MEMBERS", "FEWER_THAN", 10),
            "fewer than 10 members"
        );
    }

    #[test]
    fn a_figure_is_dated_at_its_precision_or_said_undated() {
        assert_eq!(figure_date(Lang::Pl, Some("2021-03")), "03.2021");
        assert_eq!(figure_date(Lang::En, Some("2021")), "2021");
        assert_eq!(figure_date(Lang::Pl, None), "data niepodana w źródle");
        assert_eq!(figure_date(Lang::En, None), "undated in the source");
    }

    #[test]
    fn only_an_inferred_value_is_marked() {
        let rule = "from the name: 'Lotnicza' (aviation) → aerospace-defence";
        assert_eq!(inferred_tag(Lang::Pl, Some(rule)), Some("wnioskowany"));
        assert_eq!(inferred_tag(Lang::En, Some(rule)), Some("inferred"));
        assert_eq!(inferred_tag(Lang::En, None), None);
    }
}
