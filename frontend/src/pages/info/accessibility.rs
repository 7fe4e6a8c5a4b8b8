//! `/accessibility`: the accessibility statement (deklaracja dostępności), in the order of the
//! statutory template: the commitment, dates, compliance status with the known gaps, how it was
//! prepared, contact (the contact person, e-mail and phone the operators keep in the registry,
//! when given), and the procedure for demands and complaints. When a gap is closed or a
//! new one found, change the list and the date of the last update.

use super::text_page;
use crate::components::Block::{self, *};
use crate::components::ContactLayout;
use crate::i18n::M;
use leptos::prelude::*;

const STATEMENT: &[Block] = &[
    // The ids of the official template, which monitoring tools read.
    Dates(&[
        (M::A11yPublished, "2026-11-23", "a11y-data-publikacja"),
        (M::A11yUpdated, "2026-12-06", "a11y-data-aktualizacja"),
    ]),
    Heading(M::A11yStatusTitle),
    Text(M::A11yStatus),
    Heading(M::A11yGapsTitle),
    List(&[
        M::A11yGapCharts,
        M::A11yGapLanguage,
        M::A11yGapScript,
        M::A11yGapManual,
        M::A11yGapSignLanguage,
    ]),
    Heading(M::A11yPreparedTitle),
    Text(M::A11yPrepared),
    Heading(M::A11yFeaturesTitle),
    List(&[
        M::A11yFeatureKeyboard,
        M::A11yFeatureLanguage,
        M::A11yFeatureScreens,
    ]),
    Heading(M::A11yContactTitle),
    Text(M::A11yContact),
    OperatorContact(ContactLayout::Statement),
    Link(M::ContactTitle, "/contact"),
    Heading(M::A11yProcedureTitle),
    Text(M::A11yProcedureRight),
    Text(M::A11yProcedureTime),
    TextWithAddress(M::A11yProcedureComplaint, "https://bip.brpo.gov.pl"),
    Heading(M::A11yOtherTitle),
    Text(M::A11yOther),
];

/// The accessibility statement.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    text_page(M::A11yTitle, M::A11yLead, M::DescAccessibility, STATEMENT)
}
