//! The document's title and description.

use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// Keeps the document's title and its `<meta name="description">` in step with the page and the
/// language. Each route names itself, so tabs, bookmarks and history entries tell pages apart,
/// and describes itself, so a search engine that runs the app, or a link preview, shows what the
/// page holds rather than the same sentence for every address.
///
/// The closures are boxed at once: every route calls this with closures of its own types, and
/// one effect over boxed closures is compiled once instead of once per route.
pub fn title(page: impl Fn() -> String + 'static, description: impl Fn() -> String + 'static) {
    keep_head(Box::new(page), Box::new(description));
}

type Text = Box<dyn Fn() -> String>;

fn keep_head(page: Text, description: Text) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        document().set_title(&format!("{} · {}", page(), i18n.t(M::AppName)));
        describe(&description());
    });
}

/// Writes the page's description into the `<meta name="description">` index.html carries, or
/// one added to the head when the served page has none.
fn describe(text: &str) {
    let document = document();
    let meta = match document.query_selector("meta[name=description]") {
        Ok(Some(meta)) => meta,
        _ => {
            let Ok(meta) = document.create_element("meta") else {
                return;
            };
            let _ = meta.set_attribute("name", "description");
            if let Ok(Some(head)) = document.query_selector("head") {
                let _ = head.append_child(&meta);
            }
            meta
        }
    };
    let _ = meta.set_attribute("content", text);
}
