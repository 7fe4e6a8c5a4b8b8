//! Applying checked rows, in three steps: every row's checks that need no database
//! (`plan`); what the registry already holds of the records the rows name, read in batches
//! (`lookup`); then each row in order, matched against that (an organisation by its
//! identifiers, a cluster by slug, a membership by both) and, when new, written in batches by
//! multi-row INSERTs with the journal the API's mutations write. Clusters, few in any import,
//! are written one at a time through the API's own path.

use super::lookup::Known;
use super::matching::{Importer, Outcome};
use super::plan::{Plan, plan};
use super::{ImportQuota, ImportReport, ImportRow, MAX_ROWS, RowError};
use crate::db::transaction;
use crate::platform::audit;
use crate::rules::access::Actor;
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use std::collections::{HashMap, HashSet};

/// Rows decided before they are written: bounds the memory the writes waiting hold.
const ROWS_PER_FLUSH: usize = 1_000;

pub(super) async fn apply(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    rows: Vec<ImportRow>,
    mut errors: Vec<RowError>,
    dry_run: bool,
    quota: ImportQuota,
) -> DomainResult<ImportReport> {
    let total = rows.len() + errors.len();
    if total > MAX_ROWS {
        return Err(FieldError::new(
            "data",
            FieldErrorCode::TooLong,
            format!("at most {MAX_ROWS} rows an import; split the file"),
        )
        .max(MAX_ROWS)
        .actual(total)
        .into());
    }
    let bound = actor.filter(|a| !a.is_operator).map(|_| quota);
    if let Some(quota) = bound
        && total > quota.max_rows
    {
        return Err(FieldError::new(
            "data",
            FieldErrorCode::TooLong,
            format!(
                "at most {} rows an import for a coordinator or an API token; split the file, or ask an operator",
                quota.max_rows
            ),
        )
        .max(quota.max_rows)
        .actual(total)
        .into());
    }
    let mut report = ImportReport {
        rows: total,
        ..Default::default()
    };
    if let Some(actor) = actor
        && !actor.is_operator
        && actor.coordinated_clusters.is_empty()
    {
        return Err(DomainError::forbidden(
            "only operators and clusters' coordinators may import",
        ));
    }
    // The checks that need no database, for every row, before anything is read.
    let plans: Vec<DomainResult<Plan>> = rows.iter().map(plan).collect();
    let txn = transaction::begin(db).await?;
    let known = Known::load(&txn, &rows, &plans).await?;
    let mut importer = Importer {
        actor,
        known,
        registry_ids: HashMap::new(),
        refused_ids: HashMap::new(),
        new_organisations: Vec::new(),
        new_identifiers: HashMap::new(),
        new_names: HashMap::new(),
        memberships: HashSet::new(),
        created_organisations: Vec::new(),
        joined: HashSet::new(),
        pending: Vec::new(),
        refused: Vec::new(),
    };
    let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(rows.len());
    for (index, (row, plan)) in rows.iter().zip(plans).enumerate() {
        let outcome = match plan {
            Ok(plan) => importer.apply(&txn, index, row, plan).await,
            Err(error) => Err(error),
        };
        match outcome {
            Ok(outcome) => {
                outcomes.push(Some(outcome));
                // Written in batches as the rows go, so that memory stays bounded.
                if importer.pending.len() >= ROWS_PER_FLUSH {
                    importer.flush(&txn).await?;
                }
            }
            Err(error) => {
                outcomes.push(None);
                importer.refuse(row, error, &mut errors)?;
            }
        }
    }
    importer.flush(&txn).await?;
    for (index, error) in std::mem::take(&mut importer.refused) {
        outcomes[index] = None;
        importer.refuse(&rows[index], error, &mut errors)?;
    }
    for (row, outcome) in rows.iter().zip(outcomes) {
        let counts = match outcome {
            Some(Outcome::Created) => &mut report.created,
            Some(Outcome::Matched) => &mut report.matched,
            None => continue,
        };
        match row.kind {
            "organisation" => counts.organisations += 1,
            "cluster" => counts.clusters += 1,
            _ => counts.memberships += 1,
        }
    }
    // A coordinator brings in organisations only as members of their clusters.
    if let Some(actor) = actor
        && !actor.is_operator
    {
        for (source, line, id, name) in &importer.created_organisations {
            if !importer.joined.contains(id) {
                errors.push(RowError {
                    source: *source,
                    line: *line,
                    kind: "organisation".into(),
                    key: name.clone(),
                    field: String::new(),
                    code: FieldErrorCode::NotAllowed,
                    message: "a coordinator imports a new organisation only with its membership of their cluster in the same import".into(),
                });
            }
        }
    }
    if let (Some(quota), Some(actor)) = (bound, actor)
        && errors.is_empty()
    {
        // Counted inside the transaction, so this import's own organisations count too.
        let created = audit::created_since(
            &txn,
            actor.user_id,
            "Organisation",
            Utc::now() - chrono::Duration::days(1),
        )
        .await?;
        if created > quota.organisations_per_day {
            txn.rollback().await?;
            return Err(FieldError::new(
                "data",
                FieldErrorCode::NotAllowed,
                format!(
                    "this import would bring the organisations your account created in 24 hours to {created}, over the quota of {}; import fewer, or ask an operator",
                    quota.organisations_per_day
                ),
            )
            .max(quota.organisations_per_day)
            .actual(created)
            .into());
        }
    }
    errors.sort_by_key(|e| (e.source, e.line));
    report.errors = errors;
    if dry_run || !report.errors.is_empty() {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
        report.applied = true;
    }
    Ok(report)
}
