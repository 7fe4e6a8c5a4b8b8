//! The people of a cluster's board and office: a person's record and their part in the
//! cluster, written together (two rows, so not through the one-row shared path).

use crate::db::transaction::begin;
use crate::db::versioned::{check_version, delete_versioned, require_exists, save_versioned};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::validation::{self, Checks};
use crate::writes::{Patch, patch_partial_date, patch_text};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{ClusterRoleKind, cluster, cluster_role, person};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, NotSet,
    PaginatorTrait, QueryFilter, Set,
};

/// A person of a cluster's board or office, with their part in it.
#[derive(Debug, Clone, Default)]
pub struct ClusterPersonFields {
    /// Full name.
    pub full_name: Option<String>,
    /// Academic or professional title.
    pub title: Patch<String>,
    /// The organisation the person works for.
    pub organisation_id: Patch<i32>,
    /// Work e-mail (private: shown to the cluster, its members and operators).
    pub email: Patch<String>,
    /// Work telephone (private, as the e-mail).
    pub phone: Patch<String>,
    /// Their part in the cluster.
    pub role: Option<ClusterRoleKind>,
    /// Position as the cluster names it.
    pub position: Patch<String>,
    /// Since when (partial date).
    pub since: Patch<String>,
    /// Until when (partial date).
    pub until: Patch<String>,
}

fn person_rows(
    before: Option<(&cluster_role::Model, &person::Model)>,
    cluster_id: i32,
    fields: &ClusterPersonFields,
) -> DomainResult<(person::ActiveModel, cluster_role::ActiveModel)> {
    let mut checks = Checks::default();
    let p = before.map(|b| b.1);
    let r = before.map(|b| b.0);
    let full_name = match (&fields.full_name, p) {
        (Some(n), _) => checks
            .check(validation::required_text("fullName", n, 200))
            .unwrap_or_default(),
        (None, Some(p)) => p.full_name.clone(),
        (None, None) => {
            checks.fail(FieldError::new(
                "fullName",
                FieldErrorCode::Required,
                "must not be empty",
            ));
            String::new()
        }
    };
    let title = patch_text(
        &mut checks,
        "title",
        p.and_then(|p| p.title.clone()),
        &fields.title,
        32,
    );
    let email = crate::writes::patch_checked(
        &mut checks,
        "email",
        p.and_then(|p| p.email.clone()),
        &fields.email,
        validation::email,
    );
    let phone = crate::writes::patch_checked(
        &mut checks,
        "phone",
        p.and_then(|p| p.phone.clone()),
        &fields.phone,
        validation::phone,
    );
    let position = patch_text(
        &mut checks,
        "position",
        r.and_then(|r| r.position.clone()),
        &fields.position,
        200,
    );
    let since = patch_partial_date(
        &mut checks,
        "since",
        r.and_then(|r| r.since.clone()),
        &fields.since,
    );
    let until = patch_partial_date(
        &mut checks,
        "until",
        r.and_then(|r| r.until.clone()),
        &fields.until,
    );
    crate::writes::check_period(&mut checks, "until", since.as_deref(), until.as_deref());
    let role = match (fields.role, r) {
        (Some(role), _) => role,
        (None, Some(r)) => r.role,
        (None, None) => {
            checks.fail(FieldError::new(
                "role",
                FieldErrorCode::Required,
                "must be given",
            ));
            ClusterRoleKind::Office
        }
    };
    checks.finish()?;
    let now = Utc::now();
    let mut person_row = match p {
        Some(p) => p.clone().into(),
        None => person::ActiveModel {
            id: NotSet,
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            organisation_id: Set(None),
            ..Default::default()
        },
    };
    person_row.full_name = Set(full_name);
    person_row.title = Set(title);
    person_row.email = Set(email);
    person_row.phone = Set(phone);
    if let Some(organisation) = fields.organisation_id {
        person_row.organisation_id = Set(organisation);
    }
    let mut role_row = match r {
        Some(r) => r.clone().into(),
        None => cluster_role::ActiveModel {
            id: NotSet,
            cluster_id: Set(cluster_id),
            source_document_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    role_row.role = Set(role);
    role_row.position = Set(position);
    role_row.since = Set(since);
    role_row.until = Set(until);
    Ok((person_row, role_row))
}

async fn organisation_exists(
    txn: &DatabaseTransaction,
    fields: &ClusterPersonFields,
) -> DomainResult<()> {
    if let Some(Some(id)) = fields.organisation_id
        && klastry_entity::organisation::Entity::find_by_id(id)
            .one(txn)
            .await?
            .is_none()
    {
        return Err(DomainError::invalid(
            "organisationId",
            FieldErrorCode::NotFound,
            "no such organisation",
        ));
    }
    Ok(())
}

/// Adds a person to a cluster's board or office.
pub async fn add_cluster_person(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    fields: &ClusterPersonFields,
) -> DomainResult<(cluster_role::Model, person::Model)> {
    actor.require_coordinator(cluster_id)?;
    let (person_row, mut role_row) = person_rows(None, cluster_id, fields)?;
    let txn = begin(db).await?;
    require_exists::<cluster::Entity, _>(&txn, cluster_id, "cluster").await?;
    organisation_exists(&txn, fields).await?;
    let person = person_row.insert(&txn).await?;
    role_row.person_id = Set(person.id);
    let role = role_row.insert(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::created("ClusterPerson", role.id, &(&role, &person)).scoped(Some(cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok((role, person))
}

/// Changes a person of a cluster and their part in it.
pub async fn update_cluster_person(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &ClusterPersonFields,
) -> DomainResult<(cluster_role::Model, person::Model)> {
    let txn = begin(db).await?;
    let role_before = require_exists::<cluster_role::Entity, _>(&txn, id, "cluster person").await?;
    actor.require_coordinator(role_before.cluster_id)?;
    check_version::<cluster_role::Entity>(&role_before, version, "cluster person")?;
    let person_before =
        require_exists::<person::Entity, _>(&txn, role_before.person_id, "person").await?;
    organisation_exists(&txn, fields).await?;
    let (person_row, role_row) = person_rows(
        Some((&role_before, &person_before)),
        role_before.cluster_id,
        fields,
    )?;
    let role =
        save_versioned::<cluster_role::Entity, _>(&txn, id, version, role_row, "cluster person")
            .await?;
    let person = save_versioned::<person::Entity, _>(
        &txn,
        person_before.id,
        person_before.version,
        person_row,
        "person",
    )
    .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::updated(
            "ClusterPerson",
            id,
            &(&role_before, &person_before),
            &(&role, &person),
        )
        .scoped(Some(role.cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok((role, person))
}

/// Removes a person from a cluster's board or office; the person's record goes too unless
/// another cluster names them.
pub async fn remove_cluster_person(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<cluster_role::Model> {
    let txn = begin(db).await?;
    let current = require_exists::<cluster_role::Entity, _>(&txn, id, "cluster person").await?;
    actor.require_coordinator(current.cluster_id)?;
    let before =
        delete_versioned::<cluster_role::Entity>(&txn, current, version, "cluster person").await?;
    let person = person::Entity::find_by_id(before.person_id)
        .one(&txn)
        .await?;
    let still_named = cluster_role::Entity::find()
        .filter(cluster_role::Column::PersonId.eq(before.person_id))
        .count(&txn)
        .await?
        > 0;
    if !still_named {
        person::Entity::delete_by_id(before.person_id)
            .exec(&txn)
            .await?;
    }
    journal::record(
        &txn,
        Some(actor),
        Change::deleted("ClusterPerson", id, &(&before, &person))
            .scoped(Some(before.cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(before)
}
