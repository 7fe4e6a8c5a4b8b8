//! The audit trail: every recorded change, as far as the signed-in account may read it.
//!
//! A new query about recorded changes goes here; changes are recorded by the domain's writes.

use crate::context::{actor, db};
use crate::error::{ApiError, OrApi};
use crate::ids::{NodeKind, parse_id_of};
use crate::paging::{after_id, id_connection};
use crate::types::account::AuditEntry;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, ID, Object, Result};
use klastry_domain::FieldErrorCode;
use klastry_domain::platform::audit::{self, AuditScope};

/// The audit trail.
#[derive(Default)]
pub struct AuditQuery;

/// The audit trail.
#[Object]
impl AuditQuery {
    /// Recorded changes, newest first. Operators read all of them; a cluster's coordinators read
    /// the cluster's (`clusterId`); an organisation's members read the organisation's
    /// (`organisationId`).
    async fn audit_trail(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only changes concerning this cluster.")] cluster_id: Option<ID>,
        #[graphql(desc = "Only changes concerning this organisation.")] organisation_id: Option<ID>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the entry to continue after.")] after: Option<String>,
    ) -> Result<Connection<String, AuditEntry, EmptyFields>> {
        let actor = actor(ctx)?;
        let scope = match (cluster_id, organisation_id) {
            (Some(_), Some(_)) => {
                return Err(ApiError::bad_input(
                    "clusterId",
                    FieldErrorCode::MutuallyExclusive,
                    "give clusterId or organisationId, not both",
                ))
                .or_api();
            }
            (Some(c), None) => {
                AuditScope::Cluster(parse_id_of("clusterId", NodeKind::Cluster, &c).or_api()?)
            }
            (None, Some(o)) => AuditScope::Organisation(
                parse_id_of("organisationId", NodeKind::Organisation, &o).or_api()?,
            ),
            (None, None) => AuditScope::All,
        };
        let first = first.map(i64::from);
        let after = after_id(after, NodeKind::AuditEntry)?;
        let (rows, more) = audit::page(db(ctx), actor, scope, first, after)
            .await
            .or_api()?;
        Ok(id_connection(
            NodeKind::AuditEntry,
            after,
            more,
            rows,
            |row| row.id,
            AuditEntry,
        ))
    }
}
