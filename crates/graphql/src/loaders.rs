//! Loaders: every relation a client can nest is fetched for a whole level at once.
//!
//! A fresh [`Loaders`] is made for every request, so cached rows never outlive the request
//! or cross between clients.

use crate::batch_loader::BatchLoader;
use async_graphql::dataloader::Loader;
use klastry_domain::DomainError;
use klastry_domain::db::batch::{self, MemberPage, MemberPageArgs};
use klastry_domain::db::cluster_lists::{self, ClusterList, ListRows};
use klastry_entity::*;
use sea_orm::{DatabaseConnection, EntityTrait, ModelTrait};
use std::collections::{BTreeSet, HashMap};
use std::marker::PhantomData;
use std::sync::{Arc, OnceLock};

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

/// Who decides requests to act for organisations, for a whole level of requests at once.
pub struct Deciders {
    db: DatabaseConnection,
}

impl Loader<i32> for Deciders {
    type Value = klastry_domain::rules::joining::Decider;
    type Error = Arc<DomainError>;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        klastry_domain::joining::access_requests::deciders_for(&self.db, keys)
            .await
            .map_err(Arc::new)
    }
}

/// Loads a cluster's lists for a whole request level in one statement: every list the level's
/// resolvers ask for, for every cluster they ask about. Resolvers prime the loaders of what the
/// rows name (rounds, people, sectors, documents) with the rows that came along.
pub struct ClusterLists {
    db: DatabaseConnection,
}

impl Loader<(i32, ClusterList)> for ClusterLists {
    /// Shared: a list is read out of the loader's cache by every field that needs it.
    type Value = Arc<ListRows>;
    type Error = Arc<DomainError>;

    async fn load(
        &self,
        keys: &[(i32, ClusterList)],
    ) -> Result<HashMap<(i32, ClusterList), Arc<ListRows>>, Self::Error> {
        let clusters: BTreeSet<i32> = keys.iter().map(|(cluster, _)| *cluster).collect();
        let lists: BTreeSet<ClusterList> = keys.iter().map(|(_, list)| *list).collect();
        let clusters: Vec<i32> = clusters.into_iter().collect();
        let mut found = cluster_lists::read(&self.db, &clusters, &lists)
            .await
            .map_err(Arc::new)?;
        Ok(keys
            .iter()
            .map(|key| {
                let rows = found.remove(key).unwrap_or_else(|| ListRows::empty(key.1));
                (*key, Arc::new(rows))
            })
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
    /// The loaders only `node(id:)` needs, made when a node first asks for one.
    nodes: OnceLock<NodeLoaders>,
    /// The connection the lazily made loaders read through.
    db: DatabaseConnection,
    /// An organisation's sector links.
    pub organisation_sectors: BatchLoader<i32, Grouped<organisation_sector::Entity>>,
    /// A cooperation notice's sector links.
    pub offer_sectors: BatchLoader<i32, Grouped<cooperation_offer_sector::Entity>>,
    /// The answers to a cooperation notice, oldest first.
    pub offer_responses: BatchLoader<i32, Grouped<cooperation_response::Entity>>,
    /// A project's partners.
    pub project_partners: BatchLoader<i32, Grouped<project_partner::Entity>>,
    /// A round's KKK certifications.
    pub kkk_by_round: BatchLoader<i32, Grouped<kkk_certification::Entity>>,
    /// An organisation's memberships.
    pub memberships_by_organisation: BatchLoader<i32, Grouped<membership::Entity>>,
    /// A membership's periods, in the order they were opened.
    pub membership_periods: BatchLoader<i32, Grouped<membership_period::Entity>>,
    /// A cluster's lists (certifications, labels, people, events ...), all in one statement.
    pub cluster_lists: BatchLoader<(i32, ClusterList), ClusterLists>,
    /// Pages of a cluster's members.
    pub member_pages: BatchLoader<(i32, MemberPageArgs), MemberPages>,
    /// Counts of a cluster's members.
    pub member_counts: BatchLoader<(i32, MemberPageArgs), MemberCounts>,
    /// The registry's revision as this request read it, for the figures kept by it.
    revision: std::sync::Mutex<Option<Option<i64>>>,
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
        if let Some(nodes) = self.nodes.get() {
            nodes.forget();
        }
        self.organisation_sectors.forget();
        self.offer_sectors.forget();
        self.offer_responses.forget();
        self.project_partners.forget();
        self.kkk_by_round.forget();
        self.memberships_by_organisation.forget();
        self.membership_periods.forget();
        self.cluster_lists.forget();
        self.member_pages.forget();
        self.member_counts.forget();
        *self.revision_memo() = None;
    }

    /// The registry's revision, read once per request (and again after [`Self::forget`]).
    pub async fn revision(&self) -> klastry_domain::DomainResult<Option<i64>> {
        if let Some(revision) = *self.revision_memo() {
            return Ok(revision);
        }
        // Two fields of one request may both read it; either answer is as new as the request.
        let revision = klastry_domain::reads::revision::current(&self.db).await?;
        *self.revision_memo() = Some(revision);
        Ok(revision)
    }

    fn revision_memo(&self) -> std::sync::MutexGuard<'_, Option<Option<i64>>> {
        // Nothing half-written can be left behind by a panic while holding this.
        self.revision
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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
            nodes: OnceLock::new(),
            db: db.clone(),
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
            project_partners: grouped(
                db,
                project_partner::Column::ProjectId,
                project_partner::Column::Id,
            ),
            kkk_by_round: grouped(
                db,
                kkk_certification::Column::RoundNumber,
                kkk_certification::Column::Id,
            ),
            memberships_by_organisation: grouped(
                db,
                membership::Column::OrganisationId,
                membership::Column::Id,
            ),
            membership_periods: grouped(
                db,
                membership_period::Column::MembershipId,
                membership_period::Column::Id,
            ),
            cluster_lists: BatchLoader::new(ClusterLists { db: db.clone() }),
            member_pages: BatchLoader::new(MemberPages { db: db.clone() }),
            member_counts: BatchLoader::new(MemberCounts { db: db.clone() }),
            revision: std::sync::Mutex::new(None),
        }
    }
}

impl Loaders {
    /// The loaders of the objects only `node(id:)` fetches by ID, made on first use: most
    /// requests never ask for one, and each loader costs allocations to make.
    pub fn nodes(&self) -> &NodeLoaders {
        self.nodes.get_or_init(|| NodeLoaders::new(&self.db))
    }
}

/// The loaders of objects `node(id:)` fetches that no other field loads by ID.
pub struct NodeLoaders {
    /// Services by id.
    pub services: BatchLoader<i32, ById<service::Entity>>,
    /// Working groups by id.
    pub working_groups: BatchLoader<i32, ById<working_group::Entity>>,
    /// A cluster's yearly figures by id.
    pub indicators: BatchLoader<i32, ById<cluster_indicator::Entity>>,
    /// People's parts in clusters by id.
    pub cluster_people: BatchLoader<i32, ById<cluster_role::Entity>>,
    /// Cooperation notices by id.
    pub cooperation_offers: BatchLoader<i32, ById<cooperation_offer::Entity>>,
    /// Answers to cooperation notices by id.
    pub cooperation_responses: BatchLoader<i32, ById<cooperation_response::Entity>>,
    /// Accounts by id.
    pub users: BatchLoader<i32, ById<app_user::Entity>>,
    /// Roles accounts hold by id.
    pub user_roles: BatchLoader<i32, ById<user_role::Entity>>,
    /// Entries of the audit trail by id.
    pub audit_entries: BatchLoader<i32, ById<audit_entry::Entity>>,
    /// API tokens by id.
    pub api_tokens: BatchLoader<i32, ById<api_token::Entity>>,
    /// Webhooks by id.
    pub webhooks: BatchLoader<i32, ById<webhook::Entity>>,
    /// Webhook deliveries by id.
    pub webhook_deliveries: BatchLoader<i32, ById<webhook_delivery::Entity>>,
    /// Registry events by id.
    pub registry_events: BatchLoader<i32, ById<registry_event::Entity>>,
    /// The tries of a webhook delivery, first to last.
    pub webhook_attempts: BatchLoader<i32, Grouped<webhook_attempt::Entity>>,
    /// The roles of an account, oldest first.
    pub roles_of_user: BatchLoader<i32, Grouped<user_role::Entity>>,
    /// Who decides requests to act for an organisation, by organisation.
    pub deciders: BatchLoader<i32, Deciders>,
    /// The coordinators' roles of a cluster.
    pub cluster_coordinators: BatchLoader<i32, Grouped<user_role::Entity>>,
}

impl NodeLoaders {
    fn new(db: &DatabaseConnection) -> Self {
        Self {
            services: by_id(db, service::Column::Id),
            working_groups: by_id(db, working_group::Column::Id),
            indicators: by_id(db, cluster_indicator::Column::Id),
            cluster_people: by_id(db, cluster_role::Column::Id),
            cooperation_offers: by_id(db, cooperation_offer::Column::Id),
            cooperation_responses: by_id(db, cooperation_response::Column::Id),
            users: by_id(db, app_user::Column::Id),
            user_roles: by_id(db, user_role::Column::Id),
            audit_entries: by_id(db, audit_entry::Column::Id),
            api_tokens: by_id(db, api_token::Column::Id),
            webhooks: by_id(db, webhook::Column::Id),
            webhook_deliveries: by_id(db, webhook_delivery::Column::Id),
            registry_events: by_id(db, registry_event::Column::Id),
            webhook_attempts: grouped(
                db,
                webhook_attempt::Column::DeliveryId,
                webhook_attempt::Column::Number,
            ),
            roles_of_user: grouped(db, user_role::Column::UserId, user_role::Column::Id),
            deciders: BatchLoader::new(Deciders { db: db.clone() }),
            cluster_coordinators: grouped(db, user_role::Column::ClusterId, user_role::Column::Id),
        }
    }

    fn forget(&self) {
        self.services.forget();
        self.working_groups.forget();
        self.indicators.forget();
        self.cluster_people.forget();
        self.cooperation_offers.forget();
        self.cooperation_responses.forget();
        self.users.forget();
        self.user_roles.forget();
        self.audit_entries.forget();
        self.api_tokens.forget();
        self.webhooks.forget();
        self.webhook_deliveries.forget();
        self.registry_events.forget();
        self.webhook_attempts.forget();
        self.roles_of_user.forget();
        self.deciders.forget();
        self.cluster_coordinators.forget();
    }
}
