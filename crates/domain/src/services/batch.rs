//! Batched reads for the API's DataLoaders: one statement for a whole set of keys.
//!
//! A page of 50 clusters with their members, certifications and labels must cost the same number
//! of statements as a page of 5. Every function here takes all the keys of one nesting level and
//! answers them with one query (two for paged members: the page and, when asked, the counts).

use super::pagination::{DEFAULT_PAGE_SIZE, Keyset, MAX_PAGE_SIZE};
use crate::{DomainError, DomainResult};
use klastry_entity::{
    MembershipRole, MembershipStatus, OrganisationKind, membership, organisation,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, WindowStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, ModelTrait, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait, Value,
};
use std::collections::HashMap;

fn int_of(value: Value) -> Option<i32> {
    match value {
        Value::Int(Some(i)) => Some(i),
        _ => None,
    }
}

/// Rows of `E` whose integer `key` column is one of `keys`, grouped by that column and kept in
/// `order` within each group.
pub async fn grouped_by<E, C>(
    db: &C,
    key: E::Column,
    keys: &[i32],
    order: E::Column,
) -> DomainResult<HashMap<i32, Vec<E::Model>>>
where
    E: EntityTrait,
    E::Model: ModelTrait<Entity = E>,
    C: ConnectionTrait,
{
    let rows = E::find()
        .filter(key.is_in(keys.iter().copied()))
        .order_by_asc(order)
        .all(db)
        .await?;
    let mut grouped: HashMap<i32, Vec<E::Model>> = HashMap::new();
    for row in rows {
        if let Some(k) = int_of(row.get(key)) {
            grouped.entry(k).or_default().push(row);
        }
    }
    Ok(grouped)
}

/// Rows of `E` by their integer id column.
pub async fn by_ids<E, C>(
    db: &C,
    id: E::Column,
    ids: &[i32],
) -> DomainResult<HashMap<i32, E::Model>>
where
    E: EntityTrait,
    E::Model: ModelTrait<Entity = E>,
    C: ConnectionTrait,
{
    let rows = E::find()
        .filter(id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| int_of(row.get(id)).map(|k| (k, row)))
        .collect())
}

/// Which members of a cluster a page holds: the same for every cluster of one request level.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct MemberPageArgs {
    /// Page size.
    pub first: u64,
    /// Start after this member (organisation sort name and organisation id).
    pub after: Option<(String, i32)>,
    /// Only members of these kinds.
    pub kinds: Vec<OrganisationKind>,
    /// Only members in these roles.
    pub roles: Vec<MembershipRole>,
}

impl MemberPageArgs {
    /// Builds page arguments, refusing a page size outside 0..=100.
    pub fn new(
        first: Option<i64>,
        after: Option<Keyset>,
        kinds: Vec<OrganisationKind>,
        roles: Vec<MembershipRole>,
    ) -> DomainResult<Self> {
        let first = first.unwrap_or(DEFAULT_PAGE_SIZE as i64);
        if first < 0 || first as u64 > MAX_PAGE_SIZE {
            return Err(DomainError::invalid(
                "first",
                format!("must be between 0 and {MAX_PAGE_SIZE}, not {first}"),
            ));
        }
        Ok(Self {
            first: first as u64,
            after: after.map(|k| (k.key, k.id)),
            kinds,
            roles,
        })
    }
}

/// One cluster's page of members.
#[derive(Debug, Clone, Default)]
pub struct MemberPage {
    /// Memberships with the member's position, by member name.
    pub items: Vec<(Keyset, membership::Model)>,
    /// Whether more members follow.
    pub has_next_page: bool,
}

#[derive(Debug, FromQueryResult)]
struct MemberRow {
    id: i32,
    cluster_id: i32,
    source_document_id: Option<i32>,
    organisation_id: i32,
    role: MembershipRole,
    status: MembershipStatus,
    joined_on: Option<String>,
    left_on: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
    member_sort_name: String,
}

fn member_condition(args: &MemberPageArgs) -> Condition {
    let mut condition = Condition::all().add(
        Expr::col((membership::Entity, membership::Column::Status)).eq(MembershipStatus::Active),
    );
    if !args.kinds.is_empty() {
        condition = condition.add(
            Expr::col((organisation::Entity, organisation::Column::Kind))
                .is_in(args.kinds.iter().copied()),
        );
    }
    if !args.roles.is_empty() {
        condition = condition.add(
            Expr::col((membership::Entity, membership::Column::Role))
                .is_in(args.roles.iter().copied()),
        );
    }
    condition
}

/// The active members of each cluster, one page each, in one statement: a window function
/// numbers each cluster's members by name and the outer query keeps the first `first + 1`.
pub async fn member_pages<C: ConnectionTrait>(
    db: &C,
    cluster_ids: &[i32],
    args: &MemberPageArgs,
) -> DomainResult<HashMap<i32, MemberPage>> {
    let sort = (organisation::Entity, organisation::Column::SortName);
    let org_id = (organisation::Entity, organisation::Column::Id);
    let mut condition = member_condition(args).add(
        Expr::col((membership::Entity, membership::Column::ClusterId))
            .is_in(cluster_ids.iter().copied()),
    );
    if let Some((key, id)) = &args.after {
        condition = condition.add(
            Condition::any().add(Expr::col(sort).gt(key.clone())).add(
                Condition::all()
                    .add(Expr::col(sort).eq(key.clone()))
                    .add(Expr::col(org_id).gt(*id)),
            ),
        );
    }
    let mut window =
        WindowStatement::partition_by((membership::Entity, membership::Column::ClusterId));
    window
        .order_by(sort, Order::Asc)
        .order_by(org_id, Order::Asc);
    let inner = Query::select()
        .columns([
            (membership::Entity, membership::Column::Id),
            (membership::Entity, membership::Column::ClusterId),
            (membership::Entity, membership::Column::SourceDocumentId),
            (membership::Entity, membership::Column::OrganisationId),
            (membership::Entity, membership::Column::Role),
            (membership::Entity, membership::Column::Status),
            (membership::Entity, membership::Column::JoinedOn),
            (membership::Entity, membership::Column::LeftOn),
            (membership::Entity, membership::Column::CreatedAt),
            (membership::Entity, membership::Column::UpdatedAt),
        ])
        .expr_as(Expr::col(sort), "member_sort_name")
        .expr_window_as(Func::cust("ROW_NUMBER"), window, "position")
        .from(membership::Entity)
        .inner_join(
            organisation::Entity,
            Expr::col(org_id).equals((membership::Entity, membership::Column::OrganisationId)),
        )
        .cond_where(condition)
        .to_owned();
    let ranked = Alias::new("ranked");
    let outer = Query::select()
        .column(sea_orm::sea_query::Asterisk)
        .from_subquery(inner, ranked.clone())
        .and_where(Expr::col((ranked.clone(), Alias::new("position"))).lte(args.first as i64 + 1))
        .order_by((ranked.clone(), Alias::new("cluster_id")), Order::Asc)
        .order_by((ranked, Alias::new("position")), Order::Asc)
        .to_owned();
    let statement = db.get_database_backend().build(&outer);
    let rows = MemberRow::find_by_statement(statement).all(db).await?;

    let mut pages: HashMap<i32, MemberPage> = HashMap::new();
    for row in rows {
        let page = pages.entry(row.cluster_id).or_default();
        if page.items.len() as u64 >= args.first {
            page.has_next_page = true;
            continue;
        }
        let keyset = Keyset {
            key: row.member_sort_name,
            id: row.organisation_id,
        };
        page.items.push((
            keyset,
            membership::Model {
                id: row.id,
                cluster_id: row.cluster_id,
                source_document_id: row.source_document_id,
                organisation_id: row.organisation_id,
                role: row.role,
                status: row.status,
                joined_on: row.joined_on,
                left_on: row.left_on,
                created_at: row.created_at,
                updated_at: row.updated_at,
            },
        ));
    }
    Ok(pages)
}

/// How many active members each cluster has, under the same kind and role restrictions.
pub async fn member_counts<C: ConnectionTrait>(
    db: &C,
    cluster_ids: &[i32],
    args: &MemberPageArgs,
) -> DomainResult<HashMap<i32, u64>> {
    let condition = member_condition(args).add(
        Expr::col((membership::Entity, membership::Column::ClusterId))
            .is_in(cluster_ids.iter().copied()),
    );
    let counts: Vec<(i32, i64)> = membership::Entity::find()
        .select_only()
        .column(membership::Column::ClusterId)
        .column_as(membership::Column::Id.count(), "count")
        .join(
            sea_orm::JoinType::InnerJoin,
            membership::Relation::Organisation.def(),
        )
        .filter(condition)
        .group_by(membership::Column::ClusterId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counts
        .into_iter()
        .map(|(id, n)| (id, u64::try_from(n).unwrap_or(0)))
        .collect())
}
