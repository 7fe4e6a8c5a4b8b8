//! `/about`: who runs the registry, what it holds and where its data comes from.

use super::text_page;
use crate::components::Block::{self, *};
use crate::i18n::M;
use leptos::prelude::*;

const ABOUT: &[Block] = &[
    Heading(M::AboutWhoTitle),
    Text(M::AboutWho),
    Heading(M::AboutWhatTitle),
    List(&[
        M::AboutWhatClusters,
        M::AboutWhatOrganisations,
        M::AboutWhatStatuses,
        M::AboutWhatBoard,
    ]),
    Heading(M::AboutSourcesTitle),
    List(&[
        M::AboutSourceKkk,
        M::AboutSourceEsca,
        M::AboutSourceWebsites,
        M::AboutSourceCoordinators,
    ]),
    Text(M::AboutSourcesNote),
    Heading(M::AboutUseTitle),
    Text(M::AboutUse),
    Link(M::ContactTitle, "/contact"),
];

/// About the registry.
#[component]
pub fn AboutPage() -> impl IntoView {
    text_page(M::AboutTitle, M::AboutLead, M::DescAbout, ABOUT)
}
