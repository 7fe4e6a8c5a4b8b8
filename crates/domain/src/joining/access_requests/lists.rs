//! Reading requests: an account's own, those waiting for its decision, and whether it may
//! read one.

use super::deciders::{decided_organisations, may_decide};
use crate::DomainResult;
use crate::db::pagination::{Keyset, Page, PagePlan, PageRequest, fetch_page, newest_first};
use crate::db::rows::ColumnSet;
use crate::rules::access::Actor;
use klastry_entity::{AccessRequestKind, ReviewStatus, access_request};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

/// Which requests a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestScope {
    /// The signed-in account's own, in every state.
    Mine,
    /// Those waiting for the signed-in account's decision.
    ToDecide,
}

/// A page of requests, newest first.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    scope: RequestScope,
    request: &PageRequest,
) -> DomainResult<Page<access_request::Model>> {
    actor.require_account()?;
    let mut query = access_request::Entity::find();
    match scope {
        RequestScope::Mine => {
            query = query.filter(access_request::Column::UserId.eq(actor.user_id));
        }
        RequestScope::ToDecide => {
            query = query.filter(access_request::Column::Status.eq(ReviewStatus::Pending));
            if !actor.is_operator {
                let organisations = decided_organisations(db, actor).await?;
                query = query
                    .filter(access_request::Column::Kind.eq(AccessRequestKind::ActForOrganisation))
                    .filter(
                        Condition::all()
                            .add(access_request::Column::OrganisationId.is_in(organisations)),
                    );
            }
        }
    }
    let order = newest_first::<access_request::Entity>(access_request::Column::Id, |row| {
        Keyset::of_id(row.id)
    });
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}

/// Whether `actor` may read `request`: the one who asked, whoever may decide it, operators.
pub async fn may_read<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    request: &access_request::Model,
) -> DomainResult<bool> {
    Ok(
        request.user_id == actor.user_id && actor.api_token.is_none()
            || may_decide(db, actor, request).await?,
    )
}
