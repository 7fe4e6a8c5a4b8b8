//! The cluster's yearly figures on the coordinator's desk (`createIndicator`,
//! `updateIndicator`, `deleteIndicator`): one row a year with its members, their revenue and
//! employment, listed to edit in place or delete after asking, and a form that adds a year.

use super::fact_row::{FactRow, FactsSection, Section, number, number_text, or_refused};
use crate::api::{self, FieldError};
use crate::components::{Field, Form, Report, action};
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::text;
use leptos::prelude::*;
use serde_json::Value;

/// The fields the forms show under their inputs.
const FIELDS: &[&str] = &["year", "memberCount", "revenuePln", "employment"];

/// A year's figures as a form holds them.
#[derive(Clone, Copy)]
struct Figures {
    year: RwSignal<String>,
    member_count: RwSignal<String>,
    revenue_pln: RwSignal<String>,
    employment: RwSignal<String>,
}

impl Figures {
    /// The figures as read, or empty for a new year.
    fn of(row: Option<&Value>) -> Self {
        let at = |key: &str| RwSignal::new(number_text(row.and_then(|r| r[key].as_i64())));
        Self {
            year: at("year"),
            member_count: at("memberCount"),
            revenue_pln: at("revenuePln"),
            employment: at("employment"),
        }
    }
}

/// The figures a year may lack: left empty, they are sent as null to clear them.
const CLEARABLE: &[&str] = &["memberCount", "revenuePln", "employment"];

/// The inputs of a year's figures.
#[component]
fn FigureInputs(figures: Figures, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let inputs = [
        ("year", M::IndicatorYear, figures.year),
        ("memberCount", M::IndicatorMemberCount, figures.member_count),
        ("revenuePln", M::IndicatorRevenue, figures.revenue_pln),
        ("employment", M::IndicatorEmployment, figures.employment),
    ];
    view! {
        <div class="row">
            {inputs.into_iter().map(|(name, label, value)| view! { <Field name label value errors kind="number"/> }).collect_view()}
        </div>
    }
}

/// The cluster's yearly figures.
#[component]
pub fn IndicatorsPanel(cluster_id: String) -> impl IntoView {
    let read = |id| api::read::<CoordinatorIndicators>(coordinator_indicators::Variables { id });
    let row =
        |row, Section { reload, notice }| view! { <IndicatorRow row reload notice/> }.into_any();
    let add = |cluster_id, Section { reload, notice }| {
        view! { <AddIndicator cluster_id reload notice/> }.into_any()
    };
    view! {
        <FactsSection test="indicators" title=M::Indicators empty=M::NoIndicators
            list="indicators" cluster_id
            read row add/>
    }
}

/// One year's figures, edited in place.
#[component]
fn IndicatorRow(row: Value, reload: RwSignal<u32>, notice: RwSignal<Option<M>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = text(&row, "id");
    let version = row["version"].as_i64().unwrap_or_default();
    let figures = Figures::of(Some(&row));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let update_id = id.clone();
    let update = action(move |_: &()| {
        // An emptied figure is sent as null, which clears it (`CLEARABLE`).
        let input = update_indicator::UpdateIndicatorInput {
            id: update_id.clone(),
            version,
            year: number(&figures.year.get_untracked()),
            member_count: number(&figures.member_count.get_untracked()),
            revenue_pln: number(&figures.revenue_pln.get_untracked()),
            employment: number(&figures.employment.get_untracked()),
        };
        async move {
            or_refused(
                api::update::<UpdateIndicator>(update_indicator::Variables { input }, CLEARABLE)
                    .await,
            )
        }
    });
    let delete = action(move |_: &()| {
        let input = delete_indicator::DeleteInput {
            id: id.clone(),
            version,
        };
        async move { api::change::<DeleteIndicator>(delete_indicator::Variables { input }).await }
    });
    let year = row["year"].as_i64().unwrap_or_default();
    let figure = |key: &str| row[key].as_i64();
    let shown = [
        (M::IndicatorMemberCount, figure("memberCount")),
        (M::IndicatorRevenue, figure("revenuePln")),
        (M::IndicatorEmployment, figure("employment")),
    ];
    let summary = move || {
        let parts = move || {
            let lang = i18n.lang();
            shown
                .iter()
                .filter_map(|(label, value)| {
                    value.map(|v| format!("{}: {}", i18n.t(*label), crate::i18n::number(lang, v)))
                })
                .collect::<Vec<_>>()
                .join(" · ")
        };
        view! { <strong data-test="fact-name">{year}</strong>" · "<span data-test="figures">{parts}</span> }
    };
    view! {
        <FactRow test="indicator" name=year.to_string() update delete errors notice reload summary>
            <FigureInputs figures errors/>
        </FactRow>
    }
}

/// The form that adds a year's figures.
#[component]
fn AddIndicator(
    cluster_id: String,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<M>>,
) -> impl IntoView {
    let report = Report::new();
    let figures = Figures::of(None);
    let create = action(move |_: &()| {
        let input = create_indicator::CreateIndicatorInput {
            cluster_id: cluster_id.clone(),
            year: number(&figures.year.get_untracked()),
            member_count: number(&figures.member_count.get_untracked()),
            revenue_pln: number(&figures.revenue_pln.get_untracked()),
            employment: number(&figures.employment.get_untracked()),
        };
        async move {
            or_refused(api::change::<CreateIndicator>(create_indicator::Variables { input }).await)
        }
    });
    let on_done = Callback::new(move |_| {
        for field in [
            figures.year,
            figures.member_count,
            figures.revenue_pln,
            figures.employment,
        ] {
            field.set(String::new());
        }
        notice.set(None);
        reload.update(|n| *n += 1);
    });
    view! {
        <Form action=create report submit=M::AddIndicator fields=FIELDS done=M::Added on_done test="add-indicator">
            <FigureInputs figures errors=report.errors/>
        </Form>
    }
}
