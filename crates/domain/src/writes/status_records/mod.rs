//! Recording KKK certifications and ESCA labels (operators only), with the programmes' rules:
//! a valid-until date after the award, a confirmation within the period, no two KKK
//! certifications of one cluster held on the same day, and levels from the closed set. Each
//! record and each correction names its source (`sources`), so none is without one.

mod checks;
mod esca;
mod kkk;
mod settling;

pub use esca::{delete_esca, record_esca, update_esca};
pub use kkk::{delete_kkk, record_kkk, update_kkk};
pub(crate) use settling::{settle_esca, settle_kkk};

use crate::DomainResult;
use crate::rules::access::Actor;
use crate::writes::Patch;
use crate::writes::sources::{self, SourceChoice};
use chrono::NaiveDate;
use sea_orm::DatabaseTransaction;

/// The stated facts of a status record; each `None` leaves the fact as it is.
#[derive(Debug, Clone, Default)]
pub struct StatusFields {
    /// Award date (partial date); required for a new record.
    pub awarded_on: Patch<String>,
    /// Last day of validity (partial date); derived from the programme's term when not stated.
    pub valid_until: Patch<String>,
    /// Day a source confirmed the status.
    pub confirmed_on: Patch<NaiveDate>,
    /// Remarks.
    pub note: Patch<String>,
    /// The document the record or the correction is taken from; required.
    pub source: Option<SourceChoice>,
    /// Whether the source says the status has been held since the award date, continuously;
    /// `None` keeps it (false for a new record).
    pub held_since: Option<bool>,
}

/// Fields only a KKK certification has.
#[derive(Debug, Clone, Default)]
pub struct KkkFields {
    /// The common facts.
    pub status: StatusFields,
    /// The competition round.
    pub round_number: Patch<i32>,
    /// The organisation that represents the cluster (usually its coordinator).
    pub representative_id: Patch<i32>,
    /// Which renewal this is (1 for the first renewal).
    pub renewal: Patch<i32>,
}

/// The source a record or a correction names, added first if new, inside its transaction.
async fn source_of(
    txn: &DatabaseTransaction,
    actor: &Actor,
    cluster_id: i32,
    fields: &StatusFields,
) -> DomainResult<Option<i32>> {
    sources::resolve(txn, actor, cluster_id, fields.source.as_ref())
        .await
        .map(Some)
}
