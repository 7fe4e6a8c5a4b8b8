//! The audit trail: every recorded change, as far as the signed-in account may read it.
//!
//! A new query about recorded changes goes here; changes are recorded by the domain's writes.

use crate::context::{actor, db};
use crate::error::{ApiError, OrApi};
use crate::ids::{Cursor, NodeKind, parse_id_of};
use crate::paging::{keyset_connection, page_request};
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
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn audit_trail(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only changes concerning this cluster.")] cluster_id: Option<ID>,
        #[graphql(desc = "Only changes concerning this organisation.")] organisation_id: Option<ID>,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the entry to continue after (towards older ones).")]
        after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the entry to continue before (towards newer ones).")]
        before: Option<String>,
    ) -> Result<Connection<Cursor, AuditEntry, EmptyFields>> {
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
        let request = page_request(first, after, last, before).or_api()?;
        let page = audit::page(db(ctx), actor, scope, &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, AuditEntry))
    }
}
