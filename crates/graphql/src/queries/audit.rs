//! The audit trail: every recorded change, as far as the signed-in account may read it.
//!
//! A new query about recorded changes goes here; changes are recorded by the domain's writes.

use crate::context::{actor, db};
use crate::error::{ApiError, OrApi};
use crate::ids::{Cursor, NodeKind, parse_global_id, parse_id_of};
use crate::paging::{keyset_connection, page_request};
use crate::types::account::AuditEntry;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, ID, InputObject, Object, Result};
use klastry_domain::FieldErrorCode;
use klastry_domain::platform::audit::{self, AuditScope};

/// Which recorded changes to list; every given condition must hold.
#[derive(InputObject, Default)]
pub struct AuditFilter {
    /// Changes to objects of these kinds, as `objectType` spells them (`Cluster`,
    /// `Membership`, `KkkCertification`, ...), at most 100.
    pub object_types: Option<Vec<String>>,
    /// Changes of these kinds, as `action` spells them (`CREATE`, `UPDATE`, `DELETE`,
    /// `APPROVE`, ...), at most 100.
    pub actions: Option<Vec<String>>,
    /// Changes made by this account (a User's global ID, as `actorId` gives it).
    pub actor_id: Option<ID>,
    /// Changes to this one object (its global ID, as `objectId` gives it).
    pub object_id: Option<ID>,
}

impl AuditFilter {
    fn into_domain(self) -> Result<audit::AuditFilter, ApiError> {
        let object = match self.object_id {
            Some(id) => {
                let (kind, number) = parse_global_id("filter.objectId", &id)?;
                Some((kind.name().to_string(), number))
            }
            None => None,
        };
        Ok(audit::AuditFilter {
            object_types: self.object_types.unwrap_or_default(),
            actions: self.actions.unwrap_or_default(),
            actor_user_id: self
                .actor_id
                .map(|id| parse_id_of("filter.actorId", NodeKind::User, &id))
                .transpose()?,
            object,
        })
    }
}

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
        #[graphql(desc = "Only changes of these kinds, by whom, to what.")] filter: Option<
            AuditFilter,
        >,
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
        let filter = filter.unwrap_or_default().into_domain().or_api()?;
        let page = audit::page(db(ctx), actor, scope, &filter, &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, AuditEntry))
    }
}
