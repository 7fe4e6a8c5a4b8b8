//! The cluster's yearly figures on the coordinator's desk (`createIndicator`,
//! `updateIndicator`, `deleteIndicator`): one row a year with its members, their revenue and
//! employment, listed to edit in place or delete after asking, and a form that adds a year.

use super::fact_row::{FactNotice, FactRow, number, number_text, or_refused};
use crate::api::{self, FieldError};
use crate::components::{ErrorNote, Field, Form, Loading, Report, action};
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::{items, text};
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

/// The inputs of a year's figures; `editing` hints that an empty field keeps the stored value.
#[component]
fn FigureInputs(
    figures: Figures,
    errors: RwSignal<Vec<FieldError>>,
    editing: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let inputs = [
        ("year", M::IndicatorYear, figures.year),
        ("memberCount", M::IndicatorMemberCount, figures.member_count),
        ("revenuePln", M::IndicatorRevenue, figures.revenue_pln),
        ("employment", M::IndicatorEmployment, figures.employment),
    ];
    view! {
        {editing.then(|| view! { <p class="hint">{move || i18n.t(M::ProfileEmptyKeeps)}</p> })}
        <div class="row">
            {inputs.into_iter().map(|(name, label, value)| view! { <Field name label value errors kind="number"/> }).collect_view()}
        </div>
    }
}

/// The cluster's yearly figures.
#[component]
pub fn IndicatorsPanel(cluster_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<M>);
    let read_id = cluster_id.clone();
    let data = LocalResource::new(move || {
        reload.get();
        let id = read_id.clone();
        async move { api::read::<CoordinatorIndicators>(coordinator_indicators::Variables { id }).await }
    });
    view! {
        <section data-test="indicators">
            <h2>{move || i18n.t(M::Indicators)}</h2>
            <FactNotice notice/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let years = items(&d["cluster"], "indicators").to_vec();
                            if years.is_empty() {
                                return view! { <p class="empty">{move || i18n.t(M::NoIndicators)}</p> }.into_any();
                            }
                            view! {
                                <ul class="plain">
                                    {years.into_iter().map(|row| view! { <IndicatorRow row reload notice/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            <AddIndicator cluster_id reload notice/>
        </section>
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
        // An emptied figure is left out (the stored one stays): this form cannot send null.
        let input = update_indicator::UpdateIndicatorInput {
            id: update_id.clone(),
            version,
            year: number(&figures.year.get_untracked()),
            member_count: number(&figures.member_count.get_untracked()),
            revenue_pln: number(&figures.revenue_pln.get_untracked()),
            employment: number(&figures.employment.get_untracked()),
        };
        async move {
            or_refused(api::change::<UpdateIndicator>(update_indicator::Variables { input }).await)
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
            <FigureInputs figures errors editing=true/>
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
            <FigureInputs figures errors=report.errors editing=false/>
        </Form>
    }
}
