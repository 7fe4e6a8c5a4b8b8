//! Picking one record by searching as one types: the shared picker (`SearchPicker`), which
//! lists what a search finds with a "choose" button each and pages on with "more", and the
//! organisation picker built on it. The cluster picker is in `cluster_picker`.

use super::feedback::ErrorNote;
use crate::api::{self, ApiError, FieldError};
use crate::i18n::{M, Noun, count, use_i18n};
use crate::queries::{MergeCandidates, merge_candidates};
use crate::values::{items, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

/// One page of what a search found: the records (as JSON), the cursor of the next page when
/// there is one, and how many match on all pages.
#[derive(Clone, Default)]
pub struct Found {
    pub nodes: Vec<Value>,
    pub next: Option<String>,
    pub total: i64,
}

impl Found {
    /// A connection's page (`nodes`, `pageInfo { hasNextPage endCursor }`, `totalCount`).
    pub fn of_connection(connection: &Value) -> Self {
        let info = &connection["pageInfo"];
        let next = if info["hasNextPage"].as_bool().unwrap_or(false) {
            info["endCursor"].as_str().map(str::to_owned)
        } else {
            None
        };
        let nodes = items(connection, "nodes").to_vec();
        Self {
            total: connection["totalCount"]
                .as_i64()
                .unwrap_or(nodes.len() as i64),
            nodes,
            next,
        }
    }
}

/// A search: the text typed and the cursor to continue after (None for the first page). A
/// function pointer, so every picker runs the same boxed future.
pub type Search =
    fn(String, Option<String>) -> Pin<Box<dyn Future<Output = Result<Found, ApiError>>>>;

/// How a found record is listed: its name and a detail after it (city, identifiers).
pub type Describe = fn(&Value) -> (String, String);

/// What a found record offers besides "choose" (a link to its desk, say).
pub type Extra = fn(&Value) -> AnyView;

/// A labelled search box whose findings are listed as one types, each with a "choose" button;
/// "more" appends the next page. The record chosen is kept in `chosen` (and given to
/// `on_pick`); a `clearable` picker can also be left with nothing chosen (a cluster's
/// coordinator taken away). `errors` of field `name` are shown under it, as a form's fields
/// show theirs.
#[component]
pub fn SearchPicker(
    label: M,
    chosen: RwSignal<Option<Value>>,
    search: Search,
    describe: Describe,
    noun: Noun,
    #[prop(optional)] test: &'static str,
    #[prop(optional_no_strip)] on_pick: Option<Callback<Value>>,
    #[prop(optional_no_strip)] extra: Option<Extra>,
    #[prop(optional_no_strip)] errors: Option<RwSignal<Vec<FieldError>>>,
    #[prop(optional)] name: &'static str,
    #[prop(optional)] clearable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Found>);
    let failure = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    // Answers to an earlier text than the one typed last are dropped.
    let generation = StoredValue::new(0u32);
    let run = move |after: Option<String>| {
        let text = query.get_untracked().trim().to_owned();
        let more = after.is_some();
        if !more {
            generation.update_value(|g| *g = g.wrapping_add(1));
        }
        let mine = generation.get_value();
        if text.is_empty() {
            found.set(None);
            return;
        }
        loading.set(true);
        spawn_local(async move {
            let result = search(text, after).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            let _ = loading.try_set(false);
            match result {
                Ok(page) => {
                    let _ = failure.try_set(None);
                    let _ = found.try_update(|shown| match shown {
                        Some(shown) if more => {
                            shown.nodes.extend(page.nodes);
                            shown.next = page.next;
                        }
                        _ => *shown = Some(page),
                    });
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    let id = format!("pick-{}", next_picker_number());
    let error_id = format!("{id}-error");
    let status_id = format!("{id}-status");
    let error = move || {
        let errors = errors?.get();
        errors
            .into_iter()
            .find(|e| {
                !name.is_empty() && (e.field == name || e.field.ends_with(&format!(".{name}")))
            })
            .map(|e| e.text(i18n.lang()))
    };
    let pick = move |record: Value| {
        chosen.set(Some(record.clone()));
        query.set(String::new());
        found.set(None);
        generation.update_value(|g| *g = g.wrapping_add(1));
        if let Some(on_pick) = on_pick {
            on_pick.run(record);
        }
    };
    view! {
        <div class="field picker" class:has-error=move || error().is_some() data-test=test>
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <input id=id type="search" autocomplete="off" aria-describedby=format!("{status_id} {error_id}")
                aria-invalid=move || error().is_some().then_some("true")
                prop:value=move || query.get()
                on:input=move |ev| { query.set(event_target_value(&ev)); run(None); }
                // Enter in the search box searches; it does not send the form around it.
                on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); }/>
            {move || chosen.get().map(|c| view! {
                <p data-test="chosen">{move || i18n.t(M::PickerChosen)}" "<strong>{describe(&c).0}</strong>
                    {clearable.then(|| view! {
                        " "<button type="button" class="small secondary" data-test="picker-clear"
                            on:click=move |_| chosen.set(None)>{move || i18n.t(M::PickerClear)}</button>
                    })}
                </p>
            })}
            <p class="field-error" id=error_id role="alert">{error}</p>
            <p class="meta" id=status_id role="status">{move || found.get().map(|f| if f.total == 0 {
                i18n.t(M::PickerNothing).to_owned()
            } else {
                count(i18n.lang(), f.total, noun)
            })}</p>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            {move || found.get().map(|f| {
                let next = f.next.clone();
                view! {
                    <ul class="plain">
                        {f.nodes.into_iter().map(|record| {
                            let (name, detail) = describe(&record);
                            let offered = extra.map(|extra| extra(&record));
                            view! {
                                <li data-test="candidate">
                                    {name.clone()}" "<span class="meta">{detail}</span>" "
                                    <button type="button" class="small secondary" on:click=move |_| pick(record.clone())>
                                        {move || i18n.t(M::MergeChoose)}<span class="sr-only">{format!(": {name}")}</span>
                                    </button>
                                    {offered.map(|o| view! { " " {o} })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {next.map(|after| view! {
                        <button type="button" class="small secondary" data-test="picker-more" disabled=move || loading.get()
                            on:click=move |_| run(Some(after.clone()))>{move || i18n.t(M::PickerMore)}</button>
                    })}
                }
            })}
        </div>
    }
}

/// An organisation picked by name, city, NIP or REGON.
#[component]
pub fn OrganisationPicker(
    label: M,
    chosen: RwSignal<Option<Value>>,
    #[prop(optional)] test: &'static str,
    #[prop(optional_no_strip)] errors: Option<RwSignal<Vec<FieldError>>>,
    #[prop(optional)] name: &'static str,
    #[prop(optional)] clearable: bool,
) -> impl IntoView {
    view! {
        <SearchPicker label chosen search=find_organisations describe=organisation noun=Noun::Organisation test errors name clearable/>
    }
}

fn find_organisations(
    text: String,
    after: Option<String>,
) -> Pin<Box<dyn Future<Output = Result<Found, ApiError>>>> {
    Box::pin(async move {
        let data =
            api::read::<MergeCandidates>(merge_candidates::Variables { text, after }).await?;
        Ok(Found::of_connection(&data["organisations"]))
    })
}

/// An organisation as a picker lists it: its name, then its city and NIP.
pub fn organisation(o: &Value) -> (String, String) {
    let detail = [text(o, "city"), text(o, "nip")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    (text(o, "name"), detail)
}

/// A number for each picker's ids, unique on the page.
fn next_picker_number() -> u32 {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    NEXT.with(|next| {
        next.set(next.get().wrapping_add(1));
        next.get()
    })
}
