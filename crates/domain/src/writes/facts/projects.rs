//! A cluster's projects, with their partners (an extra step of the shared path).

use super::{Steps, create_fact, delete_fact, name, update_fact};
use crate::db::versioned::{self};
use crate::rules::access::Actor;
use crate::rules::validation::{self, Checks};
use crate::writes::{Patch, patch_partial_date, patch_text};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::project;
use sea_orm::{DatabaseConnection, DatabaseTransaction, NotSet, Set};

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
    let budget_currency = crate::writes::patch_checked(
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
    crate::writes::check_period(
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
    versioned::replace_rows::<project_partner::Entity, _>(
        txn,
        project_partner::Column::ProjectId,
        project_id,
        rows.collect(),
    )
    .await
}

/// A project's extra step: its partners, checked before the transaction and written with it.
struct Partners(Option<Vec<String>>);

impl Steps<project::Entity> for Partners {
    async fn after_write(&self, txn: &DatabaseTransaction, id: i32) -> DomainResult<()> {
        if let Some(partners) = &self.0 {
            replace_partners(txn, id, partners.clone()).await?;
        }
        Ok(())
    }
}

/// Adds a project to a cluster.
pub async fn create_project(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    fields: &ProjectFields,
) -> DomainResult<project::Model> {
    actor.require_coordinator(cluster_id)?;
    let partners = Partners(check_partners(fields)?);
    create_fact::<project::Entity, _>(
        db,
        actor,
        cluster_id,
        "Project",
        || project_row(None, cluster_id, fields),
        &partners,
    )
    .await
}

/// Changes a project.
pub async fn update_project(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &ProjectFields,
) -> DomainResult<project::Model> {
    let partners = Partners(check_partners(fields)?);
    update_fact::<project::Entity, _>(
        db,
        actor,
        id,
        version,
        "Project",
        "project",
        |before| project_row(Some(before), before.cluster_id, fields),
        &partners,
    )
    .await
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

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
}
