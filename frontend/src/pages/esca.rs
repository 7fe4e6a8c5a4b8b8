//! The ESCA page: every label with its validity, a hundred at a time; "show more" adds the
//! next page (the API's cursor) to those shown, newest award first.

use crate::api::{self, ApiError};
use crate::components::{AsOfPicker, ErrorNote, Loading, StatusBadge, TableBox, title, use_as_of};
use crate::i18n::{M, date, label, number, use_i18n};
use crate::queries::{EscaPage as EscaQuery, esca_page};
use crate::values::code;
use leptos::prelude::*;
use leptos_router::components::A;

type Label = esca_page::EscaPageEscaLabelsNodes;

/// The ESCA labels page.
#[component]
pub fn EscaPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::EscaTitle).to_owned(),
        move || i18n.t(M::DescEsca).to_owned(),
    );
    // The cursor of the page asked for last; the labels read so far stay on screen.
    let after = RwSignal::new(None::<String>);
    let rows = RwSignal::new(Vec::<Label>::new());
    let total = RwSignal::new(None::<i64>);
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let failure = RwSignal::new(None::<ApiError>);
    // The statuses as of the day the URL names; another day starts the list again.
    let as_of = use_as_of();
    Effect::new(move |previous: Option<Option<String>>| {
        let day = as_of.get();
        if previous.is_some_and(|p| p != day) {
            rows.set(vec![]);
            total.set(None);
            after.set(None);
        }
        day
    });
    let page = LocalResource::new(move || {
        let (after, on) = (after.get(), as_of.get());
        let asked = (after.clone(), on.clone());
        async move {
            (
                asked,
                api::run::<EscaQuery>(esca_page::Variables { after, on }).await,
            )
        }
    });
    Effect::new(move |_| {
        let Some((asked, answer)) = page.get() else {
            return;
        };
        // An answer to an earlier day or page than the one asked for now is dropped.
        if asked != (after.get_untracked(), as_of.get_untracked()) {
            return;
        }
        loading.set(false);
        match answer {
            Ok(data) => {
                let labels = data.esca_labels;
                rows.update(|shown| add_page(shown, labels.nodes));
                total.set(Some(labels.total_count));
                next.set(
                    labels
                        .page_info
                        .end_cursor
                        .filter(|_| labels.page_info.has_next_page),
                );
            }
            Err(error) => failure.set(Some(error)),
        }
    });
    let more = move |_| {
        if let Some(cursor) = next.get_untracked() {
            loading.set(true);
            failure.set(None);
            after.set(Some(cursor));
        }
    };
    let shown = move || {
        let lang = i18n.lang();
        total.get().map(|t| {
            M::ShownOutOf
                .text(lang)
                .replace("{shown}", &number(lang, rows.with(Vec::len) as i64))
                .replace("{total}", &number(lang, t))
        })
    };
    view! {
        <h1>{move || i18n.t(M::EscaTitle)}</h1>
        <p class="lead">{move || i18n.t(M::EscaLead)}</p>
        <AsOfPicker as_of/>
        {move || (loading.get() && rows.with(Vec::is_empty)).then(|| view! { <Loading/> })}
        {move || (!rows.with(Vec::is_empty)).then(|| view! {
            <TableBox label=Signal::derive(move || i18n.t(M::EscaTitle).to_owned())>
                <table class="labels" data-test="esca-table">
                    <thead><tr>
                        <th>{move || i18n.t(M::Cluster)}</th><th>{move || i18n.t(M::Level)}</th>
                        <th>{move || i18n.t(M::Awarded)}</th><th>{move || i18n.t(M::ValidUntil)}</th><th>{move || i18n.t(M::Status)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|l| l.id.clone() let:l>
                            <LabelRow l/>
                        </For>
                    </tbody>
                </table>
            </TableBox>
        })}
        <p class="total" role="status" data-test="esca-shown">{shown}</p>
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        {move || next.get().map(|_| view! {
            <p><button type="button" class="secondary" data-test="more" disabled=move || loading.get() on:click=more>
                {move || i18n.t(if loading.get() { M::Loading } else { M::ShowMore })}
            </button></p>
        })}
    }
}

/// Adds a page to the labels shown (none twice) and keeps them newest award first.
fn add_page(shown: &mut Vec<Label>, page: Vec<Label>) {
    for label in page {
        if !shown.iter().any(|l| l.id == label.id) {
            shown.push(label);
        }
    }
    shown.sort_by(|a, b| b.awarded_on.cmp(&a.awarded_on));
}

/// One label: the cluster, the level, its dates and its status on the day shown.
#[component]
fn LabelRow(l: Label) -> impl IntoView {
    let i18n = use_i18n();
    let level = code(&l.level);
    let level_class = format!("esca esca-{}", level.to_lowercase());
    let awarded = l.awarded_on.clone();
    let until = l.valid_until.clone();
    view! {
        <tr>
            <td>{l.cluster.map(|c| view! { <A href=format!("/clusters/{}", c.slug)>{c.name}</A> })}</td>
            <td><span class=level_class>{move || label(i18n.lang(), &level)}</span></td>
            <td>{move || awarded.as_deref().map(|d| date(i18n.lang(), d))}</td>
            <td>{move || until.as_deref().map(|d| date(i18n.lang(), d))}</td>
            <td><StatusBadge status=code(&l.status)/></td>
        </tr>
    }
}
