//! What a coordinator keeps current about their cluster, one file per kind of fact: services,
//! working groups, events, projects, yearly indicators and the people of its board and office.
//!
//! Every one-row kind goes through one shared path here: [`create_fact`], [`update_fact`] and
//! [`delete_fact`] check that the actor coordinates the fact's cluster, refuse stale versions,
//! and record the change in the journal, all in one transaction. What a kind adds to that path
//! (an indicator's year must be free; a project's partners are replaced with it) is a [`Steps`]
//! implementation; kinds with nothing to add pass [`NoSteps`].

use super::Patch;
use crate::DomainResult;
use crate::db::transaction::begin;
use crate::db::versioned::{
    Versioned, check_version, delete_versioned, require_exists, save_versioned,
};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::validation::{self, Checks};
use crate::{FieldError, FieldErrorCode};
use klastry_entity::{
    cluster, cluster_indicator, cluster_role, event, project, service, working_group,
};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, IntoActiveModel,
};
use std::future::Future;

/// A row that belongs to one cluster.
pub trait ClusterFact {
    /// The cluster it belongs to.
    fn cluster_id(&self) -> i32;
}

macro_rules! cluster_fact {
    ($($module:ident),*) => {$(
        impl ClusterFact for $module::Model {
            fn cluster_id(&self) -> i32 {
                self.cluster_id
            }
        }
    )*};
}
cluster_fact!(
    service,
    project,
    event,
    working_group,
    cluster_indicator,
    cluster_role
);

/// What one kind of fact adds to the shared path, inside its transaction.
pub(super) trait Steps<E: EntityTrait>: Sync {
    /// Runs before the row is inserted or saved: `own` is the row's id on update, None on create.
    fn before_write<'a>(
        &'a self,
        _txn: &'a DatabaseTransaction,
        _cluster_id: i32,
        _row: &'a E::ActiveModel,
        _own: Option<i32>,
    ) -> impl Future<Output = DomainResult<()>> + Send + 'a {
        async { Ok(()) }
    }

    /// Runs after the row `id` is inserted or saved, before the change is recorded.
    fn after_write<'a>(
        &'a self,
        _txn: &'a DatabaseTransaction,
        _id: i32,
    ) -> impl Future<Output = DomainResult<()>> + Send + 'a {
        async { Ok(()) }
    }
}

/// No steps of its own: the shared path as it is.
pub(super) struct NoSteps;

impl<E: EntityTrait> Steps<E> for NoSteps {}

/// Inserts a new fact of `cluster_id` for one of its coordinators, with its audit entry.
pub(super) async fn create_fact<E, A>(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    object: &'static str,
    build: impl FnOnce() -> DomainResult<A>,
    steps: &impl Steps<E>,
) -> DomainResult<E::Model>
where
    E: Versioned<ActiveModel = A>,
    A: ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior + Send,
    E::Model: IntoActiveModel<A> + serde::Serialize,
{
    actor.require_coordinator(cluster_id)?;
    let row = build()?;
    let txn = begin(db).await?;
    require_exists::<cluster::Entity, _>(&txn, cluster_id, "cluster").await?;
    steps.before_write(&txn, cluster_id, &row, None).await?;
    let created = row.insert(&txn).await?;
    let id = E::id_of(&created);
    steps.after_write(&txn, id).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::created(object, id, &created).scoped(Some(cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes a fact for a coordinator of its cluster, refusing stale versions.
#[allow(clippy::too_many_arguments)] // the names of the object and its entity, then the hooks
pub(super) async fn update_fact<E, A>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    object: &'static str,
    entity: &'static str,
    build: impl FnOnce(&E::Model) -> DomainResult<A>,
    steps: &impl Steps<E>,
) -> DomainResult<E::Model>
where
    E: Versioned<ActiveModel = A>,
    A: ActiveModelTrait<Entity = E> + Send,
    E::Model: IntoActiveModel<A> + serde::Serialize + ClusterFact,
{
    let txn = begin(db).await?;
    let before = require_exists::<E, _>(&txn, id, entity).await?;
    actor.require_coordinator(before.cluster_id())?;
    check_version::<E>(&before, version, entity)?;
    let row = build(&before)?;
    steps
        .before_write(&txn, before.cluster_id(), &row, Some(id))
        .await?;
    let after = save_versioned::<E, _>(&txn, id, version, row, entity).await?;
    steps.after_write(&txn, id).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::updated(object, id, &before, &after).scoped(Some(after.cluster_id()), None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a fact for a coordinator of its cluster, refusing stale versions.
pub(super) async fn delete_fact<E>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    object: &'static str,
    entity: &'static str,
) -> DomainResult<E::Model>
where
    E: Versioned,
    E::Model: serde::Serialize + ClusterFact,
{
    let txn = begin(db).await?;
    let current = require_exists::<E, _>(&txn, id, entity).await?;
    actor.require_coordinator(current.cluster_id())?;
    let before = delete_versioned::<E>(&txn, current, version, entity).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::deleted(object, id, &before).scoped(Some(before.cluster_id()), None),
    )
    .await?;
    txn.commit().await?;
    Ok(before)
}

/// A required name on create, kept when not given on update.
pub(super) fn name(checks: &mut Checks, current: Option<&str>, given: &Option<String>) -> String {
    match (given, current) {
        (Some(n), _) => checks
            .check(validation::required_text("name", n, 300))
            .unwrap_or_default(),
        (None, Some(c)) => c.to_string(),
        (None, None) => {
            checks.fail(FieldError::new(
                "name",
                FieldErrorCode::Required,
                "must not be empty",
            ));
            String::new()
        }
    }
}

/// Fields of a service or a working group.
#[derive(Debug, Clone, Default)]
pub struct NamedFields {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Patch<String>,
}

macro_rules! named_fact {
    ($module:ident, $object:literal, $entity:literal, $create:ident, $update:ident, $delete:ident) => {
        #[doc = concat!("Adds a ", $entity, " to a cluster.")]
        pub async fn $create(
            db: &DatabaseConnection,
            actor: &Actor,
            cluster_id: i32,
            fields: &NamedFields,
        ) -> DomainResult<$module::Model> {
            create_fact::<$module::Entity, _>(
                db,
                actor,
                cluster_id,
                $object,
                || {
                    let mut checks = Checks::default();
                    let name = name(&mut checks, None, &fields.name);
                    let description =
                        patch_text(&mut checks, "description", None, &fields.description, 5_000);
                    checks.finish()?;
                    let now = Utc::now();
                    Ok($module::ActiveModel {
                        id: NotSet,
                        cluster_id: Set(cluster_id),
                        source_document_id: Set(None),
                        name: Set(name),
                        description: Set(description),
                        version: Set(1),
                        created_at: Set(now),
                        updated_at: Set(now),
                    })
                },
                &NoSteps,
            )
            .await
        }

        #[doc = concat!("Changes a ", $entity, ".")]
        pub async fn $update(
            db: &DatabaseConnection,
            actor: &Actor,
            id: i32,
            version: i32,
            fields: &NamedFields,
        ) -> DomainResult<$module::Model> {
            update_fact::<$module::Entity, _>(
                db,
                actor,
                id,
                version,
                $object,
                $entity,
                |before| {
                    let mut checks = Checks::default();
                    let name = name(&mut checks, Some(&before.name), &fields.name);
                    let description = patch_text(
                        &mut checks,
                        "description",
                        before.description.clone(),
                        &fields.description,
                        5_000,
                    );
                    checks.finish()?;
                    let mut row: $module::ActiveModel = before.clone().into();
                    row.name = Set(name);
                    row.description = Set(description);
                    Ok(row)
                },
                &NoSteps,
            )
            .await
        }

        #[doc = concat!("Deletes a ", $entity, ".")]
        pub async fn $delete(
            db: &DatabaseConnection,
            actor: &Actor,
            id: i32,
            version: i32,
        ) -> DomainResult<$module::Model> {
            delete_fact::<$module::Entity>(db, actor, id, version, $object, $entity).await
        }
    };
}

mod events;
mod indicators;
mod people;
mod projects;
mod services;
mod working_groups;

pub use events::*;
pub use indicators::*;
pub use people::*;
pub use projects::*;
pub use services::*;
pub use working_groups::*;
