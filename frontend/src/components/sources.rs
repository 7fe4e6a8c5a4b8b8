//! The documents the registry's facts come from, as pages show them: a fact's small link to its
//! source (`SourceRef`, "źródło: 004", the document's title as its tooltip), pointing at the
//! document's entry in a page's list of sources (`SourceList`, each entry anchored as
//! `#source-004`); one document's code, title, publisher, date and address (`SourceDetails`),
//! which the list of all documents (`/sources`) shows too.

use crate::i18n::{M, date, use_i18n};
use crate::values::text_at;
use leptos::prelude::*;
use serde_json::Value;

/// A source document as pages show it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Source {
    /// Its short code (`004`), by which the registry's pages cite it.
    pub code: String,
    pub title: String,
    pub publisher: Option<String>,
    /// When it was published, at the precision known (`2017`, `2017-02`, `2017-02-24`).
    pub published_on: Option<String>,
    pub url: Option<String>,
}

impl Source {
    /// A document read as JSON (`code title publisher publishedOn url`); None without a code
    /// (a fact with no source).
    pub fn of_json(value: &Value) -> Option<Source> {
        let code = text_at(value, "code").filter(|c| !c.is_empty())?;
        Some(Source {
            code,
            title: text_at(value, "title").unwrap_or_default(),
            publisher: text_at(value, "publisher").filter(|p| !p.trim().is_empty()),
            published_on: text_at(value, "publishedOn").filter(|d| !d.is_empty()),
            url: text_at(value, "url").filter(|u| !u.trim().is_empty()),
        })
    }
}

/// The id of a document's entry in a page's list of sources: `source-004`. Only letters,
/// digits, `-` and `_` of the code are kept, so the id needs no escaping anywhere.
pub fn source_anchor(code: &str) -> String {
    let kept: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    format!("source-{kept}")
}

/// The documents a page cites, each once (by code, the first one given kept), in the order of
/// their codes.
pub fn gathered(sources: impl IntoIterator<Item = Source>) -> Vec<Source> {
    let mut all: Vec<Source> = sources.into_iter().collect();
    // A stable sort keeps the first one given of each code first among its equals.
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all.dedup_by(|later, first| later.code == first.code);
    all
}

/// A document's address when it is one a link may open (http or https); anything else is
/// shown as text, never as a link.
pub fn web_address(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
}

/// A fact's link to its source in the page's list of sources: "źródło: 004", the document's
/// title shown on hovering.
#[component]
pub fn SourceRef(source: Source) -> impl IntoView {
    let i18n = use_i18n();
    // rel="external": the router leaves the click to the browser, which moves to the entry.
    view! {
        <a class="source-ref" href=format!("#{}", source_anchor(&source.code)) rel="external"
            title=source.title.clone() data-test="source-ref" data-code=source.code.clone()>
            {move || i18n.t(M::SourceRef)}" "{source.code.clone()}
        </a>
    }
}

/// One document: its code and title, then its publisher, date and address where known.
#[component]
pub fn SourceDetails(source: Source) -> impl IntoView {
    let i18n = use_i18n();
    let Source {
        code,
        title,
        publisher,
        published_on,
        url,
    } = source;
    let link = url.map(|u| match web_address(&u) {
        Some(address) => {
            let (href, shown) = (address.to_owned(), address.to_owned());
            view! { <a href=href rel="noopener" data-test="source-url">{shown}</a> }.into_any()
        }
        None => view! { <span data-test="source-url">{u}</span> }.into_any(),
    });
    view! {
        <span class="source-code" data-test="source-code">{code}</span>" "
        <span class="source-title" data-test="source-title">{title}</span>
        {(publisher.is_some() || published_on.is_some() || link.is_some()).then(|| view! {
            <span class="meta dotted source-meta">
                {publisher.map(|p| view! { <span data-test="source-publisher">{p}</span> })}
                {published_on.map(|d| view! { <span data-test="source-date">{move || date(i18n.lang(), &d)}</span> })}
                {link.map(|l| view! { <span>{l}</span> })}
            </span>
        })}
    }
}

/// A page's list of its sources, each anchored for the facts' links ([`SourceRef`]); nothing
/// when the page cites none.
#[component]
pub fn SourceList(sources: Vec<Source>) -> impl IntoView {
    let i18n = use_i18n();
    (!sources.is_empty()).then(|| {
        view! {
            <section id="sources" class="sources" data-test="sources">
                <h2>{move || i18n.t(M::SourcesTitle)}</h2>
                <ol class="plain source-list">
                    {sources.into_iter().map(|source| {
                        let (id, code) = (source_anchor(&source.code), source.code.clone());
                        view! {
                            <li id=id data-test="source" data-code=code>
                                <SourceDetails source/>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(code: &str, title: &str) -> Source {
        Source {
            code: code.into(),
            title: title.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_page_lists_each_source_once_in_the_order_of_codes() {
        let all = gathered([
            source("004", "LTPP news"),
            source("001", "Website"),
            source("004", "LTPP news, again"),
            source("003", "PARP guide"),
        ]);
        let codes: Vec<&str> = all.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["001", "003", "004"]);
        assert_eq!(all[2].title, "LTPP news", "the first one given is kept");
        assert!(gathered([]).is_empty());
    }

    #[test]
    fn a_link_points_at_its_entry() {
        assert_eq!(source_anchor("004"), "source-004");
        assert_eq!(source_anchor("a b#1"), "source-ab1");
        assert_eq!(format!("#{}", source_anchor("017")), "#source-017");
    }

    #[test]
    fn a_source_is_read_with_what_is_unknown_left_out() {
        let read = Source::of_json(&serde_json::json!({
            "code": "003", "title": "PARP guide", "publisher": "PARP",
            "publishedOn": "2017", "url": null,
        }))
        .expect("a source");
        assert_eq!(read.publisher.as_deref(), Some("PARP"));
        assert_eq!(read.published_on.as_deref(), Some("2017"));
        assert_eq!(read.url, None);
        assert_eq!(Source::of_json(&Value::Null), None);
        assert_eq!(
            Source::of_json(&serde_json::json!({"code": "", "title": "x"})),
            None
        );
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            web_address(" https://parp.gov.pl/x "),
            Some("https://parp.gov.pl/x")
        );
        assert_eq!(web_address("HTTP://a.pl"), Some("HTTP://a.pl"));
        assert_eq!(web_address("javascript:alert(1)"), None);
        assert_eq!(web_address("parp.gov.pl"), None);
    }
}
