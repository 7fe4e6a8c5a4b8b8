//! What the operator's editors (of a cluster, an organisation, the operator's contact) share:
//! the record read afresh when picked (`RecordLoader`), the version each save brings back kept
//! for the next (`keep_version`), and deleting it after asking (`DeleteRecordButton`).

use crate::api::{Answer, ApiError};
use crate::components::{Confirm, ErrorNote, Loading, Outcome, Report, ReportView};
use crate::i18n::M;
use leptos::prelude::*;
use serde_json::Value;
use std::future::Future;

/// The record `read` gives (the answer's field `key`), drawn by `editor` once read; nothing
/// when there is no such record any more, what went wrong when it could not be read.
#[component]
pub fn RecordLoader<Read, Fut, Editor>(
    read: Read,
    /// The field of the answer that holds the record (`cluster`, `organisation`).
    key: &'static str,
    editor: Editor,
) -> impl IntoView
where
    Read: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<Value, ApiError>> + 'static,
    Editor: Fn(Value) -> AnyView + Clone + Send + Sync + 'static,
{
    let data = LocalResource::new(read);
    view! {
        <Transition fallback=Loading>
            {move || {
                let editor = editor.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) if d[key].is_object() => editor(d[key].clone()),
                        Ok(_) => ().into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// Keeps the version a saved record came back with (the answer's `key`), so the next save or
/// the deletion names it without reading the record again.
pub fn keep_version(answer: &Result<Answer, ApiError>, key: &str, version: RwSignal<i64>) {
    if let Ok(a) = answer
        && let Some(v) = a.fields.get(key).and_then(|r| r["version"].as_i64())
    {
        version.set(v);
    }
}

/// "Delete" that asks `question` first, then runs `delete`; when it is written, `on_deleted`
/// is given the record's `name` (for the panel to say what went), else the refusal is shown.
#[component]
pub fn DeleteRecordButton(
    label: M,
    question: M,
    test: &'static str,
    delete: Action<(), Outcome>,
    name: RwSignal<String>,
    on_deleted: Callback<String>,
) -> impl IntoView {
    let removal = Report::new();
    Effect::new(move |_| {
        if let Some(result) = delete.value().get()
            && removal.settle(result, None)
        {
            on_deleted.run(name.get_untracked());
        }
    });
    view! {
        <p>
            <Confirm label question test
                disabled=Signal::derive(move || delete.pending().get())
                on_confirm=Callback::new(move |_| { removal.clear(); delete.dispatch(()); })/>
        </p>
        <ReportView report=removal/>
    }
}
