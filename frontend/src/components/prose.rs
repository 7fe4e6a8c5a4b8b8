//! Pages of plain text (about, contact, privacy, the accessibility statement), written as a
//! list of blocks of messages and drawn by one component.
//!
//! Kept as data rather than markup: one renderer draws every such page, so four pages of text
//! add their words to the .wasm but almost no code (each `view!` with its own closures costs
//! code, and the bundle is over its budget).

use super::operator_contact::{ContactLayout, OperatorContactView};
use crate::i18n::{Lang, M, use_i18n};
use leptos::prelude::*;

/// One block of a text page.
pub enum Block {
    /// A section's heading (h2).
    Heading(M),
    /// A paragraph.
    Text(M),
    /// A bulleted list, one message an item.
    List(&'static [M]),
    /// Named dates (a description list), each as `YYYY-MM-DD` with the element id that
    /// machine readers look for (the accessibility statement's `a11y-data-publikacja`...).
    Dates(&'static [(M, &'static str, &'static str)]),
    /// A paragraph that is one link, to another page of the registry or an outside address.
    Link(M, &'static str),
    /// A sentence followed by an outside address written out as its link.
    TextWithAddress(M, &'static str),
    /// The registry operator's contact, read from the registry, in the given form; nothing
    /// when none of it is set.
    OperatorContact(ContactLayout),
}

/// A page of text: its heading, the lead paragraph and the blocks, in the language shown.
#[component]
pub fn Prose(title: M, lead: M, blocks: &'static [Block]) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        view! {
            <article class="prose" data-test="text-page">
                <h1>{title.text(lang)}</h1>
                <p class="lead">{lead.text(lang)}</p>
                {blocks.iter().map(|block| block_view(block, lang)).collect_view()}
            </article>
        }
    }
}

fn block_view(block: &Block, lang: Lang) -> AnyView {
    match block {
        Block::Heading(m) => view! { <h2>{m.text(lang)}</h2> }.into_any(),
        Block::Text(m) => view! { <p>{m.text(lang)}</p> }.into_any(),
        Block::List(items) => view! {
            <ul>{items.iter().map(|m| view! { <li>{m.text(lang)}</li> }).collect_view()}</ul>
        }
        .into_any(),
        Block::Dates(dates) => view! {
            <dl class="facts">
                {dates.iter().map(|(name, day, id)| view! {
                    <dt>{name.text(lang)}</dt><dd><time id=*id datetime=*day>{*day}</time></dd>
                }).collect_view()}
            </dl>
        }
        .into_any(),
        Block::Link(m, href) => view! { <p><a href=*href>{m.text(lang)}</a></p> }.into_any(),
        Block::TextWithAddress(m, href) => {
            view! { <p>{m.text(lang)}" "<a href=*href>{*href}</a></p> }.into_any()
        }
        Block::OperatorContact(layout) => {
            view! { <OperatorContactView layout=*layout lang/> }.into_any()
        }
    }
}
