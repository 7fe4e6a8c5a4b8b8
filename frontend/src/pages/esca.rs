//! The ESCA page: every label with its validity.

use crate::api;
use crate::components::{ErrorNote, Loading, StatusBadge, TableBox, title};
use crate::i18n::{M, date, label, use_i18n};
use crate::queries::{EscaPage as EscaQuery, esca_page};
use crate::values::code;
use leptos::prelude::*;
use leptos_router::components::A;

/// The ESCA labels page.
#[component]
pub fn EscaPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::EscaTitle).to_owned(),
        move || i18n.t(M::DescEsca).to_owned(),
    );
    let data = LocalResource::new(|| api::run::<EscaQuery>(esca_page::Variables { after: None }));
    view! {
        <h1>{move || i18n.t(M::EscaTitle)}</h1>
        <p class="lead">{move || i18n.t(M::EscaLead)}</p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => {
                        let mut labels = data.esca_labels.nodes;
                        labels.sort_by(|a, b| b.awarded_on.cmp(&a.awarded_on));
                        view! {
                            <TableBox label=Signal::derive(move || i18n.t(M::EscaTitle).to_owned())>
                                <table class="labels" data-test="esca-table">
                                    <thead><tr>
                                        <th>{move || i18n.t(M::Cluster)}</th><th>{move || i18n.t(M::Level)}</th>
                                        <th>{move || i18n.t(M::Awarded)}</th><th>{move || i18n.t(M::ValidUntil)}</th><th>{move || i18n.t(M::Status)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {labels.into_iter().map(|l| {
                                            let level = code(&l.level);
                                            let level_class = format!("esca esca-{}", level.to_lowercase());
                                            let awarded = l.awarded_on.clone();
                                            let until = l.valid_until.clone();
                                            view! { <tr>
                                                <td>{l.cluster.map(|c| view! { <A href=format!("/clusters/{}", c.slug)>{c.name}</A> })}</td>
                                                <td><span class=level_class>{move || label(i18n.lang(), &level)}</span></td>
                                                <td>{move || awarded.as_deref().map(|d| date(i18n.lang(), d))}</td>
                                                <td>{move || until.as_deref().map(|d| date(i18n.lang(), d))}</td>
                                                <td><StatusBadge status=code(&l.status)/></td>
                                            </tr> }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </TableBox>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
