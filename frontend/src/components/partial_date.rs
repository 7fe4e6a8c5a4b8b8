//! One input for a date known to the year, the month or the day (the API's `PartialDate`:
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`): a year typed as four digits, then a month and a day
//! chosen from lists that start with "whole year" and "whole month". A form cannot send a date
//! the API would refuse before reading it (13th month, 31 April, a two-digit year): the parts
//! are checked as they change and the problem is said under the field, in the interface's
//! language.

use crate::api::FieldError;
use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// The months' names, January first.
const MONTHS: [M; 12] = [
    M::MonthJanuary,
    M::MonthFebruary,
    M::MonthMarch,
    M::MonthApril,
    M::MonthMay,
    M::MonthJune,
    M::MonthJuly,
    M::MonthAugust,
    M::MonthSeptember,
    M::MonthOctober,
    M::MonthNovember,
    M::MonthDecember,
];

/// What is wrong with a date's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// The year is not four digits (or the month or day is given without a year).
    Year,
    /// The month has no such day (or a day is given without a month).
    Day,
    /// The field takes a whole date (a `Date`), and the month or the day is not chosen.
    WholeDate,
}

impl DateProblem {
    fn message(self) -> M {
        match self {
            DateProblem::Year => M::PartialDateBadYear,
            DateProblem::Day => M::PartialDateBadDay,
            DateProblem::WholeDate => M::DateNeedsDay,
        }
    }
}

/// A partial date split into what the form shows: the year as typed, the month and the day as
/// two digits or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    pub year: String,
    pub month: String,
    pub day: String,
}

impl DateParts {
    /// The parts of a `PartialDate` value; text that is not one is kept as the year, so that
    /// it is shown (and refused) rather than lost.
    pub fn split(value: &str) -> DateParts {
        let value = value.trim();
        if value.is_empty() {
            return DateParts::default();
        }
        if parse(value).is_none() {
            return DateParts {
                year: value.to_owned(),
                ..Default::default()
            };
        }
        let mut pieces = value.split('-').map(str::to_owned);
        DateParts {
            year: pieces.next().unwrap_or_default(),
            month: pieces.next().unwrap_or_default(),
            day: pieces.next().unwrap_or_default(),
        }
    }

    /// The `PartialDate` the parts make: empty when nothing is given, else `YYYY`, `YYYY-MM`
    /// or `YYYY-MM-DD`; or what is wrong with them.
    pub fn compose(&self) -> Result<String, DateProblem> {
        let (year, month, day) = (self.year.trim(), self.month.trim(), self.day.trim());
        if year.is_empty() && month.is_empty() && day.is_empty() {
            return Ok(String::new());
        }
        let text = match (month.is_empty(), day.is_empty()) {
            (true, true) => year.to_owned(),
            (false, true) => format!("{year}-{month}"),
            (false, false) => format!("{year}-{month}-{day}"),
            (true, false) => return Err(DateProblem::Day),
        };
        match parse(&text) {
            Some(_) => Ok(text),
            None if parse_year(year).is_none() => Err(DateProblem::Year),
            None => Err(DateProblem::Day),
        }
    }

    /// As [`compose`](Self::compose), for a field that takes only a whole date (`YYYY-MM-DD`).
    pub fn compose_whole(&self) -> Result<String, DateProblem> {
        let text = self.compose()?;
        if text.is_empty() || text.len() == "YYYY-MM-DD".len() {
            Ok(text)
        } else {
            Err(DateProblem::WholeDate)
        }
    }
}

/// A year of four digits.
fn parse_year(year: &str) -> Option<i32> {
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
        .then(|| year.parse().ok())
        .flatten()
}

/// The days of a month (of a year, for February).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A `PartialDate` as (year, month, day), the month and day when given; None when the text is
/// not one (as the API would refuse it).
pub fn parse(value: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let mut pieces = value.split('-');
    let year = parse_year(pieces.next()?)?;
    let two = |piece: Option<&str>| -> Option<Option<u32>> {
        match piece {
            None => Some(None),
            Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().ok().map(Some)
            }
            Some(_) => None,
        }
    };
    let month = two(pieces.next())?;
    let day = two(pieces.next())?;
    if pieces.next().is_some() {
        return None;
    }
    match (month, day) {
        (Some(m), _) if !(1..=12).contains(&m) => None,
        (Some(m), Some(d)) if d < 1 || d > days_in_month(year, m) => None,
        _ => Some((year, month, day)),
    }
}

/// A date known to the year, month or day, as `value` (a `PartialDate`, empty when not
/// given): a fieldset named `label`, with the year, the month and the day each labelled, a
/// hint of what it takes, and under it what is wrong with the parts or the API's refusal of
/// field `name`. While the parts make no date, `value` holds them as typed (which the API
/// refuses, so a form sent anyway is not written).
#[component]
pub fn PartialDateInput(
    #[prop(into)] name: String,
    label: M,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    /// The field takes a whole date (the API's `Date`): the month and the day must be chosen.
    #[prop(optional)]
    whole: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("date-{name}-{}", next_number());
    let (year_id, month_id, day_id) = (
        format!("{id}-year"),
        format!("{id}-month"),
        format!("{id}-day"),
    );
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let parts = RwSignal::new(DateParts::split(&value.get_untracked()));
    let problem = RwSignal::new(None::<DateProblem>);
    // What this input last wrote into `value`; anything else came from outside (a form
    // emptied after saving, a record chosen) and is shown.
    let written = StoredValue::new(value.get_untracked());
    Effect::new(move |_| {
        let now = value.get();
        if written.with_value(|w| *w != now) {
            written.set_value(now.clone());
            parts.set(DateParts::split(&now));
            problem.set(None);
        }
    });
    let change = move |edit: &dyn Fn(&mut DateParts)| {
        let mut next = parts.get_untracked();
        edit(&mut next);
        if next.month.is_empty() {
            next.day.clear();
        }
        let composed = if whole {
            next.compose_whole()
        } else {
            next.compose()
        };
        let text = match composed {
            Ok(text) => {
                problem.set(None);
                text
            }
            Err(why) => {
                problem.set(Some(why));
                [next.year.trim(), next.month.trim(), next.day.trim()]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join("-")
            }
        };
        parts.set(next);
        written.set_value(text.clone());
        value.set(text);
    };
    let field = name.clone();
    let refusal = Memo::new(move |_| {
        errors
            .get()
            .into_iter()
            .find(|e| e.field == field || e.field.ends_with(&format!(".{field}")))
    });
    let error_text = move || match problem.get() {
        Some(why) => Some(i18n.t(why.message()).to_owned()),
        None => refusal.get().map(|e| e.text(i18n.lang())),
    };
    let invalid = move || error_text().is_some().then_some("true");
    let described = format!("{hint_id} {error_id}");
    let days = move || {
        let p = parts.get();
        let month: u32 = p.month.parse().unwrap_or(0);
        let count = if month == 0 {
            31
        } else {
            days_in_month(parse_year(&p.year).unwrap_or(2000), month)
        };
        (1..=count).map(|d| format!("{d:02}")).collect::<Vec<_>>()
    };
    view! {
        <fieldset class="field partial-date" class:has-error=move || error_text().is_some()
            data-test=format!("date-{name}")>
            <legend>{move || i18n.t(label)}</legend>
            <p class="hint" id=hint_id>{move || i18n.t(if whole { M::DateHint } else { M::PartialDateHint })}</p>
            <div class="row">
                <div>
                    <label for=year_id.clone()>{move || i18n.t(M::DateYear)}</label>
                    <input id=year_id type="text" inputmode="numeric" maxlength="4" size="5"
                        pattern="[0-9]{4}" autocomplete="off" data-test="date-year"
                        aria-invalid=invalid aria-describedby=described.clone()
                        prop:value=move || parts.get().year
                        on:input=move |ev| { let typed = event_target_value(&ev); change(&|p| p.year = typed.clone()); }/>
                </div>
                <div>
                    <label for=month_id.clone()>{move || i18n.t(M::DateMonth)}</label>
                    <select id=month_id data-test="date-month" aria-describedby=described.clone()
                        prop:value=move || parts.get().month
                        on:change=move |ev| { let chosen = event_target_value(&ev); change(&|p| p.month = chosen.clone()); }>
                        <option value="">{move || if whole { "—" } else { i18n.t(M::DateWholeYear) }}</option>
                        {MONTHS.into_iter().enumerate().map(|(i, m)| {
                            let code = format!("{:02}", i + 1);
                            view! { <option value=code.clone() selected=move || parts.get().month == code>{move || i18n.t(m)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for=day_id.clone()>{move || i18n.t(M::DateDay)}</label>
                    <select id=day_id data-test="date-day" aria-describedby=described
                        disabled=move || parts.get().month.is_empty()
                        prop:value=move || parts.get().day
                        on:change=move |ev| { let chosen = event_target_value(&ev); change(&|p| p.day = chosen.clone()); }>
                        <option value="">{move || if whole { "—" } else { i18n.t(M::DateWholeMonth) }}</option>
                        {move || days().into_iter().map(|d| {
                            let shown = d.trim_start_matches('0').to_owned();
                            let code = d.clone();
                            view! { <option value=d selected=move || parts.get().day == code>{shown}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="field-error" id=error_id data-test=format!("error-{name}") role="alert">{error_text}</p>
        </fieldset>
    }
}

/// A number for each date input drawn, so that each one's ids are unique on the page.
fn next_number() -> u32 {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    NEXT.with(|next| {
        next.set(next.get().wrapping_add(1));
        next.get()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(year: &str, month: &str, day: &str) -> DateParts {
        DateParts {
            year: year.into(),
            month: month.into(),
            day: day.into(),
        }
    }

    #[test]
    fn a_date_keeps_the_precision_it_is_known_to() {
        assert_eq!(parse("2024"), Some((2024, None, None)));
        assert_eq!(parse("2024-03"), Some((2024, Some(3), None)));
        assert_eq!(parse("2024-02-29"), Some((2024, Some(2), Some(29))));
        assert_eq!(parts("2024", "", "").compose(), Ok("2024".into()));
        assert_eq!(parts("2024", "03", "").compose(), Ok("2024-03".into()));
        assert_eq!(parts("2024", "03", "05").compose(), Ok("2024-03-05".into()));
        assert_eq!(parts("", "", "").compose(), Ok(String::new()));
        for value in ["2024", "2024-03", "2024-03-05", ""] {
            assert_eq!(DateParts::split(value).compose(), Ok(value.to_owned()));
        }
    }

    #[test]
    fn a_field_of_whole_dates_takes_a_day_or_nothing() {
        assert_eq!(
            parts("2024", "03", "05").compose_whole(),
            Ok("2024-03-05".into())
        );
        assert_eq!(parts("", "", "").compose_whole(), Ok(String::new()));
        assert_eq!(
            parts("2024", "", "").compose_whole(),
            Err(DateProblem::WholeDate)
        );
        assert_eq!(
            parts("2024", "03", "").compose_whole(),
            Err(DateProblem::WholeDate)
        );
        assert_eq!(
            parts("24", "03", "05").compose_whole(),
            Err(DateProblem::Year)
        );
    }

    #[test]
    fn what_the_api_would_refuse_is_caught_before_it_is_sent() {
        for bad in [
            "24",
            "20245",
            "2024-3",
            "2024-13",
            "2024-00",
            "2023-02-29",
            "2024-04-31",
            "2024-1-1",
            "2024-01-01-01",
            "abcd",
            "2024/01",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(parts("24", "", "").compose(), Err(DateProblem::Year));
        assert_eq!(parts("", "03", "").compose(), Err(DateProblem::Year));
        assert_eq!(parts("2023", "02", "29").compose(), Err(DateProblem::Day));
        assert_eq!(parts("2024", "", "05").compose(), Err(DateProblem::Day));
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
    }

    #[test]
    fn text_that_is_no_date_is_kept_to_be_corrected() {
        assert_eq!(DateParts::split("5.03.2024"), parts("5.03.2024", "", ""));
        assert_eq!(DateParts::split("2024-03"), parts("2024", "03", ""));
    }
}
