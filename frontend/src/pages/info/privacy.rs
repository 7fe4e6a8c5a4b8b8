//! `/privacy`: the personal data the registry keeps, on what legal basis (art. 6(1)(b) and (f)
//! GDPR), for how long and the rights of the people it concerns. The retention periods are the
//! server's (docs/SECURITY.md; the clean-up in the server's `cli.rs`): change them together.

use super::text_page;
use crate::components::Block::{self, *};
use crate::i18n::M;
use leptos::prelude::*;

const PRIVACY: &[Block] = &[
    Heading(M::PrivacyControllerTitle),
    Text(M::PrivacyController),
    Link(M::ContactTitle, "/contact"),
    Heading(M::PrivacyDataTitle),
    List(&[
        M::PrivacyDataAccounts,
        M::PrivacyDataSecurity,
        M::PrivacyDataAudit,
        M::PrivacyDataContent,
        M::PrivacyDataMail,
        M::PrivacyDataPeople,
    ]),
    Heading(M::PrivacyBasisTitle),
    List(&[M::PrivacyBasisContract, M::PrivacyBasisInterest]),
    Text(M::PrivacyBasisVoluntary),
    Heading(M::PrivacyRecipientsTitle),
    Text(M::PrivacyRecipients),
    Heading(M::PrivacyRetentionTitle),
    List(&[
        M::PrivacyRetentionAccount,
        M::PrivacyRetentionNotifications,
        M::PrivacyRetentionMail,
        M::PrivacyRetentionSecurity,
    ]),
    Heading(M::PrivacyRightsTitle),
    Text(M::PrivacyRights),
    TextWithAddress(M::PrivacyComplaint, "https://uodo.gov.pl"),
];

/// Privacy and personal data.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    text_page(M::PrivacyTitle, M::PrivacyLead, M::DescPrivacy, PRIVACY)
}
