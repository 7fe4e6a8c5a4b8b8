//! The cluster's services and working groups on the coordinator's desk. Both are a name and a
//! description (`CreateNamedInput`, `UpdateNamedInput`), so one section serves both: the list,
//! each to edit in place or delete after asking, and a form that adds one.

use super::fact_row::{FactRow, FactsSection, Section, or_refused};
use crate::api::{self, FieldError};
use crate::components::{Field, Form, Report, action};
use crate::i18n::M;
use crate::queries::*;
use crate::values::{given, text, text_at};
use leptos::prelude::*;
use serde_json::Value;

/// Which of the two kinds a section keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Service,
    WorkingGroup,
}

/// A kind's words and names: the section's heading, its fields' labels, the add button, the
/// empty list, the `data-test` of the section and the cluster's field that lists them.
struct Words {
    title: M,
    name: M,
    description: M,
    add: M,
    none: M,
    test: &'static str,
    list: &'static str,
}

impl Named {
    fn words(self) -> Words {
        match self {
            Named::Service => Words {
                title: M::Services,
                name: M::ServiceName,
                description: M::ServiceDescription,
                add: M::AddService,
                none: M::NoServices,
                test: "services",
                list: "services",
            },
            Named::WorkingGroup => Words {
                title: M::WorkingGroups,
                name: M::GroupName,
                description: M::GroupDescription,
                add: M::AddGroup,
                none: M::NoGroups,
                test: "groups",
                list: "workingGroups",
            },
        }
    }
}

/// A section of the cluster's services or working groups.
#[component]
pub fn NamedFacts(kind: Named, cluster_id: String) -> impl IntoView {
    let words = kind.words();
    let read = move |id| async move {
        match kind {
            Named::Service => {
                api::read::<CoordinatorServices>(coordinator_services::Variables { id }).await
            }
            Named::WorkingGroup => {
                api::read::<CoordinatorGroups>(coordinator_groups::Variables { id }).await
            }
        }
    };
    let row = move |item, Section { reload, notice }| {
        view! { <NamedRow kind item reload notice/> }.into_any()
    };
    let add = move |cluster_id, Section { reload, notice }| {
        view! { <AddNamed kind cluster_id reload notice/> }.into_any()
    };
    view! {
        <FactsSection test=words.test title=words.title empty=words.none list=words.list
            cluster_id read row add/>
    }
}

/// One service or working group: its name and description, edited in place.
#[component]
fn NamedRow(
    kind: Named,
    item: Value,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<M>>,
) -> impl IntoView {
    let words = kind.words();
    let id = text(&item, "id");
    let version = item["version"].as_i64().unwrap_or_default();
    let shown_name = text(&item, "name");
    let shown_description = text_at(&item, "description");
    let name = RwSignal::new(shown_name.clone());
    let description = RwSignal::new(shown_description.clone().unwrap_or_default());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let update_id = id.clone();
    let update = action(move |_: &()| {
        let (id, name, description) = (
            update_id.clone(),
            Some(name.get_untracked()),
            Some(description.get_untracked()),
        );
        async move {
            or_refused(match kind {
                Named::Service => {
                    let input = update_service::UpdateNamedInput {
                        id,
                        version,
                        name,
                        description,
                    };
                    api::change::<UpdateService>(update_service::Variables { input }).await
                }
                Named::WorkingGroup => {
                    let input = update_working_group::UpdateNamedInput {
                        id,
                        version,
                        name,
                        description,
                    };
                    api::change::<UpdateWorkingGroup>(update_working_group::Variables { input })
                        .await
                }
            })
        }
    });
    let delete = action(move |_: &()| {
        let id = id.clone();
        async move {
            match kind {
                Named::Service => {
                    let input = delete_service::DeleteInput { id, version };
                    api::change::<DeleteService>(delete_service::Variables { input }).await
                }
                Named::WorkingGroup => {
                    let input = delete_working_group::DeleteInput { id, version };
                    api::change::<DeleteWorkingGroup>(delete_working_group::Variables { input })
                        .await
                }
            }
        }
    });
    let summary_name = shown_name.clone();
    let summary = move || {
        view! {
            <strong data-test="fact-name">{summary_name.clone()}</strong>
            {shown_description.clone().map(|d| view! { <br/><span>{d}</span> })}
        }
    };
    let test = if kind == Named::Service {
        "service"
    } else {
        "group"
    };
    view! {
        <FactRow test name=shown_name update delete errors notice reload summary>
            <Field name="name" label=words.name value=name errors/>
            <Field name="description" label=words.description value=description errors multiline=true/>
        </FactRow>
    }
}

/// The form that adds a service or working group.
#[component]
fn AddNamed(
    kind: Named,
    cluster_id: String,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<M>>,
) -> impl IntoView {
    let words = kind.words();
    let report = Report::new();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let create = action(move |_: &()| {
        let (cluster_id, name, description) = (
            cluster_id.clone(),
            given(name.get_untracked()),
            given(description.get_untracked()),
        );
        async move {
            or_refused(match kind {
                Named::Service => {
                    let input = create_service::CreateNamedInput {
                        cluster_id,
                        name,
                        description,
                    };
                    api::change::<CreateService>(create_service::Variables { input }).await
                }
                Named::WorkingGroup => {
                    let input = create_working_group::CreateNamedInput {
                        cluster_id,
                        name,
                        description,
                    };
                    api::change::<CreateWorkingGroup>(create_working_group::Variables { input })
                        .await
                }
            })
        }
    });
    let on_done = Callback::new(move |_| {
        name.set(String::new());
        description.set(String::new());
        notice.set(None);
        reload.update(|n| *n += 1);
    });
    let test = if kind == Named::Service {
        "add-service"
    } else {
        "add-group"
    };
    view! {
        <Form action=create report submit=words.add fields=&["name", "description"] done=M::Added on_done test>
            <Field name="name" label=words.name value=name errors=report.errors/>
            <Field name="description" label=words.description value=description errors=report.errors multiline=true/>
        </Form>
    }
}
