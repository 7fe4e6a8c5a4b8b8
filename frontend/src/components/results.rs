//! The tail every paged list of results ends with: how many match on all pages, a word when
//! none does, the cards and the links to the pages around. The page keeps what is its own: the
//! filters and chips above, what a card shows.

use super::Pager;
use crate::i18n::{M, Noun, count, use_i18n};
use leptos::prelude::*;

/// One page of a list's results: the total (`data-test="total"`) counted in `noun`s, "nothing
/// found" when the page holds no item, each item as `card` draws it in a `<ul class="cards">`,
/// and the [`Pager`]. Children go beside the total (the directory's order), the two in a
/// `results-bar`.
#[component]
pub fn ResultList<T, V, F>(
    /// How many results match, on all pages.
    total: i64,
    /// What the total counts.
    noun: Noun,
    /// The page's results.
    items: Vec<T>,
    /// One result's card, an `<li class="card">`.
    card: F,
    /// The URL of the page before, if there is one.
    previous: Option<String>,
    /// The URL of the page after, if there is one.
    next: Option<String>,
    /// What sits beside the total.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + 'static,
{
    let i18n = use_i18n();
    let empty = items.is_empty();
    let cards = items.into_iter().map(card).collect_view();
    let total = view! {
        <p class="total" data-test="total">{move || format!("{}: {}", i18n.t(M::Results), count(i18n.lang(), total, noun))}</p>
    };
    let head = match children {
        Some(beside) => view! { <div class="results-bar">{total}{beside()}</div> }.into_any(),
        None => total.into_any(),
    };
    view! {
        {head}
        {empty.then(|| view! { <p class="empty">{move || i18n.t(M::NothingFound)}</p> })}
        <ul class="cards">{cards}</ul>
        <Pager previous next/>
    }
}
