//! The registry as of a day: a page's answers as they were on the day its URL names
//! (`?asOf=YYYY-MM-DD`), so "who held the KKK status on 1 June 2024?" is one link. `as_of`
//! reads the day from the URL; `AsOfPicker` chooses it (in the one date input, whole dates
//! only) and goes back to today.

use super::partial_date::{PartialDateInput, parse};
use crate::api::FieldError;
use crate::i18n::{M, date, use_i18n};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

/// The URL's query parameter that names the day.
pub const AS_OF: &str = "asOf";

/// A day as the URL names it: `YYYY-MM-DD` that is a real day, else None (today).
pub fn as_of_day(value: Option<String>) -> Option<String> {
    value.filter(|v| {
        v.len() == "YYYY-MM-DD".len() && matches!(parse(v), Some((_, Some(_), Some(_))))
    })
}

/// The day the page's URL names, None for today.
pub fn use_as_of() -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| as_of_day(query.read().get(AS_OF)))
}

/// "As of" a day: the day shown (or today), a date to choose another, and a link back to
/// today. Choosing keeps the page's other parameters and drops its page cursors, as a list
/// as of another day starts again.
#[component]
pub fn AsOfPicker(
    as_of: Memo<Option<String>>,
    /// The date's label, "Stan na dzień" unless given.
    #[prop(optional)]
    label: Option<M>,
) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let navigate = use_navigate();
    let chosen = RwSignal::new(as_of.get_untracked().unwrap_or_default());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let go = move |day: Option<String>| {
        let mut query = location.query.get_untracked();
        for cursor in ["after", "before"] {
            query.remove(cursor);
        }
        match day {
            Some(day) => query.replace(AS_OF, day),
            None => {
                query.remove(AS_OF);
            }
        }
        let url = format!(
            "{}{}",
            location.pathname.get_untracked(),
            query.to_query_string()
        );
        navigate(&url, Default::default());
    };
    let show = go.clone();
    view! {
        <form class="as-of" data-test="as-of" on:submit=move |ev| {
            ev.prevent_default();
            show(as_of_day(Some(chosen.get_untracked())));
        }>
            <p class="meta" data-test="as-of-day" role="status">{move || match as_of.get() {
                Some(day) => format!("{} {}", i18n.t(M::AsOfShown), date(i18n.lang(), &day)),
                None => i18n.t(M::AsOfToday).to_owned(),
            }}</p>
            <PartialDateInput name="asOf" label=label.unwrap_or(M::AsOfDay) value=chosen errors whole=true/>
            <button type="submit" class="small">{move || i18n.t(M::AsOfShow)}</button>
            {move || as_of.get().is_some().then(|| {
                let back = go.clone();
                view! {
                    " "<button type="button" class="small secondary" data-test="as-of-today"
                        on:click=move |_| { chosen.set(String::new()); back(None); }>{move || i18n.t(M::AsOfBackToToday)}</button>
                }
            })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_real_day_is_a_day_to_show() {
        assert_eq!(
            as_of_day(Some("2024-06-01".into())),
            Some("2024-06-01".into())
        );
        assert_eq!(as_of_day(Some("2024-02-30".into())), None);
        assert_eq!(as_of_day(Some("2024-06".into())), None);
        assert_eq!(as_of_day(Some("wczoraj".into())), None);
        assert_eq!(as_of_day(None), None);
    }
}
