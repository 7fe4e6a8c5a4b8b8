//! The pages about the registry itself, linked from every page's footer, one file per route:
//! `about.rs` (`/about`), `contact.rs` (`/contact`), `privacy.rs` (`/privacy`, personal data
//! under the GDPR / RODO) and `accessibility.rs` (`/accessibility`, the accessibility statement
//! the Polish act of 4 April 2019 asks for). Each is text only; here, what they share.

pub mod about;
pub mod accessibility;
pub mod contact;
pub mod privacy;

use crate::components::{Block, Prose, title};
use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// A text page named by its heading, with its lead paragraph, its description (for search
/// engines: shorter than the lead) and its blocks.
fn text_page(heading: M, lead: M, description: M, blocks: &'static [Block]) -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(heading).to_owned(),
        move || i18n.t(description).to_owned(),
    );
    view! { <Prose title=heading lead blocks/> }
}
