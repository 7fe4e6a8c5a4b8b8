//! Smaller facts about a cluster: people, services, projects, events, groups, awards, indicators.

use super::enums::{ClusterRoleKind, FigureQualifier, StatedFigureKind};
use super::organisation::{Organisation, source_document};
use super::organisation_by_id;
use super::reference::SourceDocument;
use crate::context::{loaders, viewer};
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id};
use crate::scalars::PartialDate;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use klastry_entity::{
    cluster_award, cluster_indicator, cluster_role, cluster_specialisation, event, person, project,
    service, stated_figure, working_group,
};

/// A person's role in a cluster.
pub struct ClusterPerson(pub cluster_role::Model);

/// A person's role in a cluster.
#[Object]
impl ClusterPerson {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::ClusterPerson, self.0.id)
    }
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The person who has this part in the cluster.
    async fn person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(loaders(ctx)
            .people
            .load_one(self.0.person_id)
            .await
            .or_api()?
            .map(|person| Person(person, Some(self.0.cluster_id))))
    }
    /// Their part in the cluster: chair, vice-chair, board member or office staff.
    async fn role(&self) -> ClusterRoleKind {
        self.0.role.into()
    }
    /// The position as the source words it.
    async fn position(&self) -> Option<&str> {
        self.0.position.as_deref()
    }
    /// Since when the person has this part in the cluster (a partial date).
    async fn since(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.since.as_deref())
    }
    /// Until when the person has (or had) this part; null when open-ended.
    async fn until(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.until.as_deref())
    }
    /// The document the role was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// A person named in a cluster's governance, with the cluster the person was reached through
/// (None when fetched alone). Contact details are not public.
pub struct Person(pub person::Model, pub Option<i32>);

/// A person named in a cluster's governance. Contact details are not public.
#[Object]
impl Person {
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Person, self.0.id)
    }
    /// The person's full name.
    async fn full_name(&self) -> &str {
        &self.0.full_name
    }
    /// Academic or professional title, e.g. `Prof.`.
    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }
    /// The organisation the person represents.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        organisation_by_id(ctx, self.0.organisation_id).await
    }
    /// Work e-mail. Private: null except for operators, and for the coordinators, member
    /// organisations' accounts and private-scoped API tokens of a cluster the person serves.
    async fn email(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        Ok(self
            .sees_contacts(ctx)
            .await?
            .then_some(self.0.email.as_deref())
            .flatten())
    }
    /// Work telephone. Private, as `email`.
    async fn phone(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        Ok(self
            .sees_contacts(ctx)
            .await?
            .then_some(self.0.phone.as_deref())
            .flatten())
    }
}

impl Person {
    /// Whether the viewer may see this person's contacts: as one of a cluster the person was
    /// reached through, or (fetched alone) of any cluster the person serves.
    async fn sees_contacts(&self, ctx: &Context<'_>) -> Result<bool> {
        let viewer = viewer(ctx);
        if matches!(viewer, klastry_domain::rules::access::Viewer::Anonymous) {
            return Ok(false);
        }
        if let Some(cluster_id) = self.1 {
            return Ok(viewer.sees_contacts_of(cluster_id));
        }
        let db = crate::context::db(ctx);
        Ok(
            klastry_domain::reads::clusters::clusters_of_person(db, self.0.id)
                .await
                .or_api()?
                .into_iter()
                .any(|cluster_id| viewer.sees_contacts_of(cluster_id)),
        )
    }
}

/// A service a cluster offers.
pub struct Service(pub service::Model);

/// A service a cluster offers.
#[Object]
impl Service {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Service, self.0.id)
    }
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Its name as the cluster gives it.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Free-text description; null when none was given.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// The document the service was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// A working group, department or advisory body of a cluster.
pub struct WorkingGroup(pub working_group::Model);

/// A working group, department or advisory body of a cluster.
#[Object]
impl WorkingGroup {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::WorkingGroup, self.0.id)
    }
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Its name as the cluster gives it.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Free-text description; null when none was given.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// The document the group was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// An amount of money.
#[derive(SimpleObject)]
pub struct Money {
    /// Amount in whole units.
    pub amount: i64,
    /// ISO 4217 currency code.
    pub currency: String,
}

/// A project or initiative a cluster runs or takes part in.
pub struct Project(pub project::Model);

/// A project or initiative a cluster runs or takes part in.
#[Object]
impl Project {
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Project, self.0.id)
    }
    /// Its name as the cluster gives it.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Short name or acronym it is known by.
    async fn acronym(&self) -> Option<&str> {
        self.0.acronym.as_deref()
    }
    /// Funding programme (e.g. COSME, Horizon 2020).
    async fn programme(&self) -> Option<&str> {
        self.0.programme.as_deref()
    }
    /// Free-text description; null when none was given.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Budget, when the source states it.
    async fn budget(&self) -> Option<Money> {
        Some(Money {
            amount: self.0.budget_amount?,
            currency: self.0.budget_currency.clone()?,
        })
    }
    /// When it starts: a year, a month or a day (a partial date).
    async fn starts_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.starts_on.as_deref())
    }
    /// When it ends: a year, a month or a day (a partial date).
    async fn ends_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.ends_on.as_deref())
    }
    /// The cluster's role in the project.
    async fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }
    /// Partners as named.
    async fn partners(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        let rows = loaders(ctx)
            .project_partners
            .load_one(self.0.id)
            .await
            .or_api()?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.partner_name)
            .collect())
    }
    /// The cluster that runs it.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<super::cluster::Cluster>> {
        super::cluster_by_id(ctx, self.0.cluster_id).await
    }
    /// The document the project was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// An event a cluster organises or takes part in.
pub struct Event(pub event::Model);

/// An event a cluster organises or takes part in.
#[Object]
impl Event {
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Event, self.0.id)
    }
    /// Its name as the cluster gives it.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Free-text description; null when none was given.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// When it starts: a year, a month or a day (a partial date).
    async fn starts_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.starts_on.as_deref())
    }
    /// When it ends: a year, a month or a day (a partial date).
    async fn ends_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.ends_on.as_deref())
    }
    /// Where it takes place.
    async fn location(&self) -> Option<&str> {
        self.0.location.as_deref()
    }
    /// The cluster that holds it.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<super::cluster::Cluster>> {
        super::cluster_by_id(ctx, self.0.cluster_id).await
    }
    /// The document the event was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// An award or distinction a cluster received (other than KKK and ESCA).
pub struct Award(pub cluster_award::Model);

/// An award or distinction a cluster received (other than KKK and ESCA).
#[Object]
impl Award {
    /// Name of the award.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Who awarded it.
    async fn awarded_by(&self) -> Option<&str> {
        self.0.awarded_by.as_deref()
    }
    /// When it was awarded: a year, a month or a day.
    async fn awarded_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.awarded_on.as_deref())
    }
    /// The document the award was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// A specialisation a cluster names for itself, with the document that names it.
pub struct Specialisation(pub cluster_specialisation::Model);

/// A specialisation a cluster names for itself, with the document that names it.
#[Object]
impl Specialisation {
    /// The specialisation as the document words it.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The document that names it.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// A figure a source states about a cluster, as the source words it ("nearly 150 members").
/// It is what the document says, on the date it gives if any, not what the registry counts:
/// the members the registry has recorded are the cluster's `members { totalCount }`.
pub struct StatedFigure(pub stated_figure::Model);

/// A figure a source states about a cluster, as the source words it ("nearly 150 members").
/// It is what the document says, on the date it gives if any, not what the registry counts:
/// the members the registry has recorded are the cluster's `members { totalCount }`.
#[Object]
impl StatedFigure {
    /// What the figure counts.
    async fn kind(&self) -> StatedFigureKind {
        self.0.kind.into()
    }
    /// How `value` relates to the real count ("nearly" 150 is NEARLY and 150).
    async fn qualifier(&self) -> FigureQualifier {
        self.0.qualifier.into()
    }
    /// The number as the source gives it.
    async fn value(&self) -> i32 {
        self.0.value
    }
    /// The day, month or year the figure describes, at the precision the source gives; null
    /// when it gives none (an undated web page), so the figure's date is unknown.
    async fn stated_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.stated_on.as_deref())
    }
    /// The source's own words.
    async fn quote(&self) -> &str {
        &self.0.quote
    }
    /// The document that states it.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// A cluster's figures for one year.
pub struct Indicator(pub cluster_indicator::Model);

/// A cluster's figures for one year.
#[Object]
impl Indicator {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Indicator, self.0.id)
    }
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The calendar year the figures are for.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Number of members.
    async fn member_count(&self) -> Option<i32> {
        self.0.member_count
    }
    /// Members' revenue in PLN.
    async fn revenue_pln(&self) -> Option<i64> {
        self.0.revenue_pln
    }
    /// Members' employment.
    async fn employment(&self) -> Option<i32> {
        self.0.employment
    }
}
