//! Writing the pending rows in batches: organisations, then memberships with their periods,
//! then the journal of them all in the rows' order, by multi-row INSERTs; a batch the database
//! refuses for a row's sake is written again row by row, to tell which rows fail.

use super::matching::{Importer, OrgRef, Pending, unwritten};
use crate::db::{bulk, transaction};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::writes::membership_periods;
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::Utc;
use klastry_entity::membership;
use sea_orm::{DatabaseTransaction, NotSet, Set};

impl Importer<'_> {
    /// Writes the pending rows: organisations, then memberships with their periods, then the
    /// journal of them all in the rows' order, each kind by multi-row INSERTs. Nothing but a
    /// concurrent writer can make them fail in the database (every identifier, slug and
    /// membership was matched inside this transaction), so they run in one savepoint; if that
    /// fails for a row's sake, they are written again one row at a time, each in its own, to
    /// tell which rows fail (kept in `refused`).
    pub(super) async fn flush(&mut self, txn: &DatabaseTransaction) -> DomainResult<()> {
        let pending = std::mem::take(&mut self.pending);
        if pending.is_empty() {
            return Ok(());
        }
        let savepoint = transaction::begin(txn).await?;
        match self.write(&savepoint, &pending).await {
            Ok(()) => {
                savepoint.commit().await?;
                return Ok(());
            }
            Err(error) if !is_a_rows_fault(&error) => return Err(error),
            Err(_) => savepoint.rollback().await?,
        }
        for item in &pending {
            if let Pending::Organisation { new, .. } = item {
                self.new_organisations[*new].id = None;
            }
        }
        for item in pending {
            let index = item.index();
            if let Pending::Membership {
                organisation: OrgRef::New(new),
                registry_id,
                ..
            } = &item
                && self.new_organisations[*new].id.is_none()
            {
                self.refused.push((
                    index,
                    DomainError::invalid(
                        "organisationRegistryId",
                        FieldErrorCode::NotAllowed,
                        format!("organisation {registry_id} could not be written"),
                    ),
                ));
                continue;
            }
            let savepoint = transaction::begin(txn).await?;
            match self.write(&savepoint, std::slice::from_ref(&item)).await {
                Ok(()) => savepoint.commit().await?,
                Err(error) if is_a_rows_fault(&error) => {
                    savepoint.rollback().await?;
                    if let Pending::Organisation { new, .. } = &item {
                        self.new_organisations[*new].id = None;
                    }
                    self.refused.push((index, error));
                }
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    async fn write(&mut self, txn: &DatabaseTransaction, pending: &[Pending]) -> DomainResult<()> {
        let mut changes: Vec<(usize, Change)> = Vec::with_capacity(pending.len());
        let (mut organisations, mut places) = (Vec::new(), Vec::new());
        for item in pending {
            if let Pending::Organisation { index, new, row } = item {
                organisations.push((**row).clone());
                places.push((*index, *new));
            }
        }
        let written = bulk::insert_returning(txn, organisations, |o| o.id).await?;
        for ((index, new), created) in places.into_iter().zip(written) {
            self.new_organisations[new].id = Some(created.id);
            changes.push((
                index,
                Change::created("Organisation", created.id, &created)
                    .scoped(None, Some(created.id)),
            ));
        }
        let now = Utc::now();
        let mut memberships = Vec::new();
        let mut places = Vec::new();
        for item in pending {
            let Pending::Membership {
                index,
                cluster_id,
                organisation,
                terms,
                ..
            } = item
            else {
                continue;
            };
            let (organisation_id, sort_name) = match organisation {
                OrgRef::Registered(id) => (Some(*id), self.known.sort_names.get(id).cloned()),
                OrgRef::New(new) => {
                    let new = &self.new_organisations[*new];
                    (new.id, Some(new.sort_name.clone()))
                }
            };
            let (Some(organisation_id), Some(sort_name)) = (organisation_id, sort_name) else {
                return Err(unwritten("organisationRegistryId"));
            };
            memberships.push(membership::ActiveModel {
                id: NotSet,
                cluster_id: Set(*cluster_id),
                source_document_id: Set(None),
                organisation_id: Set(organisation_id),
                member_sort_name: Set(sort_name),
                role: Set(terms.role),
                status: Set(terms.status),
                joined_on: Set(terms.joined_on.clone()),
                left_on: Set(terms.left_on.clone()),
                application_message: Set(None),
                decision_reason: Set(None),
                decided_at: Set(Some(now)),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            });
            places.push(*index);
        }
        let written = bulk::insert_returning(txn, memberships, |m| m.id).await?;
        // Each membership's one period: open when ACTIVE, over when LEFT on a known date.
        let periods = written
            .iter()
            .map(|m| membership_periods::new_period(m, m.joined_on.clone(), m.left_on.clone()))
            .collect();
        bulk::insert_all(txn, periods).await?;
        for (index, created) in places.into_iter().zip(written) {
            changes.push((
                index,
                Change::action("IMPORT", "Membership", created.id)
                    .after(&created)
                    .scoped(Some(created.cluster_id), Some(created.organisation_id)),
            ));
        }
        changes.sort_by_key(|(index, _)| *index);
        journal::record_many(
            txn,
            self.actor,
            changes.into_iter().map(|(_, c)| c).collect(),
        )
        .await
    }
}

/// Whether a failure in the database is a row's own (a key another writer took meanwhile), not
/// the database's.
fn is_a_rows_fault(error: &DomainError) -> bool {
    matches!(
        error,
        DomainError::Invalid(_)
            | DomainError::Rejected(_)
            | DomainError::Conflict(_)
            | DomainError::NotFound { .. }
    )
}
