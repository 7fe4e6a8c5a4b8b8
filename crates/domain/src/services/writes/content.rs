//! What a coordinator keeps current about their cluster: services, projects, events, working
//! groups, yearly indicators and the people of its board and office.

use super::{
    Patch, begin, load_versioned, patch_partial_date, patch_text, require_exists, save_versioned,
};
use crate::rules::access::Actor;
use crate::rules::validation::{self, Checks};
use crate::services::audit::{self, Change};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::{Datelike, Utc};
use klastry_entity::{
    ClusterRoleKind, cluster, cluster_indicator, cluster_role, event, person, project, service,
    working_group,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, NotSet, PaginatorTrait, QueryFilter, Set,
};

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

/// Inserts a new fact of `cluster_id` for one of its coordinators, with its audit entry.
async fn create_fact<E, A>(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    object: &'static str,
    build: impl FnOnce() -> DomainResult<A>,
) -> DomainResult<E::Model>
where
    E: EntityTrait<ActiveModel = A>,
    A: ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior + Send,
    E::Model: IntoActiveModel<A> + serde::Serialize,
{
    actor.require_coordinator(cluster_id)?;
    let row = build()?;
    let txn = begin(db).await?;
    require_exists::<cluster::Entity, _>(&txn, cluster_id, "cluster").await?;
    let created = row.insert(&txn).await?;
    let id = super::int_column(&created, "id");
    audit::record(
        &txn,
        Some(actor),
        Change::created(object, id, &created).scoped(Some(cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes a fact for a coordinator of its cluster, refusing stale versions.
async fn update_fact<E, A>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    object: &'static str,
    entity: &'static str,
    build: impl FnOnce(&E::Model) -> DomainResult<A>,
) -> DomainResult<E::Model>
where
    E: EntityTrait<ActiveModel = A>,
    A: ActiveModelTrait<Entity = E> + Send,
    E::Model: IntoActiveModel<A> + serde::Serialize + ClusterFact,
{
    let txn = begin(db).await?;
    let current = require_exists::<E, _>(&txn, id, entity).await?;
    actor.require_coordinator(current.cluster_id())?;
    let before = load_versioned::<E, _>(&txn, id, version, entity).await?;
    let row = build(&before)?;
    let after = save_versioned::<E, _>(&txn, id, version, row, entity).await?;
    audit::record(
        &txn,
        Some(actor),
        Change::updated(object, id, &before, &after).scoped(Some(after.cluster_id()), None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a fact for a coordinator of its cluster, refusing stale versions.
async fn delete_fact<E>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    object: &'static str,
    entity: &'static str,
) -> DomainResult<E::Model>
where
    E: EntityTrait,
    E::Model: serde::Serialize + ClusterFact,
{
    let txn = begin(db).await?;
    let current = require_exists::<E, _>(&txn, id, entity).await?;
    actor.require_coordinator(current.cluster_id())?;
    let before = super::delete_versioned::<E>(&txn, id, version, entity).await?;
    audit::record(
        &txn,
        Some(actor),
        Change::deleted(object, id, &before).scoped(Some(before.cluster_id()), None),
    )
    .await?;
    txn.commit().await?;
    Ok(before)
}

/// A required name on create, kept when not given on update.
fn name(checks: &mut Checks, current: Option<&str>, given: &Option<String>) -> String {
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
            create_fact::<$module::Entity, _>(db, actor, cluster_id, $object, || {
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
            })
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
            update_fact::<$module::Entity, _>(db, actor, id, version, $object, $entity, |before| {
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
            })
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

named_fact!(
    service,
    "Service",
    "service",
    create_service,
    update_service,
    delete_service
);
named_fact!(
    working_group,
    "WorkingGroup",
    "working group",
    create_working_group,
    update_working_group,
    delete_working_group
);

/// Fields of an event.
#[derive(Debug, Clone, Default)]
pub struct EventFields {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Patch<String>,
    /// First day (partial date).
    pub starts_on: Patch<String>,
    /// Last day (partial date).
    pub ends_on: Patch<String>,
    /// Where.
    pub location: Patch<String>,
}

fn event_row(
    before: Option<&event::Model>,
    cluster_id: i32,
    fields: &EventFields,
) -> DomainResult<event::ActiveModel> {
    let mut checks = Checks::default();
    let name = name(&mut checks, before.map(|b| b.name.as_str()), &fields.name);
    let description = patch_text(
        &mut checks,
        "description",
        before.and_then(|b| b.description.clone()),
        &fields.description,
        5_000,
    );
    let starts_on = patch_partial_date(
        &mut checks,
        "startsOn",
        before.and_then(|b| b.starts_on.clone()),
        &fields.starts_on,
    );
    let ends_on = patch_partial_date(
        &mut checks,
        "endsOn",
        before.and_then(|b| b.ends_on.clone()),
        &fields.ends_on,
    );
    super::check_period(
        &mut checks,
        "endsOn",
        starts_on.as_deref(),
        ends_on.as_deref(),
    );
    let location = patch_text(
        &mut checks,
        "location",
        before.and_then(|b| b.location.clone()),
        &fields.location,
        300,
    );
    checks.finish()?;
    let now = Utc::now();
    let mut row = match before {
        Some(b) => b.clone().into(),
        None => event::ActiveModel {
            id: NotSet,
            cluster_id: Set(cluster_id),
            source_document_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    row.name = Set(name);
    row.description = Set(description);
    row.starts_on = Set(starts_on);
    row.ends_on = Set(ends_on);
    row.location = Set(location);
    Ok(row)
}

/// Adds an event to a cluster.
pub async fn create_event(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    fields: &EventFields,
) -> DomainResult<event::Model> {
    create_fact::<event::Entity, _>(db, actor, cluster_id, "Event", || {
        event_row(None, cluster_id, fields)
    })
    .await
}

/// Changes an event.
pub async fn update_event(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &EventFields,
) -> DomainResult<event::Model> {
    update_fact::<event::Entity, _>(db, actor, id, version, "Event", "event", |b| {
        event_row(Some(b), b.cluster_id, fields)
    })
    .await
}

/// Deletes an event.
pub async fn delete_event(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<event::Model> {
    delete_fact::<event::Entity>(db, actor, id, version, "Event", "event").await
}

/// Fields of a project.
#[derive(Debug, Clone, Default)]
pub struct ProjectFields {
    /// Name.
    pub name: Option<String>,
    /// Acronym.
    pub acronym: Patch<String>,
    /// Funding programme.
    pub programme: Patch<String>,
    /// Description.
    pub description: Patch<String>,
    /// Budget in whole units of `budget_currency`.
    pub budget_amount: Patch<i64>,
    /// ISO 4217 currency of the budget.
    pub budget_currency: Patch<String>,
    /// Start (partial date).
    pub starts_on: Patch<String>,
    /// End (partial date).
    pub ends_on: Patch<String>,
    /// The cluster's part in the project.
    pub role: Patch<String>,
    /// Partner names, replacing the current ones.
    pub partners: Option<Vec<String>>,
}

fn project_row(
    before: Option<&project::Model>,
    cluster_id: i32,
    fields: &ProjectFields,
) -> DomainResult<project::ActiveModel> {
    let mut checks = Checks::default();
    let old = |f: fn(&project::Model) -> Option<String>| before.and_then(f);
    let name = name(&mut checks, before.map(|b| b.name.as_str()), &fields.name);
    let acronym = patch_text(
        &mut checks,
        "acronym",
        old(|b| b.acronym.clone()),
        &fields.acronym,
        64,
    );
    let programme = patch_text(
        &mut checks,
        "programme",
        old(|b| b.programme.clone()),
        &fields.programme,
        300,
    );
    let description = patch_text(
        &mut checks,
        "description",
        old(|b| b.description.clone()),
        &fields.description,
        10_000,
    );
    let budget_amount = match fields.budget_amount {
        None => before.and_then(|b| b.budget_amount),
        Some(Some(amount)) if amount < 0 => {
            checks.fail(
                FieldError::new(
                    "budgetAmount",
                    FieldErrorCode::OutOfRange,
                    "must not be negative",
                )
                .min(0),
            );
            None
        }
        Some(amount) => amount,
    };
    let budget_currency = super::patch_checked(
        &mut checks,
        "budgetCurrency",
        old(|b| b.budget_currency.clone()),
        &fields.budget_currency,
        |field, v| {
            let v = v.trim().to_uppercase();
            if v.len() == 3 && v.chars().all(|c| c.is_ascii_uppercase()) {
                Ok(v)
            } else {
                Err(DomainError::invalid(
                    field,
                    FieldErrorCode::InvalidFormat,
                    "a three-letter ISO 4217 code such as PLN or EUR",
                ))
            }
        },
    );
    if budget_amount.is_some() && budget_currency.is_none() {
        checks.fail(FieldError::new(
            "budgetCurrency",
            FieldErrorCode::Required,
            "give the currency of the budget",
        ));
    }
    let starts_on = patch_partial_date(
        &mut checks,
        "startsOn",
        old(|b| b.starts_on.clone()),
        &fields.starts_on,
    );
    let ends_on = patch_partial_date(
        &mut checks,
        "endsOn",
        old(|b| b.ends_on.clone()),
        &fields.ends_on,
    );
    super::check_period(
        &mut checks,
        "endsOn",
        starts_on.as_deref(),
        ends_on.as_deref(),
    );
    let role = patch_text(
        &mut checks,
        "role",
        old(|b| b.role.clone()),
        &fields.role,
        300,
    );
    checks.finish()?;
    let now = Utc::now();
    let mut row = match before {
        Some(b) => b.clone().into(),
        None => project::ActiveModel {
            id: NotSet,
            cluster_id: Set(cluster_id),
            source_document_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    row.name = Set(name);
    row.acronym = Set(acronym);
    row.programme = Set(programme);
    row.description = Set(description);
    row.budget_amount = Set(budget_amount);
    row.budget_currency = Set(budget_currency);
    row.starts_on = Set(starts_on);
    row.ends_on = Set(ends_on);
    row.role = Set(role);
    Ok(row)
}

fn check_partners(fields: &ProjectFields) -> DomainResult<Option<Vec<String>>> {
    let Some(partners) = &fields.partners else {
        return Ok(None);
    };
    let mut checks = Checks::default();
    if partners.len() > 200 {
        checks.fail(
            FieldError::new("partners", FieldErrorCode::TooLong, "at most 200 partners")
                .max(200)
                .actual(partners.len()),
        );
    }
    let names = partners
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            checks.check(validation::required_text(&format!("partners[{i}]"), p, 300))
        })
        .collect();
    checks.finish()?;
    Ok(Some(names))
}

/// Replaces a project's partners (named as given; a partner cluster is not linked).
async fn replace_partners(
    txn: &DatabaseTransaction,
    project_id: i32,
    partners: Vec<String>,
) -> DomainResult<()> {
    use klastry_entity::project_partner;
    let now = Utc::now();
    let rows = partners
        .into_iter()
        .map(|name| project_partner::ActiveModel {
            id: NotSet,
            project_id: Set(project_id),
            partner_cluster_id: Set(None),
            partner_name: Set(name),
            created_at: Set(now),
            updated_at: Set(now),
        });
    super::replace_rows::<project_partner::Entity, _>(
        txn,
        project_partner::Column::ProjectId,
        project_id,
        rows.collect(),
    )
    .await
}

/// Adds a project to a cluster.
pub async fn create_project(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    fields: &ProjectFields,
) -> DomainResult<project::Model> {
    actor.require_coordinator(cluster_id)?;
    let partners = check_partners(fields)?;
    let row = project_row(None, cluster_id, fields)?;
    let txn = begin(db).await?;
    require_exists::<cluster::Entity, _>(&txn, cluster_id, "cluster").await?;
    let created = row.insert(&txn).await?;
    if let Some(partners) = partners {
        replace_partners(&txn, created.id, partners).await?;
    }
    audit::record(
        &txn,
        Some(actor),
        Change::created("Project", created.id, &created).scoped(Some(cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes a project.
pub async fn update_project(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &ProjectFields,
) -> DomainResult<project::Model> {
    let partners = check_partners(fields)?;
    let txn = begin(db).await?;
    let current = require_exists::<project::Entity, _>(&txn, id, "project").await?;
    actor.require_coordinator(current.cluster_id)?;
    let before = load_versioned::<project::Entity, _>(&txn, id, version, "project").await?;
    let row = project_row(Some(&before), before.cluster_id, fields)?;
    let after = save_versioned::<project::Entity, _>(&txn, id, version, row, "project").await?;
    if let Some(partners) = partners {
        replace_partners(&txn, id, partners).await?;
    }
    audit::record(
        &txn,
        Some(actor),
        Change::updated("Project", id, &before, &after).scoped(Some(after.cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a project.
pub async fn delete_project(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<project::Model> {
    delete_fact::<project::Entity>(db, actor, id, version, "Project", "project").await
}

/// Figures of one year.
#[derive(Debug, Clone, Default)]
pub struct IndicatorFields {
    /// The year (required on create).
    pub year: Option<i32>,
    /// Members at the end of the year.
    pub member_count: Patch<i32>,
    /// Members' revenue in PLN.
    pub revenue_pln: Patch<i64>,
    /// Members' employment.
    pub employment: Patch<i32>,
}

fn indicator_row(
    before: Option<&cluster_indicator::Model>,
    cluster_id: i32,
    fields: &IndicatorFields,
) -> DomainResult<cluster_indicator::ActiveModel> {
    let mut checks = Checks::default();
    let latest = crate::rules::calendar::polish_today().year();
    let year = match (fields.year, before) {
        (Some(y), _) if !(1990..=latest).contains(&y) => {
            checks.fail(
                FieldError::new(
                    "year",
                    FieldErrorCode::OutOfRange,
                    format!("must be between 1990 and {latest}"),
                )
                .min(1990)
                .max(latest)
                .actual(y),
            );
            y
        }
        (Some(y), _) => y,
        (None, Some(b)) => b.year,
        (None, None) => {
            checks.fail(FieldError::new(
                "year",
                FieldErrorCode::Required,
                "must be given",
            ));
            0
        }
    };
    fn non_negative<T: PartialOrd + Default + Copy>(
        checks: &mut Checks,
        field: &str,
        current: Option<T>,
        patch: Patch<T>,
    ) -> Option<T> {
        match patch {
            None => current,
            Some(Some(v)) if v < T::default() => {
                checks.fail(
                    FieldError::new(field, FieldErrorCode::OutOfRange, "must not be negative")
                        .min(0),
                );
                None
            }
            Some(v) => v,
        }
    }
    let member_count = non_negative(
        &mut checks,
        "memberCount",
        before.and_then(|b| b.member_count),
        fields.member_count,
    );
    let revenue_pln = non_negative(
        &mut checks,
        "revenuePln",
        before.and_then(|b| b.revenue_pln),
        fields.revenue_pln,
    );
    let employment = non_negative(
        &mut checks,
        "employment",
        before.and_then(|b| b.employment),
        fields.employment,
    );
    checks.finish()?;
    let now = Utc::now();
    let mut row = match before {
        Some(b) => b.clone().into(),
        None => cluster_indicator::ActiveModel {
            id: NotSet,
            cluster_id: Set(cluster_id),
            source_document_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    row.year = Set(year);
    row.member_count = Set(member_count);
    row.revenue_pln = Set(revenue_pln);
    row.employment = Set(employment);
    Ok(row)
}

async fn year_is_free(
    txn: &DatabaseTransaction,
    cluster_id: i32,
    year: i32,
    own: Option<i32>,
) -> DomainResult<()> {
    let mut query = cluster_indicator::Entity::find()
        .filter(cluster_indicator::Column::ClusterId.eq(cluster_id))
        .filter(cluster_indicator::Column::Year.eq(year));
    if let Some(own) = own {
        query = query.filter(cluster_indicator::Column::Id.ne(own));
    }
    if query.count(txn).await? > 0 {
        return Err(DomainError::invalid(
            "year",
            FieldErrorCode::NotUnique,
            format!("figures for {year} are already recorded; update them"),
        ));
    }
    Ok(())
}

/// Records a cluster's figures for a year.
pub async fn create_indicator(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    fields: &IndicatorFields,
) -> DomainResult<cluster_indicator::Model> {
    actor.require_coordinator(cluster_id)?;
    let row = indicator_row(None, cluster_id, fields)?;
    let txn = begin(db).await?;
    require_exists::<cluster::Entity, _>(&txn, cluster_id, "cluster").await?;
    year_is_free(&txn, cluster_id, *row.year.as_ref(), None).await?;
    let created = row.insert(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        Change::created("Indicator", created.id, &created).scoped(Some(cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes a year's figures.
pub async fn update_indicator(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &IndicatorFields,
) -> DomainResult<cluster_indicator::Model> {
    let txn = begin(db).await?;
    let current = require_exists::<cluster_indicator::Entity, _>(&txn, id, "indicator").await?;
    actor.require_coordinator(current.cluster_id)?;
    let before =
        load_versioned::<cluster_indicator::Entity, _>(&txn, id, version, "indicator").await?;
    let row = indicator_row(Some(&before), before.cluster_id, fields)?;
    year_is_free(&txn, before.cluster_id, *row.year.as_ref(), Some(id)).await?;
    let after =
        save_versioned::<cluster_indicator::Entity, _>(&txn, id, version, row, "indicator").await?;
    audit::record(
        &txn,
        Some(actor),
        Change::updated("Indicator", id, &before, &after).scoped(Some(after.cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a year's figures.
pub async fn delete_indicator(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<cluster_indicator::Model> {
    delete_fact::<cluster_indicator::Entity>(db, actor, id, version, "Indicator", "indicator").await
}

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
    let email = super::patch_checked(
        &mut checks,
        "email",
        p.and_then(|p| p.email.clone()),
        &fields.email,
        validation::email,
    );
    let phone = super::patch_checked(
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
    super::check_period(&mut checks, "until", since.as_deref(), until.as_deref());
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
    audit::record(
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
    let current = require_exists::<cluster_role::Entity, _>(&txn, id, "cluster person").await?;
    actor.require_coordinator(current.cluster_id)?;
    let role_before =
        load_versioned::<cluster_role::Entity, _>(&txn, id, version, "cluster person").await?;
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
    audit::record(
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
        super::delete_versioned::<cluster_role::Entity>(&txn, id, version, "cluster person")
            .await?;
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
    audit::record(
        &txn,
        Some(actor),
        Change::deleted("ClusterPerson", id, &(&before, &person))
            .scoped(Some(before.cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_must_not_end_before_it_starts() {
        let fields = EventFields {
            name: Some("Forum".into()),
            starts_on: Some(Some("2026-05-20".into())),
            ends_on: Some(Some("2026-05-19".into())),
            ..Default::default()
        };
        let Err(DomainError::Rejected(errors)) = event_row(None, 1, &fields) else {
            panic!("a reversed event was accepted");
        };
        assert_eq!(errors[0].field, "endsOn");
    }

    #[test]
    fn a_budget_needs_a_currency_and_no_minus() {
        let fields = ProjectFields {
            name: Some("RECOVER".into()),
            budget_amount: Some(Some(-5)),
            ..Default::default()
        };
        let Err(DomainError::Rejected(errors)) = project_row(None, 1, &fields) else {
            panic!("a negative budget was accepted");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["budgetAmount"]);
        let fields = ProjectFields {
            name: Some("RECOVER".into()),
            budget_amount: Some(Some(100)),
            budget_currency: Some(Some("pln".into())),
            ..Default::default()
        };
        let row = project_row(None, 1, &fields).expect("valid project");
        assert_eq!(row.budget_currency.as_ref().as_deref(), Some("PLN"));
    }

    #[test]
    fn indicator_years_are_bounded() {
        let fields = IndicatorFields {
            year: Some(1800),
            member_count: Some(Some(-1)),
            ..Default::default()
        };
        let Err(DomainError::Rejected(errors)) = indicator_row(None, 1, &fields) else {
            panic!("bad figures were accepted");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["year", "memberCount"]);
    }
}
