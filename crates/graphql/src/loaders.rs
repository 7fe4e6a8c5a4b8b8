//! Loaders: every relation a client can nest is fetched for a whole level at once.
//!
//! A fresh [`Loaders`] is made for every request, so cached rows never outlive the request
//! or cross between clients.

use crate::batch_loader::BatchLoader;
use async_graphql::dataloader::Loader;
use klastry_domain::DomainError;
use klastry_domain::services::batch::{self, MemberPage, MemberPageArgs};
use klastry_entity::*;
use sea_orm::{DatabaseConnection, EntityTrait, ModelTrait};
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

/// Loads rows of `E` by an integer id column.
pub struct ById<E: EntityTrait> {
    db: DatabaseConnection,
    id: E::Column,
    _entity: PhantomData<fn() -> E>,
}

impl<E> Loader<i32> for ById<E>
where
    E: EntityTrait + Send + Sync + 'static,
    E::Model: ModelTrait<Entity = E> + Clone + Send + Sync + 'static,
    E::ActiveModel: sea_orm::TryIntoModel<E::Model>,
    E::Column: Send + Sync + 'static,
{
    type Value = E::Model;
    type Error = Arc<DomainError>;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, E::Model>, Self::Error> {
        batch::by_ids::<E, _>(&self.db, self.id, keys)
            .await
            .map_err(Arc::new)
    }
}

/// Loads all rows of `E` whose integer `key` column matches, grouped by it.
pub struct Grouped<E: EntityTrait> {
    db: DatabaseConnection,
    key: E::Column,
    order: E::Column,
    _entity: PhantomData<fn() -> E>,
}

impl<E> Loader<i32> for Grouped<E>
where
    E: EntityTrait + Send + Sync + 'static,
    E::Model: ModelTrait<Entity = E> + Clone + Send + Sync + 'static,
    E::ActiveModel: sea_orm::TryIntoModel<E::Model>,
    E::Column: Send + Sync + 'static,
{
    type Value = Vec<E::Model>;
    type Error = Arc<DomainError>;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Vec<E::Model>>, Self::Error> {
        batch::grouped_by::<E, _>(&self.db, self.key, keys, self.order)
            .await
            .map_err(Arc::new)
    }
}

/// Loads all rows of `E` whose integer `key` column matches, each with the row of `R` it
/// names, grouped by the key: the list and what its items point at in one statement. Resolvers
/// prime `R`'s own loader with the rows that came along.
pub struct GroupedWith<E: EntityTrait, R: EntityTrait> {
    db: DatabaseConnection,
    key: E::Column,
    order: E::Column,
    link: E::Column,
    target: R::Column,
}

/// Rows with what each one names; shared, as a page of members is.
pub type WithLinked<E, R> =
    Arc<Vec<(<E as EntityTrait>::Model, Option<<R as EntityTrait>::Model>)>>;

impl<E, R> Loader<i32> for GroupedWith<E, R>
where
    E: EntityTrait + Send + Sync + 'static,
    E::Model: ModelTrait<Entity = E> + Clone + Send + Sync + 'static,
    E::ActiveModel: sea_orm::TryIntoModel<E::Model>,
    E::Column: Send + Sync + 'static,
    R: EntityTrait + Send + Sync + 'static,
    R::Model: Clone + Send + Sync + 'static,
    R::ActiveModel: sea_orm::TryIntoModel<R::Model>,
    R::Column: Send + Sync + 'static,
{
    type Value = WithLinked<E, R>;
    type Error = Arc<DomainError>;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let grouped = batch::grouped_with::<E, R, _>(
            &self.db,
            self.key,
            keys,
            self.order,
            self.link,
            self.target,
        )
        .await
        .map_err(Arc::new)?;
        Ok(grouped
            .into_iter()
            .map(|(key, rows)| (key, Arc::new(rows)))
            .collect())
    }
}

/// Loads one page of active members for many clusters in one statement.
pub struct MemberPages {
    db: DatabaseConnection,
}

impl Loader<(i32, MemberPageArgs)> for MemberPages {
    /// Shared: a page is read out of the loader's cache, and copying a thousand members with
    /// their organisations for that showed in the profile.
    type Value = Arc<MemberPage>;
    type Error = Arc<DomainError>;

    async fn load(
        &self,
        keys: &[(i32, MemberPageArgs)],
    ) -> Result<HashMap<(i32, MemberPageArgs), Arc<MemberPage>>, Self::Error> {
        let mut by_args: HashMap<&MemberPageArgs, Vec<i32>> = HashMap::new();
        for (cluster, args) in keys {
            by_args.entry(args).or_default().push(*cluster);
        }
        let mut pages = HashMap::new();
        for (args, clusters) in by_args {
            let mut found = batch::member_pages(&self.db, &clusters, args)
                .await
                .map_err(Arc::new)?;
            for cluster in clusters {
                let page = found.remove(&cluster).unwrap_or_default();
                pages.insert((cluster, args.clone()), Arc::new(page));
            }
        }
        Ok(pages)
    }
}

/// Counts active members for many clusters in one statement.
pub struct MemberCounts {
    db: DatabaseConnection,
}

impl Loader<(i32, MemberPageArgs)> for MemberCounts {
    type Value = u64;
    type Error = Arc<DomainError>;

    async fn load(
        &self,
        keys: &[(i32, MemberPageArgs)],
    ) -> Result<HashMap<(i32, MemberPageArgs), u64>, Self::Error> {
        let mut by_args: HashMap<&MemberPageArgs, Vec<i32>> = HashMap::new();
        for (cluster, args) in keys {
            by_args.entry(args).or_default().push(*cluster);
        }
        let mut counts = HashMap::new();
        for (args, clusters) in by_args {
            let found = batch::member_counts(&self.db, &clusters, args)
                .await
                .map_err(Arc::new)?;
            for cluster in clusters {
                counts.insert(
                    (cluster, args.clone()),
                    found.get(&cluster).copied().unwrap_or(0),
                );
            }
        }
        Ok(counts)
    }
}

fn by_id<E: EntityTrait>(db: &DatabaseConnection, id: E::Column) -> BatchLoader<i32, ById<E>>
where
    ById<E>: Loader<i32, Error = Arc<DomainError>>,
{
    BatchLoader::new(ById {
        db: db.clone(),
        id,
        _entity: PhantomData,
    })
}

fn grouped_with<E: EntityTrait, R: EntityTrait>(
    db: &DatabaseConnection,
    key: E::Column,
    order: E::Column,
    link: E::Column,
    target: R::Column,
) -> BatchLoader<i32, GroupedWith<E, R>>
where
    GroupedWith<E, R>: Loader<i32, Error = Arc<DomainError>>,
{
    BatchLoader::new(GroupedWith {
        db: db.clone(),
        key,
        order,
        link,
        target,
    })
}

fn grouped<E: EntityTrait>(
    db: &DatabaseConnection,
    key: E::Column,
    order: E::Column,
) -> BatchLoader<i32, Grouped<E>>
where
    Grouped<E>: Loader<i32, Error = Arc<DomainError>>,
{
    BatchLoader::new(Grouped {
        db: db.clone(),
        key,
        order,
        _entity: PhantomData,
    })
}

/// Every loader of one request.
pub struct Loaders {
    /// Clusters by id.
    pub clusters: BatchLoader<i32, ById<cluster::Entity>>,
    /// Organisations by id.
    pub organisations: BatchLoader<i32, ById<organisation::Entity>>,
    /// People by id.
    pub people: BatchLoader<i32, ById<person::Entity>>,
    /// Source documents by id.
    pub source_documents: BatchLoader<i32, ById<source_document::Entity>>,
    /// Sectors by id.
    pub sectors: BatchLoader<i32, ById<sector::Entity>>,
    /// KKK rounds by number.
    pub kkk_rounds: BatchLoader<i32, ById<kkk_round::Entity>>,
    /// Memberships by id.
    pub memberships: BatchLoader<i32, ById<membership::Entity>>,
    /// KKK certifications by id.
    pub kkk_certifications: BatchLoader<i32, ById<kkk_certification::Entity>>,
    /// ESCA labels by id.
    pub esca_labels: BatchLoader<i32, ById<esca_label::Entity>>,
    /// Projects by id.
    pub projects_by_id: BatchLoader<i32, ById<project::Entity>>,
    /// Events by id.
    pub events_by_id: BatchLoader<i32, ById<event::Entity>>,
    /// A cluster's other names.
    pub aliases: BatchLoader<i32, Grouped<cluster_alias::Entity>>,
    /// A cluster's sector links, with their sectors.
    pub cluster_sectors: BatchLoader<i32, GroupedWith<cluster_sector::Entity, sector::Entity>>,
    /// An organisation's sector links.
    pub organisation_sectors: BatchLoader<i32, Grouped<organisation_sector::Entity>>,
    /// A cooperation notice's sector links.
    pub offer_sectors: BatchLoader<i32, Grouped<cooperation_offer_sector::Entity>>,
    /// The answers to a cooperation notice, oldest first.
    pub offer_responses: BatchLoader<i32, Grouped<cooperation_response::Entity>>,
    /// The documents that mention a cluster.
    pub cluster_sources: BatchLoader<i32, Grouped<cluster_source::Entity>>,
    /// A cluster's specialisations.
    pub specialisations: BatchLoader<i32, Grouped<cluster_specialisation::Entity>>,
    /// What a cluster took part in.
    pub participations: BatchLoader<i32, Grouped<cluster_participation::Entity>>,
    /// A cluster's services.
    pub services: BatchLoader<i32, Grouped<service::Entity>>,
    /// A cluster's working groups.
    pub working_groups: BatchLoader<i32, Grouped<working_group::Entity>>,
    /// A cluster's events.
    pub events: BatchLoader<i32, Grouped<event::Entity>>,
    /// A cluster's projects.
    pub projects: BatchLoader<i32, Grouped<project::Entity>>,
    /// A project's partners.
    pub project_partners: BatchLoader<i32, Grouped<project_partner::Entity>>,
    /// A cluster's people and their roles, with the people.
    pub cluster_roles: BatchLoader<i32, GroupedWith<cluster_role::Entity, person::Entity>>,
    /// A cluster's awards.
    pub awards: BatchLoader<i32, Grouped<cluster_award::Entity>>,
    /// A cluster's yearly indicators.
    pub indicators: BatchLoader<i32, Grouped<cluster_indicator::Entity>>,
    /// A cluster's KKK certifications, with their rounds.
    pub kkk_by_cluster: BatchLoader<i32, GroupedWith<kkk_certification::Entity, kkk_round::Entity>>,
    /// A round's KKK certifications.
    pub kkk_by_round: BatchLoader<i32, Grouped<kkk_certification::Entity>>,
    /// A cluster's ESCA labels.
    pub esca_by_cluster: BatchLoader<i32, Grouped<esca_label::Entity>>,
    /// An organisation's memberships.
    pub memberships_by_organisation: BatchLoader<i32, Grouped<membership::Entity>>,
    /// Pages of a cluster's members.
    pub member_pages: BatchLoader<(i32, MemberPageArgs), MemberPages>,
    /// Counts of a cluster's members.
    pub member_counts: BatchLoader<(i32, MemberPageArgs), MemberCounts>,
}

impl Loaders {
    /// Empties every cache: what is loaded next is read from the database again.
    pub fn forget(&self) {
        self.clusters.forget();
        self.organisations.forget();
        self.people.forget();
        self.source_documents.forget();
        self.sectors.forget();
        self.kkk_rounds.forget();
        self.memberships.forget();
        self.kkk_certifications.forget();
        self.esca_labels.forget();
        self.projects_by_id.forget();
        self.events_by_id.forget();
        self.aliases.forget();
        self.cluster_sectors.forget();
        self.organisation_sectors.forget();
        self.offer_sectors.forget();
        self.offer_responses.forget();
        self.cluster_sources.forget();
        self.specialisations.forget();
        self.participations.forget();
        self.services.forget();
        self.working_groups.forget();
        self.events.forget();
        self.projects.forget();
        self.project_partners.forget();
        self.cluster_roles.forget();
        self.awards.forget();
        self.indicators.forget();
        self.kkk_by_cluster.forget();
        self.kkk_by_round.forget();
        self.esca_by_cluster.forget();
        self.memberships_by_organisation.forget();
        self.member_pages.forget();
        self.member_counts.forget();
    }

    /// Fresh loaders for one request.
    pub fn new(db: &DatabaseConnection) -> Self {
        Self {
            clusters: by_id(db, cluster::Column::Id),
            organisations: by_id(db, organisation::Column::Id),
            people: by_id(db, person::Column::Id),
            source_documents: by_id(db, source_document::Column::Id),
            sectors: by_id(db, sector::Column::Id),
            kkk_rounds: by_id(db, kkk_round::Column::Number),
            memberships: by_id(db, membership::Column::Id),
            kkk_certifications: by_id(db, kkk_certification::Column::Id),
            esca_labels: by_id(db, esca_label::Column::Id),
            projects_by_id: by_id(db, project::Column::Id),
            events_by_id: by_id(db, event::Column::Id),
            aliases: grouped(
                db,
                cluster_alias::Column::ClusterId,
                cluster_alias::Column::Id,
            ),
            cluster_sectors: grouped_with(
                db,
                cluster_sector::Column::ClusterId,
                cluster_sector::Column::SectorId,
                cluster_sector::Column::SectorId,
                sector::Column::Id,
            ),
            organisation_sectors: grouped(
                db,
                organisation_sector::Column::OrganisationId,
                organisation_sector::Column::SectorId,
            ),
            offer_sectors: grouped(
                db,
                cooperation_offer_sector::Column::OfferId,
                cooperation_offer_sector::Column::SectorId,
            ),
            offer_responses: grouped(
                db,
                cooperation_response::Column::OfferId,
                cooperation_response::Column::Id,
            ),
            cluster_sources: grouped(
                db,
                cluster_source::Column::ClusterId,
                cluster_source::Column::SourceDocumentId,
            ),
            specialisations: grouped(
                db,
                cluster_specialisation::Column::ClusterId,
                cluster_specialisation::Column::Id,
            ),
            participations: grouped(
                db,
                cluster_participation::Column::ClusterId,
                cluster_participation::Column::Id,
            ),
            services: grouped(db, service::Column::ClusterId, service::Column::Id),
            working_groups: grouped(
                db,
                working_group::Column::ClusterId,
                working_group::Column::Id,
            ),
            events: grouped(db, event::Column::ClusterId, event::Column::Id),
            projects: grouped(db, project::Column::ClusterId, project::Column::Id),
            project_partners: grouped(
                db,
                project_partner::Column::ProjectId,
                project_partner::Column::Id,
            ),
            cluster_roles: grouped_with(
                db,
                cluster_role::Column::ClusterId,
                cluster_role::Column::Id,
                cluster_role::Column::PersonId,
                person::Column::Id,
            ),
            awards: grouped(
                db,
                cluster_award::Column::ClusterId,
                cluster_award::Column::Id,
            ),
            indicators: grouped(
                db,
                cluster_indicator::Column::ClusterId,
                cluster_indicator::Column::Year,
            ),
            kkk_by_cluster: grouped_with(
                db,
                kkk_certification::Column::ClusterId,
                kkk_certification::Column::Id,
                kkk_certification::Column::RoundNumber,
                kkk_round::Column::Number,
            ),
            kkk_by_round: grouped(
                db,
                kkk_certification::Column::RoundNumber,
                kkk_certification::Column::Id,
            ),
            esca_by_cluster: grouped(db, esca_label::Column::ClusterId, esca_label::Column::Id),
            memberships_by_organisation: grouped(
                db,
                membership::Column::OrganisationId,
                membership::Column::Id,
            ),
            member_pages: BatchLoader::new(MemberPages { db: db.clone() }),
            member_counts: BatchLoader::new(MemberCounts { db: db.clone() }),
        }
    }
}
