//! Clusters, organisations, memberships and what coordinators keep current about a cluster.

use super::{DeletePayload, actor, db, patch, payload, text};
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id, parse_id_of};
use crate::scalars::PartialDate;
use crate::types::cluster::Cluster;
use crate::types::enums::{
    ClusterRoleKind, ClusterStatus, MembershipRole, OrganisationKind, VoivodeshipCode,
};
use crate::types::facts::{ClusterPerson, Event, Indicator, Project, Service, WorkingGroup};
use crate::types::organisation::{Membership, Organisation};
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};
use klastry_domain::services::writes::{clusters, content, memberships, organisations};

payload!(ClusterPayload, cluster: Cluster, "A cluster after a change.");
payload!(OrganisationPayload, organisation: Organisation, "An organisation after a change.");
payload!(MembershipPayload, membership: Membership, "A membership after a workflow step; null when a pending application was withdrawn.");
payload!(ServicePayload, service: Service, "A service after a change.");
payload!(WorkingGroupPayload, working_group: WorkingGroup, "A working group after a change.");
payload!(EventPayload, event: Event, "An event after a change.");
payload!(ProjectPayload, project: Project, "A project after a change.");
payload!(IndicatorPayload, indicator: Indicator, "A year's figures after a change.");
payload!(ClusterPersonPayload, cluster_person: ClusterPerson, "A person's part in a cluster after a change.");

fn partial(value: MaybeUndefined<PartialDate>) -> klastry_domain::services::writes::Patch<String> {
    patch(value, |d| d.0.to_string())
}

/// A cluster's profile. On update, a field left out stays as it is and `null` clears it.
#[derive(InputObject, Default)]
pub struct ClusterFieldsInput {
    /// URL identifier: lower-case letters, digits and hyphens.
    pub slug: Option<String>,
    /// Polish name.
    pub name_pl: MaybeUndefined<String>,
    /// English name.
    pub name_en: MaybeUndefined<String>,
    /// Acronym.
    pub acronym: MaybeUndefined<String>,
    /// Description in Polish.
    pub description_pl: MaybeUndefined<String>,
    /// Description in English.
    pub description_en: MaybeUndefined<String>,
    /// Voivodeship of the seat.
    pub voivodeship: MaybeUndefined<VoivodeshipCode>,
    /// City.
    pub city: MaybeUndefined<String>,
    /// Street address.
    pub address: MaybeUndefined<String>,
    /// Postal code, NN-NNN.
    pub postal_code: MaybeUndefined<String>,
    /// Telephone.
    pub phone: MaybeUndefined<String>,
    /// Contact e-mail.
    pub email: MaybeUndefined<String>,
    /// Web site, http:// or https://.
    pub website: MaybeUndefined<String>,
    /// When the cluster was founded.
    pub founded_on: MaybeUndefined<PartialDate>,
    /// Whether the cluster operates.
    pub status: Option<ClusterStatus>,
    /// The coordinating organisation.
    pub coordinator_id: MaybeUndefined<ID>,
    /// Sector codes, replacing the current ones.
    pub sectors: Option<Vec<String>>,
    /// Other names the cluster is known by, replacing the current ones (searched too).
    pub aliases: Option<Vec<String>>,
    /// Specialisations, replacing the current ones.
    pub specialisations: Option<Vec<String>>,
    /// Networks and programmes the cluster takes part in, replacing the current ones.
    pub participations: Option<Vec<String>>,
    /// Awards other than KKK and ESCA, replacing the current ones.
    pub awards: Option<Vec<AwardInput>>,
}

/// An award or distinction other than KKK and ESCA.
#[derive(InputObject)]
pub struct AwardInput {
    /// Name of the award.
    pub name: String,
    /// Who awarded it.
    pub awarded_by: Option<String>,
    /// When.
    pub awarded_on: Option<PartialDate>,
}

impl ClusterFieldsInput {
    fn into_domain(self) -> Result<clusters::ClusterFields> {
        let coordinator_id = match self.coordinator_id {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(id) => Some(Some(
                parse_id_of("coordinatorId", NodeKind::Organisation, &id).or_api()?,
            )),
        };
        Ok(clusters::ClusterFields {
            slug: self.slug,
            name_pl: text(self.name_pl),
            name_en: text(self.name_en),
            acronym: text(self.acronym),
            description_pl: text(self.description_pl),
            description_en: text(self.description_en),
            voivodeship_teryt: patch(self.voivodeship, |v| v.teryt().to_string()),
            city: text(self.city),
            address: text(self.address),
            postal_code: text(self.postal_code),
            phone: text(self.phone),
            email: text(self.email),
            website: text(self.website),
            founded_on: partial(self.founded_on),
            status: self.status.map(Into::into),
            coordinator_id,
            sector_codes: self.sectors,
            aliases: self.aliases,
            specialisations: self.specialisations,
            participations: self.participations,
            awards: self.awards.map(|awards| {
                awards
                    .into_iter()
                    .map(|a| clusters::AwardFields {
                        name: a.name,
                        awarded_by: a.awarded_by,
                        awarded_on: a.awarded_on.map(|d| d.0.to_string()),
                    })
                    .collect()
            }),
        })
    }
}

/// A new cluster.
#[derive(InputObject)]
pub struct CreateClusterInput {
    /// The profile; `slug` and a name are required.
    #[graphql(flatten)]
    pub fields: ClusterFieldsInput,
}

/// A change to a cluster's profile.
#[derive(InputObject)]
pub struct UpdateClusterInput {
    /// The cluster.
    pub id: ID,
    /// The version the change is based on.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: ClusterFieldsInput,
}

/// Deleting an object that carries a version.
#[derive(InputObject)]
pub struct DeleteInput {
    /// The object.
    pub id: ID,
    /// The version the deletion is based on.
    pub version: i32,
}

/// An organisation's profile. On update, a field left out stays as it is and `null` clears it.
#[derive(InputObject, Default)]
pub struct OrganisationFieldsInput {
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: MaybeUndefined<OrganisationKind>,
    /// NIP, 10 digits with a check digit (spaces, dashes and a PL prefix are accepted).
    pub nip: MaybeUndefined<String>,
    /// REGON, 9 or 14 digits with a check digit.
    pub regon: MaybeUndefined<String>,
    /// KRS number, 10 digits.
    pub krs: MaybeUndefined<String>,
    /// Voivodeship.
    pub voivodeship: MaybeUndefined<VoivodeshipCode>,
    /// City.
    pub city: MaybeUndefined<String>,
    /// Street address.
    pub address: MaybeUndefined<String>,
    /// Postal code, NN-NNN.
    pub postal_code: MaybeUndefined<String>,
    /// Telephone.
    pub phone: MaybeUndefined<String>,
    /// Contact e-mail.
    pub email: MaybeUndefined<String>,
    /// Web site, http:// or https://.
    pub website: MaybeUndefined<String>,
    /// What the organisation does.
    pub description: MaybeUndefined<String>,
    /// Sector codes, replacing the current ones.
    pub sectors: Option<Vec<String>>,
}

impl OrganisationFieldsInput {
    fn into_domain(self) -> organisations::OrganisationFields {
        organisations::OrganisationFields {
            name: self.name,
            kind: patch(self.kind, Into::into),
            nip: text(self.nip),
            regon: text(self.regon),
            krs: text(self.krs),
            voivodeship_teryt: patch(self.voivodeship, |v| v.teryt().to_string()),
            city: text(self.city),
            address: text(self.address),
            postal_code: text(self.postal_code),
            phone: text(self.phone),
            email: text(self.email),
            website: text(self.website),
            description: text(self.description),
            sector_codes: self.sectors,
        }
    }
}

/// A new organisation.
#[derive(InputObject)]
pub struct CreateOrganisationInput {
    /// The profile; `name` is required.
    #[graphql(flatten)]
    pub fields: OrganisationFieldsInput,
}

/// A change to an organisation's profile.
#[derive(InputObject)]
pub struct UpdateOrganisationInput {
    /// The organisation.
    pub id: ID,
    /// The version the change is based on.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: OrganisationFieldsInput,
}

/// An application to join a cluster.
#[derive(InputObject)]
pub struct ApplyForMembershipInput {
    /// The cluster to join.
    pub cluster_id: ID,
    /// The applying organisation (one you act for).
    pub organisation_id: ID,
    /// A word to the coordinator.
    pub message: Option<String>,
}

/// A coordinator's decision on an application.
#[derive(InputObject)]
pub struct DecideMembershipInput {
    /// The membership (application).
    pub id: ID,
    /// The version the decision is based on.
    pub version: i32,
    /// Why; required when rejecting, shown to the applicant.
    pub reason: Option<String>,
}

/// Leaving a cluster (or, for a coordinator, removing a member).
#[derive(InputObject)]
pub struct LeaveClusterInput {
    /// The membership.
    pub id: ID,
    /// The version it is based on.
    pub version: i32,
}

/// A member a coordinator records directly.
#[derive(InputObject)]
pub struct AddMemberInput {
    /// The cluster.
    pub cluster_id: ID,
    /// The member organisation.
    pub organisation_id: ID,
    /// Its part in the cluster.
    #[graphql(default_with = "MembershipRole::Member")]
    pub role: MembershipRole,
    /// When it joined (today when not given).
    pub joined_on: Option<PartialDate>,
}

/// A change to a membership's role or dates.
#[derive(InputObject)]
pub struct UpdateMembershipInput {
    /// The membership.
    pub id: ID,
    /// The version the change is based on.
    pub version: i32,
    /// Its part in the cluster.
    pub role: Option<MembershipRole>,
    /// When it joined.
    pub joined_on: MaybeUndefined<PartialDate>,
    /// When it left.
    pub left_on: MaybeUndefined<PartialDate>,
}

/// A service's or working group's fields.
#[derive(InputObject, Default)]
pub struct NamedFieldsInput {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: MaybeUndefined<String>,
}

impl NamedFieldsInput {
    fn into_domain(self) -> content::NamedFields {
        content::NamedFields {
            name: self.name,
            description: text(self.description),
        }
    }
}

/// A new service or working group of a cluster.
#[derive(InputObject)]
pub struct CreateNamedInput {
    /// The cluster.
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
    /// The version the change is based on.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: NamedFieldsInput,
}

/// An event's fields.
#[derive(InputObject, Default)]
pub struct EventFieldsInput {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: MaybeUndefined<String>,
    /// First day.
    pub starts_on: MaybeUndefined<PartialDate>,
    /// Last day.
    pub ends_on: MaybeUndefined<PartialDate>,
    /// Where.
    pub location: MaybeUndefined<String>,
}

impl EventFieldsInput {
    fn into_domain(self) -> content::EventFields {
        content::EventFields {
            name: self.name,
            description: text(self.description),
            starts_on: partial(self.starts_on),
            ends_on: partial(self.ends_on),
            location: text(self.location),
        }
    }
}

/// A new event of a cluster.
#[derive(InputObject)]
pub struct CreateEventInput {
    /// The cluster.
    pub cluster_id: ID,
    /// Its fields; `name` is required.
    #[graphql(flatten)]
    pub fields: EventFieldsInput,
}

/// A change to an event.
#[derive(InputObject)]
pub struct UpdateEventInput {
    /// The event.
    pub id: ID,
    /// The version the change is based on.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: EventFieldsInput,
}

/// A project's fields.
#[derive(InputObject, Default)]
pub struct ProjectFieldsInput {
    /// Name.
    pub name: Option<String>,
    /// Acronym.
    pub acronym: MaybeUndefined<String>,
    /// Funding programme.
    pub programme: MaybeUndefined<String>,
    /// Description.
    pub description: MaybeUndefined<String>,
    /// Budget in whole units of `budgetCurrency`.
    pub budget_amount: MaybeUndefined<i64>,
    /// ISO 4217 currency of the budget (PLN, EUR).
    pub budget_currency: MaybeUndefined<String>,
    /// Start.
    pub starts_on: MaybeUndefined<PartialDate>,
    /// End.
    pub ends_on: MaybeUndefined<PartialDate>,
    /// The cluster's part in the project.
    pub role: MaybeUndefined<String>,
    /// Partner names, replacing the current ones.
    pub partners: Option<Vec<String>>,
}

impl ProjectFieldsInput {
    fn into_domain(self) -> content::ProjectFields {
        content::ProjectFields {
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
        }
    }
}

/// A new project of a cluster.
#[derive(InputObject)]
pub struct CreateProjectInput {
    /// The cluster.
    pub cluster_id: ID,
    /// Its fields; `name` is required.
    #[graphql(flatten)]
    pub fields: ProjectFieldsInput,
}

/// A change to a project.
#[derive(InputObject)]
pub struct UpdateProjectInput {
    /// The project.
    pub id: ID,
    /// The version the change is based on.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: ProjectFieldsInput,
}

/// A year's figures.
#[derive(InputObject, Default)]
pub struct IndicatorFieldsInput {
    /// The year.
    pub year: Option<i32>,
    /// Members at the end of the year.
    pub member_count: MaybeUndefined<i32>,
    /// Members' revenue in PLN.
    pub revenue_pln: MaybeUndefined<i64>,
    /// Members' employment.
    pub employment: MaybeUndefined<i32>,
}

impl IndicatorFieldsInput {
    fn into_domain(self) -> content::IndicatorFields {
        content::IndicatorFields {
            year: self.year,
            member_count: patch(self.member_count, |v| v),
            revenue_pln: patch(self.revenue_pln, |v| v),
            employment: patch(self.employment, |v| v),
        }
    }
}

/// A cluster's figures for a new year.
#[derive(InputObject)]
pub struct CreateIndicatorInput {
    /// The cluster.
    pub cluster_id: ID,
    /// The figures; `year` is required.
    #[graphql(flatten)]
    pub fields: IndicatorFieldsInput,
}

/// A change to a year's figures.
#[derive(InputObject)]
pub struct UpdateIndicatorInput {
    /// The figures.
    pub id: ID,
    /// The version the change is based on.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: IndicatorFieldsInput,
}

/// A person of a cluster's board or office.
#[derive(InputObject, Default)]
pub struct ClusterPersonFieldsInput {
    /// Full name.
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
    /// Since when.
    pub since: MaybeUndefined<PartialDate>,
    /// Until when.
    pub until: MaybeUndefined<PartialDate>,
}

impl ClusterPersonFieldsInput {
    fn into_domain(self) -> Result<content::ClusterPersonFields> {
        let organisation_id = match self.organisation_id {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(id) => Some(Some(
                parse_id_of("organisationId", NodeKind::Organisation, &id).or_api()?,
            )),
        };
        Ok(content::ClusterPersonFields {
            full_name: self.full_name,
            title: text(self.title),
            organisation_id,
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
    /// The cluster.
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
    /// The version the change is based on.
    pub version: i32,
    /// The fields to change.
    #[graphql(flatten)]
    pub fields: ClusterPersonFieldsInput,
}

fn cluster_id(id: &ID) -> Result<i32> {
    parse_id_of("clusterId", NodeKind::Cluster, id).or_api()
}

fn id_of(kind: NodeKind, id: &ID) -> Result<i32> {
    parse_id_of("id", kind, id).or_api()
}

/// Clusters, organisations, memberships and a cluster's activities.
#[derive(Default)]
pub struct RegistryMutations;

/// Clusters, organisations, memberships and a cluster's activities.
#[Object]
impl RegistryMutations {
    /// Adds a cluster (operators).
    async fn create_cluster(
        &self,
        ctx: &Context<'_>,
        input: CreateClusterInput,
    ) -> Result<ClusterPayload> {
        let actor = actor(ctx)?;
        let fields = input.fields.into_domain()?;
        ClusterPayload::from_outcome(clusters::create(db(ctx), actor, &fields).await, Cluster)
    }

    /// Changes a cluster's profile (its coordinators and operators).
    async fn update_cluster(
        &self,
        ctx: &Context<'_>,
        input: UpdateClusterInput,
    ) -> Result<ClusterPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Cluster, &input.id)?;
        let fields = input.fields.into_domain()?;
        ClusterPayload::from_outcome(
            clusters::update(db(ctx), actor, id, input.version, &fields).await,
            Cluster,
        )
    }

    /// Deletes a cluster with everything recorded about it (operators).
    async fn delete_cluster(&self, ctx: &Context<'_>, input: DeleteInput) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Cluster, &input.id)?;
        DeletePayload::from_outcome(
            clusters::delete(db(ctx), actor, id, input.version).await,
            |c| global_id(NodeKind::Cluster, c.id),
        )
    }

    /// Adds an organisation (operators).
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganisationInput,
    ) -> Result<OrganisationPayload> {
        let actor = actor(ctx)?;
        OrganisationPayload::from_outcome(
            organisations::create(db(ctx), actor, &input.fields.into_domain()).await,
            Organisation,
        )
    }

    /// Changes an organisation's profile (its members and operators).
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrganisationInput,
    ) -> Result<OrganisationPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Organisation, &input.id)?;
        OrganisationPayload::from_outcome(
            organisations::update(
                db(ctx),
                actor,
                id,
                input.version,
                &input.fields.into_domain(),
            )
            .await,
            Organisation,
        )
    }

    /// Deletes an organisation and its memberships (operators).
    async fn delete_organisation(
        &self,
        ctx: &Context<'_>,
        input: DeleteInput,
    ) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Organisation, &input.id)?;
        DeletePayload::from_outcome(
            organisations::delete(db(ctx), actor, id, input.version).await,
            |o| global_id(NodeKind::Organisation, o.id),
        )
    }

    /// Applies, for an organisation you act for, to join a cluster. The application is PENDING
    /// until a coordinator decides it.
    async fn apply_for_membership(
        &self,
        ctx: &Context<'_>,
        input: ApplyForMembershipInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        let organisation = parse_id_of(
            "organisationId",
            NodeKind::Organisation,
            &input.organisation_id,
        )
        .or_api()?;
        let result = memberships::apply(
            db(ctx),
            actor,
            cluster,
            organisation,
            input.message.as_deref(),
        )
        .await;
        MembershipPayload::from_outcome(result, Membership::new)
    }

    /// Approves a pending application: the organisation is an ACTIVE member from today.
    async fn approve_membership(
        &self,
        ctx: &Context<'_>,
        input: DecideMembershipInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Membership, &input.id)?;
        let result = memberships::decide(
            db(ctx),
            actor,
            id,
            input.version,
            true,
            input.reason.as_deref(),
        )
        .await;
        MembershipPayload::from_outcome(result, Membership::new)
    }

    /// Rejects a pending application with a reason the applicant will read.
    async fn reject_membership(
        &self,
        ctx: &Context<'_>,
        input: DecideMembershipInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Membership, &input.id)?;
        let result = memberships::decide(
            db(ctx),
            actor,
            id,
            input.version,
            false,
            input.reason.as_deref(),
        )
        .await;
        MembershipPayload::from_outcome(result, Membership::new)
    }

    /// Leaves a cluster (the member) or removes a member (the coordinator): the membership is
    /// LEFT from today. A pending application is withdrawn and the payload's membership is null.
    async fn leave_cluster(
        &self,
        ctx: &Context<'_>,
        input: LeaveClusterInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Membership, &input.id)?;
        let (value, user_errors) =
            super::outcome(memberships::leave(db(ctx), actor, id, input.version).await)?;
        Ok(MembershipPayload {
            membership: value.flatten().map(Membership::new),
            user_errors,
        })
    }

    /// Records a member directly (the cluster's coordinators).
    async fn add_member(
        &self,
        ctx: &Context<'_>,
        input: AddMemberInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        let organisation = parse_id_of(
            "organisationId",
            NodeKind::Organisation,
            &input.organisation_id,
        )
        .or_api()?;
        let joined = input.joined_on.map(|d| d.0.to_string());
        let result = memberships::add_member(
            db(ctx),
            actor,
            cluster,
            organisation,
            input.role.into(),
            joined.as_deref(),
        )
        .await;
        MembershipPayload::from_outcome(result, Membership::new)
    }

    /// Changes a member's role or dates (the cluster's coordinators).
    async fn update_membership(
        &self,
        ctx: &Context<'_>,
        input: UpdateMembershipInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Membership, &input.id)?;
        let result = memberships::update(
            db(ctx),
            actor,
            id,
            input.version,
            input.role.map(Into::into),
            partial(input.joined_on),
            partial(input.left_on),
        )
        .await;
        MembershipPayload::from_outcome(result, Membership::new)
    }

    /// Adds a service to a cluster.
    async fn create_service(
        &self,
        ctx: &Context<'_>,
        input: CreateNamedInput,
    ) -> Result<ServicePayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        ServicePayload::from_outcome(
            content::create_service(db(ctx), actor, cluster, &input.fields.into_domain()).await,
            Service,
        )
    }

    /// Changes a service.
    async fn update_service(
        &self,
        ctx: &Context<'_>,
        input: UpdateNamedInput,
    ) -> Result<ServicePayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Service, &input.id)?;
        ServicePayload::from_outcome(
            content::update_service(
                db(ctx),
                actor,
                id,
                input.version,
                &input.fields.into_domain(),
            )
            .await,
            Service,
        )
    }

    /// Deletes a service.
    async fn delete_service(&self, ctx: &Context<'_>, input: DeleteInput) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Service, &input.id)?;
        DeletePayload::from_outcome(
            content::delete_service(db(ctx), actor, id, input.version).await,
            |m| global_id(NodeKind::Service, m.id),
        )
    }

    /// Adds a working group to a cluster.
    async fn create_working_group(
        &self,
        ctx: &Context<'_>,
        input: CreateNamedInput,
    ) -> Result<WorkingGroupPayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        WorkingGroupPayload::from_outcome(
            content::create_working_group(db(ctx), actor, cluster, &input.fields.into_domain())
                .await,
            WorkingGroup,
        )
    }

    /// Changes a working group.
    async fn update_working_group(
        &self,
        ctx: &Context<'_>,
        input: UpdateNamedInput,
    ) -> Result<WorkingGroupPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::WorkingGroup, &input.id)?;
        WorkingGroupPayload::from_outcome(
            content::update_working_group(
                db(ctx),
                actor,
                id,
                input.version,
                &input.fields.into_domain(),
            )
            .await,
            WorkingGroup,
        )
    }

    /// Deletes a working group.
    async fn delete_working_group(
        &self,
        ctx: &Context<'_>,
        input: DeleteInput,
    ) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::WorkingGroup, &input.id)?;
        DeletePayload::from_outcome(
            content::delete_working_group(db(ctx), actor, id, input.version).await,
            |m| global_id(NodeKind::WorkingGroup, m.id),
        )
    }

    /// Adds an event to a cluster.
    async fn create_event(
        &self,
        ctx: &Context<'_>,
        input: CreateEventInput,
    ) -> Result<EventPayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        EventPayload::from_outcome(
            content::create_event(db(ctx), actor, cluster, &input.fields.into_domain()).await,
            Event,
        )
    }

    /// Changes an event.
    async fn update_event(
        &self,
        ctx: &Context<'_>,
        input: UpdateEventInput,
    ) -> Result<EventPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Event, &input.id)?;
        EventPayload::from_outcome(
            content::update_event(
                db(ctx),
                actor,
                id,
                input.version,
                &input.fields.into_domain(),
            )
            .await,
            Event,
        )
    }

    /// Deletes an event.
    async fn delete_event(&self, ctx: &Context<'_>, input: DeleteInput) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Event, &input.id)?;
        DeletePayload::from_outcome(
            content::delete_event(db(ctx), actor, id, input.version).await,
            |m| global_id(NodeKind::Event, m.id),
        )
    }

    /// Adds a project to a cluster.
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        input: CreateProjectInput,
    ) -> Result<ProjectPayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        ProjectPayload::from_outcome(
            content::create_project(db(ctx), actor, cluster, &input.fields.into_domain()).await,
            Project,
        )
    }

    /// Changes a project.
    async fn update_project(
        &self,
        ctx: &Context<'_>,
        input: UpdateProjectInput,
    ) -> Result<ProjectPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Project, &input.id)?;
        ProjectPayload::from_outcome(
            content::update_project(
                db(ctx),
                actor,
                id,
                input.version,
                &input.fields.into_domain(),
            )
            .await,
            Project,
        )
    }

    /// Deletes a project.
    async fn delete_project(&self, ctx: &Context<'_>, input: DeleteInput) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Project, &input.id)?;
        DeletePayload::from_outcome(
            content::delete_project(db(ctx), actor, id, input.version).await,
            |m| global_id(NodeKind::Project, m.id),
        )
    }

    /// Records a cluster's figures for a year.
    async fn create_indicator(
        &self,
        ctx: &Context<'_>,
        input: CreateIndicatorInput,
    ) -> Result<IndicatorPayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        IndicatorPayload::from_outcome(
            content::create_indicator(db(ctx), actor, cluster, &input.fields.into_domain()).await,
            Indicator,
        )
    }

    /// Changes a year's figures.
    async fn update_indicator(
        &self,
        ctx: &Context<'_>,
        input: UpdateIndicatorInput,
    ) -> Result<IndicatorPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Indicator, &input.id)?;
        IndicatorPayload::from_outcome(
            content::update_indicator(
                db(ctx),
                actor,
                id,
                input.version,
                &input.fields.into_domain(),
            )
            .await,
            Indicator,
        )
    }

    /// Deletes a year's figures.
    async fn delete_indicator(
        &self,
        ctx: &Context<'_>,
        input: DeleteInput,
    ) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Indicator, &input.id)?;
        DeletePayload::from_outcome(
            content::delete_indicator(db(ctx), actor, id, input.version).await,
            |m| global_id(NodeKind::Indicator, m.id),
        )
    }

    /// Adds a person to a cluster's board or office.
    async fn add_cluster_person(
        &self,
        ctx: &Context<'_>,
        input: AddClusterPersonInput,
    ) -> Result<ClusterPersonPayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        let fields = input.fields.into_domain()?;
        ClusterPersonPayload::from_outcome(
            content::add_cluster_person(db(ctx), actor, cluster, &fields).await,
            |(role, _)| ClusterPerson(role),
        )
    }

    /// Changes a person of a cluster and their part in it.
    async fn update_cluster_person(
        &self,
        ctx: &Context<'_>,
        input: UpdateClusterPersonInput,
    ) -> Result<ClusterPersonPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::ClusterPerson, &input.id)?;
        let fields = input.fields.into_domain()?;
        ClusterPersonPayload::from_outcome(
            content::update_cluster_person(db(ctx), actor, id, input.version, &fields).await,
            |(role, _)| ClusterPerson(role),
        )
    }

    /// Removes a person from a cluster's board or office.
    async fn remove_cluster_person(
        &self,
        ctx: &Context<'_>,
        input: DeleteInput,
    ) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::ClusterPerson, &input.id)?;
        DeletePayload::from_outcome(
            content::remove_cluster_person(db(ctx), actor, id, input.version).await,
            |m| global_id(NodeKind::ClusterPerson, m.id),
        )
    }
}
