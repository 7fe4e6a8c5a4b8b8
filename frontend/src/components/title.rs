//! The document's title.

use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// Keeps the document's title in step with the page and the language.
pub fn title(page: impl Fn() -> String + 'static) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let text = format!("{} · {}", page(), i18n.t(M::AppName));
        document().set_title(&text);
    });
}
