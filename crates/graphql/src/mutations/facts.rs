//! What coordinators keep current about their cluster, one kind of fact after another:
//! services, working groups, events, projects, a year's figures (indicators) and the people of
//! its board and office (the domain's `writes::facts`).
//!
//! Each kind has its fields input, its create and update inputs and one
//! `versioned_mutations!` part listed in the mutation root; a new kind of cluster fact follows
//! the same pattern here.

use super::support::{IntoDomain, id_patch, partial, patch, payload, text, versioned_mutations};
use crate::ids::NodeKind;
use crate::scalars::PartialDate;
use crate::types::enums::ClusterRoleKind;
use crate::types::facts::{ClusterPerson, Event, Indicator, Project, Service, WorkingGroup};
use async_graphql::{ID, InputObject, MaybeUndefined, MergedObject, Result};
use klastry_domain::writes::facts;

payload!(ServicePayload, service: Service, "A service after a change.");
payload!(WorkingGroupPayload, working_group: WorkingGroup, "A working group after a change.");
payload!(EventPayload, event: Event, "An event after a change.");
payload!(ProjectPayload, project: Project, "A project after a change.");
payload!(IndicatorPayload, indicator: Indicator, "A year's figures after a change.");
payload!(ClusterPersonPayload, cluster_person: ClusterPerson, "A person's part in a cluster after a change.");

/// Every kind of cluster fact, in the order the schema lists them.
#[derive(MergedObject, Default)]
pub struct FactMutations(
    ServiceMutations,
    WorkingGroupMutations,
    EventMutations,
    ProjectMutations,
    IndicatorMutations,
    ClusterPersonMutations,
);

/// A service's or working group's fields.
#[derive(InputObject, Default)]
pub struct NamedFieldsInput {
    /// Its name; required when adding one, left out to keep it.
    pub name: Option<String>,
    /// Free-text description; null clears it.
    pub description: MaybeUndefined<String>,
}

impl IntoDomain for NamedFieldsInput {
    type Domain = facts::NamedFields;

    fn into_domain(self) -> Result<facts::NamedFields> {
        Ok(facts::NamedFields {
            name: self.name,
            description: text(self.description),
        })
    }
}

/// A new service or working group of a cluster.
#[derive(InputObject)]
pub struct CreateNamedInput {
    /// The global ID of the cluster it belongs to.
    pub cluster_id: ID,
    /// Its fields; `name` is required.
    #[graphql(flatten)]
    pub fields: NamedFieldsInput,
}

/// A change to a service or working group.
#[derive(InputObject)]
pub struct UpdateNamedInput {
    /// The service or working group.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and nothing is written.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: NamedFieldsInput,
}

/// An event's fields.
#[derive(InputObject, Default)]
pub struct EventFieldsInput {
    /// Its name; required when adding one, left out to keep it.
    pub name: Option<String>,
    /// Free-text description; null clears it.
    pub description: MaybeUndefined<String>,
    /// First day, or as much of it as is known (a partial date).
    pub starts_on: MaybeUndefined<PartialDate>,
    /// Last day, or as much of it as is known; null for a one-day event.
    pub ends_on: MaybeUndefined<PartialDate>,
    /// Where it takes place, as the cluster describes it.
    pub location: MaybeUndefined<String>,
}

impl IntoDomain for EventFieldsInput {
    type Domain = facts::EventFields;

    fn into_domain(self) -> Result<facts::EventFields> {
        Ok(facts::EventFields {
            name: self.name,
            description: text(self.description),
            starts_on: partial(self.starts_on),
            ends_on: partial(self.ends_on),
            location: text(self.location),
        })
    }
}

/// A new event of a cluster.
#[derive(InputObject)]
pub struct CreateEventInput {
    /// The global ID of the cluster it belongs to.
    pub cluster_id: ID,
    /// Its fields; `name` is required.
    #[graphql(flatten)]
    pub fields: EventFieldsInput,
}

/// A change to an event.
#[derive(InputObject)]
pub struct UpdateEventInput {
    /// The global ID of the event to change.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and nothing is written.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: EventFieldsInput,
}

/// A project's fields.
#[derive(InputObject, Default)]
pub struct ProjectFieldsInput {
    /// Its name; required when adding one, left out to keep it.
    pub name: Option<String>,
    /// Short name or acronym it is known by.
    pub acronym: MaybeUndefined<String>,
    /// Funding programme.
    pub programme: MaybeUndefined<String>,
    /// Free-text description; null clears it.
    pub description: MaybeUndefined<String>,
    /// Budget in whole units of `budgetCurrency`.
    pub budget_amount: MaybeUndefined<i64>,
    /// ISO 4217 currency of the budget (PLN, EUR).
    pub budget_currency: MaybeUndefined<String>,
    /// When it starts: a year, a month or a day (a partial date).
    pub starts_on: MaybeUndefined<PartialDate>,
    /// When it ends: a year, a month or a day (a partial date).
    pub ends_on: MaybeUndefined<PartialDate>,
    /// The cluster's part in the project.
    pub role: MaybeUndefined<String>,
    /// Partner names, replacing the current ones.
    pub partners: Option<Vec<String>>,
}

impl IntoDomain for ProjectFieldsInput {
    type Domain = facts::ProjectFields;

    fn into_domain(self) -> Result<facts::ProjectFields> {
        Ok(facts::ProjectFields {
            name: self.name,
            acronym: text(self.acronym),
            programme: text(self.programme),
            description: text(self.description),
            budget_amount: patch(self.budget_amount, |v| v),
            budget_currency: text(self.budget_currency),
            starts_on: partial(self.starts_on),
            ends_on: partial(self.ends_on),
            role: text(self.role),
            partners: self.partners,
        })
    }
}

/// A new project of a cluster.
#[derive(InputObject)]
pub struct CreateProjectInput {
    /// The global ID of the cluster it belongs to.
    pub cluster_id: ID,
    /// Its fields; `name` is required.
    #[graphql(flatten)]
    pub fields: ProjectFieldsInput,
}

/// A change to a project.
#[derive(InputObject)]
pub struct UpdateProjectInput {
    /// The global ID of the project to change.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and nothing is written.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: ProjectFieldsInput,
}

/// A year's figures.
#[derive(InputObject, Default)]
pub struct IndicatorFieldsInput {
    /// The calendar year the figures are for.
    pub year: Option<i32>,
    /// Members at the end of the year.
    pub member_count: MaybeUndefined<i32>,
    /// Members' revenue in PLN.
    pub revenue_pln: MaybeUndefined<i64>,
    /// Members' employment.
    pub employment: MaybeUndefined<i32>,
}

impl IntoDomain for IndicatorFieldsInput {
    type Domain = facts::IndicatorFields;

    fn into_domain(self) -> Result<facts::IndicatorFields> {
        Ok(facts::IndicatorFields {
            year: self.year,
            member_count: patch(self.member_count, |v| v),
            revenue_pln: patch(self.revenue_pln, |v| v),
            employment: patch(self.employment, |v| v),
        })
    }
}

/// A cluster's figures for a new year.
#[derive(InputObject)]
pub struct CreateIndicatorInput {
    /// The global ID of the cluster it belongs to.
    pub cluster_id: ID,
    /// The figures; `year` is required.
    #[graphql(flatten)]
    pub fields: IndicatorFieldsInput,
}

/// A change to a year's figures.
#[derive(InputObject)]
pub struct UpdateIndicatorInput {
    /// The global ID of the year's figures to change.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and nothing is written.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: IndicatorFieldsInput,
}

/// A person of a cluster's board or office.
#[derive(InputObject, Default)]
pub struct ClusterPersonFieldsInput {
    /// The person's full name.
    pub full_name: Option<String>,
    /// Academic or professional title.
    pub title: MaybeUndefined<String>,
    /// The organisation the person works for.
    pub organisation_id: MaybeUndefined<ID>,
    /// Work e-mail (private: shown to the cluster, its members and operators).
    pub email: MaybeUndefined<String>,
    /// Work telephone (private, as the e-mail).
    pub phone: MaybeUndefined<String>,
    /// Their part in the cluster.
    pub role: Option<ClusterRoleKind>,
    /// Position as the cluster names it.
    pub position: MaybeUndefined<String>,
    /// Since when the person has this part in the cluster (a partial date).
    pub since: MaybeUndefined<PartialDate>,
    /// Until when the person has (or had) this part; null when open-ended.
    pub until: MaybeUndefined<PartialDate>,
}

impl IntoDomain for ClusterPersonFieldsInput {
    type Domain = facts::ClusterPersonFields;

    fn into_domain(self) -> Result<facts::ClusterPersonFields> {
        Ok(facts::ClusterPersonFields {
            full_name: self.full_name,
            title: text(self.title),
            organisation_id: id_patch(
                "organisationId",
                NodeKind::Organisation,
                self.organisation_id,
            )?,
            email: text(self.email),
            phone: text(self.phone),
            role: self.role.map(Into::into),
            position: text(self.position),
            since: partial(self.since),
            until: partial(self.until),
        })
    }
}

/// A new person of a cluster.
#[derive(InputObject)]
pub struct AddClusterPersonInput {
    /// The global ID of the cluster it belongs to.
    pub cluster_id: ID,
    /// The person; `fullName` and `role` are required.
    #[graphql(flatten)]
    pub fields: ClusterPersonFieldsInput,
}

/// A change to a person of a cluster.
#[derive(InputObject)]
pub struct UpdateClusterPersonInput {
    /// The person's part in the cluster.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and nothing is written.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: ClusterPersonFieldsInput,
}

versioned_mutations! {
    /// A cluster's services.
    pub struct ServiceMutations;
    node: Service, payload: ServicePayload(Service);
    /// Adds a service to a cluster.
    create_service(CreateNamedInput) in cluster_id => facts::create_service;
    /// Changes a service.
    update_service(UpdateNamedInput) => facts::update_service;
    /// Deletes a service.
    delete_service => facts::delete_service;
}

versioned_mutations! {
    /// A cluster's working groups.
    pub struct WorkingGroupMutations;
    node: WorkingGroup, payload: WorkingGroupPayload(WorkingGroup);
    /// Adds a working group to a cluster.
    create_working_group(CreateNamedInput) in cluster_id => facts::create_working_group;
    /// Changes a working group.
    update_working_group(UpdateNamedInput) => facts::update_working_group;
    /// Deletes a working group.
    delete_working_group => facts::delete_working_group;
}

versioned_mutations! {
    /// A cluster's events.
    pub struct EventMutations;
    node: Event, payload: EventPayload(Event);
    /// Adds an event to a cluster.
    create_event(CreateEventInput) in cluster_id => facts::create_event;
    /// Changes an event.
    update_event(UpdateEventInput) => facts::update_event;
    /// Deletes an event.
    delete_event => facts::delete_event;
}

versioned_mutations! {
    /// A cluster's projects.
    pub struct ProjectMutations;
    node: Project, payload: ProjectPayload(Project);
    /// Adds a project to a cluster.
    create_project(CreateProjectInput) in cluster_id => facts::create_project;
    /// Changes a project.
    update_project(UpdateProjectInput) => facts::update_project;
    /// Deletes a project.
    delete_project => facts::delete_project;
}

versioned_mutations! {
    /// A cluster's figures, one record a year.
    pub struct IndicatorMutations;
    node: Indicator, payload: IndicatorPayload(Indicator);
    /// Records a cluster's figures for a year.
    create_indicator(CreateIndicatorInput) in cluster_id => facts::create_indicator;
    /// Changes a year's figures.
    update_indicator(UpdateIndicatorInput) => facts::update_indicator;
    /// Deletes a year's figures.
    delete_indicator => facts::delete_indicator;
}

versioned_mutations! {
    /// The people of a cluster's board and office.
    pub struct ClusterPersonMutations;
    node: ClusterPerson, payload: ClusterPersonPayload(|(role, _)| ClusterPerson(role));
    /// Adds a person to a cluster's board or office.
    add_cluster_person(AddClusterPersonInput) in cluster_id => facts::add_cluster_person;
    /// Changes a person of a cluster and their part in it.
    update_cluster_person(UpdateClusterPersonInput) => facts::update_cluster_person;
    /// Removes a person from a cluster's board or office.
    remove_cluster_person => facts::remove_cluster_person;
}
