//! Naming the source of a record (a KKK certification, an ESCA label): a document of the
//! registry found by typing its code, title or publisher, or a new one described in place
//! (title, publisher, published date, address, language). The registry refuses a record
//! without either under `sourceId`, and a new document's fields under `source.title` and the
//! like; each refusal shows under what it names.

use super::field::{Choice, Field};
use super::partial_date::PartialDateInput;
use super::picker::{Found, SearchPicker};
use crate::api::{self, ApiError, FieldError};
use crate::i18n::{M, Noun, use_i18n};
use crate::queries::{SourceChoices, source_choices};
use crate::values::{given, text, text_at};
use leptos::prelude::*;
use serde_json::{Map, Value};
use std::future::Future;
use std::pin::Pin;

/// The languages a new document may be in, as the API names them, Polish first.
const LANGUAGES: [&str; 2] = ["pl", "en"];

/// What a form holds of a record's source: the document chosen, or a new one being described.
#[derive(Clone, Copy)]
pub struct SourceInput {
    /// The document chosen (`id code title publisher publishedOn`).
    pub chosen: RwSignal<Option<Value>>,
    /// Whether a new document is described instead of one chosen.
    pub adding: RwSignal<bool>,
    pub title: RwSignal<String>,
    pub publisher: RwSignal<String>,
    pub published_on: RwSignal<String>,
    pub url: RwSignal<String>,
    pub language: RwSignal<String>,
}

impl SourceInput {
    /// A source input with `current` chosen (a record's source when correcting it).
    pub fn new(current: Option<Value>) -> Self {
        Self {
            chosen: RwSignal::new(current.filter(Value::is_object)),
            adding: RwSignal::new(false),
            title: RwSignal::new(String::new()),
            publisher: RwSignal::new(String::new()),
            published_on: RwSignal::new(String::new()),
            url: RwSignal::new(String::new()),
            language: RwSignal::new(LANGUAGES[0].to_owned()),
        }
    }

    /// The fields of a mutation's input naming the source, as they stand (read untracked).
    pub fn fields(&self) -> Map<String, Value> {
        let new = self.adding.get_untracked().then(|| NewSource {
            title: self.title.get_untracked(),
            publisher: self.publisher.get_untracked(),
            published_on: self.published_on.get_untracked(),
            url: self.url.get_untracked(),
            language: self.language.get_untracked(),
        });
        let chosen = self
            .chosen
            .get_untracked()
            .and_then(|c| text_at(&c, "id"))
            .filter(|id| !id.is_empty());
        source_fields(chosen, new)
    }

    /// After a record was written with the document `written` (as the answer selects it): that
    /// document is chosen, and a new one's description put away, so the next record names the
    /// same document rather than describing it again.
    pub fn adopt(&self, written: Option<Value>) {
        if let Some(document) = written.filter(Value::is_object) {
            let _ = self.chosen.try_set(Some(document));
        }
        if self.adding.get_untracked() {
            let _ = self.adding.try_set(false);
            for field in [self.title, self.publisher, self.published_on, self.url] {
                let _ = field.try_set(String::new());
            }
            let _ = self.language.try_set(LANGUAGES[0].to_owned());
        }
    }
}

/// A new document as a form describes it.
#[derive(Debug, Clone, Default, PartialEq)]
struct NewSource {
    title: String,
    publisher: String,
    published_on: String,
    url: String,
    language: String,
}

/// The input fields naming a source: a new document when one is described (its required texts
/// sent even when empty, for the registry to refuse under their fields; no date when none is
/// given), else the chosen document's id, else nothing (which the registry refuses under
/// `sourceId`).
fn source_fields(chosen: Option<String>, new: Option<NewSource>) -> Map<String, Value> {
    let mut fields = Map::new();
    match (new, chosen) {
        (Some(new), _) => {
            let mut source = Map::new();
            source.insert("title".into(), new.title.trim().into());
            source.insert("publisher".into(), new.publisher.trim().into());
            if let Some(day) = given(new.published_on) {
                source.insert("publishedOn".into(), day.into());
            }
            source.insert("url".into(), new.url.trim().into());
            source.insert("language".into(), new.language.into());
            fields.insert("source".into(), Value::Object(source));
        }
        (None, Some(id)) => {
            fields.insert("sourceId".into(), id.into());
        }
        (None, None) => {}
    }
    fields
}

/// A record's source: the document picker (`sourceId`'s refusals under it) and, behind "add a
/// new source document", the new document's fields.
#[component]
pub fn SourceField(source: SourceInput, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let SourceInput {
        chosen,
        adding,
        title,
        publisher,
        published_on,
        url,
        language,
    } = source;
    view! {
        <fieldset class="source-field" data-test="source-field">
            <legend>{move || i18n.t(M::SourceLegend)}</legend>
            <Show when=move || !adding.get()>
                <SearchPicker label=M::SourceDocument chosen search=find_sources describe=document
                    noun=Noun::Document test="source-picker" errors=Some(errors) name="sourceId"/>
            </Show>
            <label class="check">
                <input type="checkbox" data-test="source-new" prop:checked=move || adding.get()
                    on:change=move |ev| adding.set(event_target_checked(&ev))/>
                {move || i18n.t(M::SourceAddNew)}
            </label>
            <Show when=move || adding.get()>
                <div class="source-new" data-test="source-new-fields">
                    <Field name="source.title" label=M::SourceTitle value=title errors/>
                    <div class="row">
                        <Field name="source.publisher" label=M::SourcePublisher value=publisher errors/>
                        <PartialDateInput name="source.publishedOn" label=M::SourcePublishedOn value=published_on errors/>
                    </div>
                    <div class="row">
                        <Field name="source.url" label=M::SourceUrl value=url errors kind="url"/>
                        <Choice name="source.language" label=M::SourceLanguage value=language errors
                            options=LANGUAGES.iter().map(|l| (*l).to_owned()).collect()
                            names=vec!["polski".into(), "English".into()]/>
                    </div>
                </div>
            </Show>
        </fieldset>
    }
}

fn find_sources(
    text: String,
    after: Option<String>,
) -> Pin<Box<dyn Future<Output = Result<Found, ApiError>>>> {
    Box::pin(async move {
        let data = api::read::<SourceChoices>(source_choices::Variables { text, after }).await?;
        Ok(Found::of_connection(&data["sources"]))
    })
}

/// A document as the picker lists it: "code · title", then its publisher and date.
fn document(d: &Value) -> (String, String) {
    let detail = [text(d, "publisher"), text(d, "publishedOn")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    (
        format!("{} · {}", text(d, "code"), text(d, "title")),
        detail,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_new_document_is_sent_rather_than_the_one_chosen() {
        let new = NewSource {
            title: " Raport ".into(),
            publisher: "PARP".into(),
            published_on: String::new(),
            url: "https://parp.gov.pl/r".into(),
            language: "pl".into(),
        };
        assert_eq!(
            Value::Object(source_fields(Some("S1".into()), Some(new.clone()))),
            json!({"source": {"title": "Raport", "publisher": "PARP", "url": "https://parp.gov.pl/r", "language": "pl"}})
        );
        let dated = NewSource {
            published_on: "2017-02".into(),
            ..new
        };
        assert_eq!(
            source_fields(None, Some(dated))["source"]["publishedOn"],
            "2017-02"
        );
    }

    #[test]
    fn a_chosen_document_is_sent_by_its_id_and_none_is_sent_without_one() {
        assert_eq!(
            Value::Object(source_fields(Some("S1".into()), None)),
            json!({"sourceId": "S1"})
        );
        assert!(source_fields(None, None).is_empty());
    }

    #[test]
    fn a_document_is_listed_by_code_and_title_with_its_publisher_and_date() {
        let d = json!({"id": "S", "code": "003", "title": "Poradnik", "publisher": "PARP", "publishedOn": "2017"});
        assert_eq!(
            document(&d),
            ("003 · Poradnik".to_owned(), "PARP · 2017".to_owned())
        );
        let bare =
            json!({"code": "000", "title": "Profil", "publisher": null, "publishedOn": null});
        assert_eq!(document(&bare).1, "");
    }
}
