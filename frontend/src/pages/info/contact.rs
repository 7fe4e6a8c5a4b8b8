//! `/contact`: whom to ask about a cluster's data (its coordinator) and about the registry (its
//! operators, reached through the registry's own requests, and directly at the contact the
//! operators keep in the registry, when they have given one).

use super::text_page;
use crate::components::Block::{self, *};
use crate::components::ContactLayout;
use crate::i18n::M;
use leptos::prelude::*;

const CONTACT: &[Block] = &[
    Heading(M::ContactClusterTitle),
    Text(M::ContactCluster),
    Text(M::ContactOrganisation),
    Heading(M::ContactOperatorsTitle),
    Text(M::ContactOperators),
    List(&[
        M::ContactMissingCluster,
        M::ContactClaim,
        M::ContactStatus,
        M::ContactAccount,
    ]),
    OperatorContact(ContactLayout::Details),
    Link(M::ContactSeePrivacy, "/privacy"),
    Link(M::ContactSeeAccessibility, "/accessibility"),
];

/// How to reach the people behind the registry's data.
#[component]
pub fn ContactPage() -> impl IntoView {
    text_page(M::ContactTitle, M::ContactLead, M::DescContact, CONTACT)
}
