//! Batched reads for the API's DataLoaders: one statement for a whole set of keys.
//!
//! A page of 50 clusters with their members, certifications and labels must cost the same number
//! of statements as a page of 5. Every function here takes all the keys of one nesting level and
//! answers them with one query; a page of members counts its cluster's members in the same
//! statement when asked to. A cluster's own lists are read together in `cluster_lists`.

use super::pagination::{self, Keyset};
use super::rows::{self, ColumnSet};
use crate::DomainResult;
use klastry_entity::{
    MembershipRole, MembershipStatus, OrganisationKind, cluster, membership, membership_period,
    organisation,
};
use sea_orm::sea_query::{
    Alias, Asterisk, Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement,
    SubQueryStatement, UnionType,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, IdenStatic, Iterable,
    ModelTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Value,
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
    E::ActiveModel: sea_orm::TryIntoModel<E::Model>,
    C: ConnectionTrait,
{
    let rows = rows::all(
        db,
        E::find()
            .filter(key.is_in(keys.iter().copied()))
            .order_by_asc(order),
    )
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
    E::ActiveModel: sea_orm::TryIntoModel<E::Model>,
    C: ConnectionTrait,
{
    let rows = rows::all(db, E::find().filter(id.is_in(ids.iter().copied()))).await?;
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
    /// Members on this day instead of now: memberships with a period that may include the day
    /// ([`crate::rules::membership_periods::PeriodDays::may_include`]), whatever their status
    /// now, but for applications ([`MemberPageArgs::as_of`]).
    pub as_of: Option<chrono::NaiveDate>,
    /// With [`MemberPageArgs::as_of`], list memberships that are now applications (PENDING or
    /// REJECTED) too, for a viewer who sees the cluster's applications; otherwise only ACTIVE
    /// and LEFT ones, as everyone may see.
    pub applications_too: bool,
    /// Count every matching member in the page's statement too (see [`MemberPage::total`]).
    pub counted: bool,
    /// The membership columns the page reads, with those every page needs
    /// ([`MemberPageArgs::reading`]); the others hold empty values.
    pub membership_columns: ColumnSet,
    /// The organisation columns the page reads, with the id; the others hold empty values.
    pub organisation_columns: ColumnSet,
}

impl MemberPageArgs {
    /// Builds page arguments, refusing a page size outside 0..=100.
    pub fn new(
        first: Option<i64>,
        after: Option<Keyset>,
        kinds: Vec<OrganisationKind>,
        roles: Vec<MembershipRole>,
    ) -> DomainResult<Self> {
        Ok(Self {
            first: pagination::page_size("first", first)?,
            after: after.map(|k| (k.key, k.id)),
            kinds,
            roles,
            as_of: None,
            applications_too: false,
            counted: false,
            membership_columns: ColumnSet::ALL,
            organisation_columns: ColumnSet::ALL,
        })
    }

    /// The same page, reading only these membership and organisation columns and those every
    /// page needs: the membership's keys, its place in the order, and its role and status (an
    /// enumeration has no empty value to stand in for it); the organisation's id.
    ///
    /// Most clients ask for a member's name and kind, not its 36 columns: reading only those
    /// is less work for the database and most of the decoding saved (callgrind, nested list).
    pub fn reading(self, membership: ColumnSet, organisation: ColumnSet) -> Self {
        use membership::Column as M;
        let keys = ColumnSet::of([
            M::Id,
            M::ClusterId,
            M::OrganisationId,
            M::MemberSortName,
            M::Role,
            M::Status,
        ]);
        Self {
            membership_columns: membership.union(keys),
            organisation_columns: organisation.union(ColumnSet::of([organisation::Column::Id])),
            ..self
        }
    }

    /// The same page, of the members on `day` (see [`MemberPageArgs::as_of`]); with
    /// `applications_too`, memberships that are now applications count as well.
    pub fn as_of(self, day: chrono::NaiveDate, applications_too: bool) -> Self {
        Self {
            as_of: Some(day),
            applications_too,
            ..self
        }
    }

    /// The same page, with every matching member counted in its statement.
    pub fn counted(self) -> Self {
        Self {
            counted: true,
            ..self
        }
    }
}

/// One cluster's page of members.
#[derive(Debug, Clone, Default)]
pub struct MemberPage {
    /// Memberships with the member's position and organisation, by member name.
    pub items: Vec<(Keyset, membership::Model, organisation::Model)>,
    /// Whether more members follow.
    pub has_next_page: bool,
    /// How many members match on all pages, when the page was asked to count them.
    pub total: Option<u64>,
}

fn member_condition(args: &MemberPageArgs) -> Condition {
    let status = Expr::col((membership::Entity, membership::Column::Status));
    let mut condition = match args.as_of {
        None => Condition::all().add(status.eq(MembershipStatus::Active)),
        Some(day) => {
            let mut statuses = vec![MembershipStatus::Active, MembershipStatus::Left];
            if args.applications_too {
                statuses.extend([MembershipStatus::Pending, MembershipStatus::Rejected]);
            }
            Condition::all()
                .add(status.is_in(statuses))
                .add(Expr::exists(period_on(day)))
        }
    };
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

/// A period of the outer query's membership that may include `day`: it may have started by
/// then (or its start is unknown) and may not have ended before (or it is open).
fn period_on(day: chrono::NaiveDate) -> SelectStatement {
    use membership_period::Column as P;
    let period = membership_period::Entity;
    Query::select()
        .expr(Expr::val(1))
        .from(period)
        .cond_where(
            Condition::all()
                .add(
                    Expr::col((period, P::MembershipId))
                        .equals((membership::Entity, membership::Column::Id)),
                )
                .add(
                    Condition::any()
                        .add(Expr::col((period, P::FirstDay)).is_null())
                        .add(Expr::col((period, P::FirstDay)).lte(day)),
                )
                .add(
                    Condition::any()
                        .add(Expr::col((period, P::LastDay)).is_null())
                        .add(Expr::col((period, P::LastDay)).gte(day)),
                ),
        )
        .to_owned()
}

/// The active members of each cluster (or, with `args.as_of`, the members on that day), one
/// page each, in one statement, with their
/// organisations (so that resolving `organisation` costs no further statement) and, when
/// `args.counted`, how many members match on all pages.
pub async fn member_pages<C: ConnectionTrait>(
    db: &C,
    cluster_ids: &[i32],
    args: &MemberPageArgs,
) -> DomainResult<HashMap<i32, MemberPage>> {
    if cluster_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let query = match (db.get_database_backend(), args.counted) {
        (DatabaseBackend::Postgres, false) => member_pages_by_lateral(cluster_ids, args),
        (DatabaseBackend::Postgres, true) => counted_member_pages_by_lateral(cluster_ids, args),
        (_, false) => member_pages_by_union(cluster_ids, args),
        (_, true) => counted_member_pages_by_union(cluster_ids, args),
    };
    let rows = db.query_all(&query).await?;
    // A counted page's rows start with the cluster and its total; a cluster with no member on
    // the page still has one row, whose member columns are NULL.
    let start = if args.counted { 2 } else { 0 };
    let memberships = rows::Places::<membership::Entity>::reading(start, args.membership_columns);
    let organisations =
        rows::Places::<organisation::Entity>::reading(memberships.end(), args.organisation_columns);
    let mut members = Vec::with_capacity(rows.len());
    let mut totals = HashMap::new();
    let mut decoded = 0;
    for row in &rows {
        if args.counted {
            let cluster: i32 = row.try_get_by_index(0)?;
            let total: i64 = row.try_get_by_index(1)?;
            totals.insert(cluster, u64::try_from(total).unwrap_or(0));
            if rows::is_null(row, start) {
                continue;
            }
        }
        let check = rows::Check::first_row(decoded);
        decoded += 1;
        members.push((
            memberships.decode(row, check)?,
            organisations.decode(row, check)?,
        ));
    }
    let mut pages = into_pages(members, args.first);
    for (cluster, total) in totals {
        pages.entry(cluster).or_default().total = Some(total);
    }
    Ok(pages)
}

/// How many members of the cluster named by `cluster` match `args`, on all pages.
fn member_total_select(args: &MemberPageArgs, cluster: Expr) -> SelectStatement {
    let mut select = Query::select();
    select
        // `COUNT(*)` rather than of a column: a count that names no column is answered from
        // the (cluster, status, name, organisation) index alone, without reading a row.
        .expr_as(Func::count(Expr::col(Asterisk)), Alias::new("total"))
        .from(membership::Entity)
        .cond_where(member_condition(args))
        .and_where(Expr::col((membership::Entity, membership::Column::ClusterId)).eq(cluster));
    if !args.kinds.is_empty() {
        // The organisation's kind is the only reason to join.
        select.inner_join(
            organisation::Entity,
            Expr::col((organisation::Entity, organisation::Column::Id)).equals(MEMBER),
        );
    }
    select
}

/// PostgreSQL: as [`member_pages_by_lateral`], with each cluster's total counted once per
/// cluster (its LATERAL comes before the page's) and a row for a cluster whose page is empty.
fn counted_member_pages_by_lateral(cluster_ids: &[i32], args: &MemberPageArgs) -> SelectStatement {
    let page = cluster_page(args, Expr::col((cluster::Entity, cluster::Column::Id)));
    let totals = Alias::new("totals");
    let members = Alias::new("members");
    Query::select()
        .column((cluster::Entity, cluster::Column::Id))
        .column((totals.clone(), Alias::new("total")))
        .column((members.clone(), Asterisk))
        .from(cluster::Entity)
        .join_lateral(
            JoinType::InnerJoin,
            member_total_select(args, Expr::col((cluster::Entity, cluster::Column::Id))),
            totals,
            Condition::all(),
        )
        .join_lateral(JoinType::LeftJoin, page, members, Condition::all())
        .and_where(
            Expr::col((cluster::Entity, cluster::Column::Id)).is_in(cluster_ids.iter().copied()),
        )
        .to_owned()
}

/// SQLite: as [`member_pages_by_union`], each arm the cluster's row with its total, joined to
/// its page (LEFT, so that an empty page still gives the total).
fn counted_member_pages_by_union(cluster_ids: &[i32], args: &MemberPageArgs) -> SelectStatement {
    let arm = |index: usize, cluster_id: i32| {
        let page = cluster_page(args, Expr::val(cluster_id));
        let alias = Alias::new(format!("p{index}"));
        let total = member_total_select(args, Expr::val(cluster_id));
        Query::select()
            .column((cluster::Entity, cluster::Column::Id))
            .expr(Expr::SubQuery(
                None,
                Box::new(SubQueryStatement::SelectStatement(total)),
            ))
            .column((alias.clone(), Asterisk))
            .from(cluster::Entity)
            .join_subquery(JoinType::LeftJoin, page, alias, Condition::all())
            .and_where(Expr::col((cluster::Entity, cluster::Column::Id)).eq(cluster_id))
            .to_owned()
    };
    let mut arms = cluster_ids.iter().enumerate().map(|(i, id)| arm(i, *id));
    // No cluster: an arm that matches nothing, so the statement keeps its shape.
    let mut union = arms
        .next()
        .unwrap_or_else(|| arm(0, 0).and_where(Expr::val(false)).to_owned());
    for other in arms {
        union.union(UnionType::All, other);
    }
    union
}

const NAME: (membership::Entity, membership::Column) =
    (membership::Entity, membership::Column::MemberSortName);
const MEMBER: (membership::Entity, membership::Column) =
    (membership::Entity, membership::Column::OrganisationId);

/// The page's membership and organisation columns, prefixed `m_` and `o_`, from the join of the
/// two, restricted to the page's members and position.
fn member_page_select(args: &MemberPageArgs) -> SelectStatement {
    let mut condition = member_condition(args);
    if let Some((key, id)) = &args.after {
        condition = condition.add(
            Condition::any().add(Expr::col(NAME).gt(key.clone())).add(
                Condition::all()
                    .add(Expr::col(NAME).eq(key.clone()))
                    .add(Expr::col(MEMBER).gt(*id)),
            ),
        );
    }
    let mut select = Query::select();
    for column in membership::Column::iter().filter(|c| args.membership_columns.contains(*c)) {
        select.expr_as(
            Expr::col((membership::Entity, column)),
            Alias::new(format!("m_{}", column.as_str())),
        );
    }
    for column in organisation::Column::iter().filter(|c| args.organisation_columns.contains(*c)) {
        select.expr_as(
            Expr::col((organisation::Entity, column)),
            Alias::new(format!("o_{}", column.as_str())),
        );
    }
    select
        .from(membership::Entity)
        .inner_join(
            organisation::Entity,
            Expr::col((organisation::Entity, organisation::Column::Id)).equals(MEMBER),
        )
        .cond_where(condition)
        .to_owned()
}

/// The first `first + 1` members of the cluster `cluster` names, by member name: one page and
/// whether another follows.
fn cluster_page(args: &MemberPageArgs, cluster: Expr) -> SelectStatement {
    member_page_select(args)
        .and_where(Expr::col((membership::Entity, membership::Column::ClusterId)).eq(cluster))
        .order_by(NAME, Order::Asc)
        .order_by(MEMBER, Order::Asc)
        .limit(args.first + 1)
        .to_owned()
}

/// PostgreSQL: for each cluster a LATERAL subquery reads the first `first + 1` members off the
/// (cluster_id, status, member_sort_name, organisation_id) index, planned once, run per cluster.
fn member_pages_by_lateral(cluster_ids: &[i32], args: &MemberPageArgs) -> SelectStatement {
    let page = cluster_page(args, Expr::col((cluster::Entity, cluster::Column::Id)));
    let members = Alias::new("members");
    Query::select()
        .column((members.clone(), Asterisk))
        .from(cluster::Entity)
        .join_lateral(JoinType::InnerJoin, page, members, Condition::all())
        .and_where(
            Expr::col((cluster::Entity, cluster::Column::Id)).is_in(cluster_ids.iter().copied()),
        )
        .to_owned()
}

/// SQLite (no LATERAL): a `UNION ALL` of one small query per cluster, each reading its first
/// `first + 1` members off the same index. SQLite prepares the arms in microseconds, where
/// PostgreSQL would plan each one, hence the two forms.
fn member_pages_by_union(cluster_ids: &[i32], args: &MemberPageArgs) -> SelectStatement {
    let mut union: Option<SelectStatement> = None;
    for (index, cluster_id) in cluster_ids.iter().enumerate() {
        let page = cluster_page(args, Expr::val(*cluster_id));
        // Wrapped, because SQLite allows ORDER BY and LIMIT only on a whole compound select.
        let wrapped = Query::select()
            .column(Asterisk)
            .from_subquery(page, Alias::new(format!("p{index}")))
            .to_owned();
        match union.as_mut() {
            None => union = Some(wrapped),
            Some(all) => {
                all.union(UnionType::All, wrapped);
            }
        }
    }
    union.unwrap_or_else(|| {
        member_page_select(args)
            .and_where(Expr::val(false))
            .to_owned()
    })
}

/// Groups member rows into pages, by member name within each cluster.
fn into_pages(
    mut rows: Vec<(membership::Model, organisation::Model)>,
    first: u64,
) -> HashMap<i32, MemberPage> {
    // Names compare by bytes here as they do in the database (COLLATE "C", SQLite's BINARY).
    rows.sort_by(|(a, _), (b, _)| {
        (a.cluster_id, &a.member_sort_name, a.organisation_id).cmp(&(
            b.cluster_id,
            &b.member_sort_name,
            b.organisation_id,
        ))
    });
    let mut pages: HashMap<i32, MemberPage> = HashMap::new();
    for (member, organisation) in rows {
        let page = pages.entry(member.cluster_id).or_default();
        if page.items.len() as u64 >= first {
            page.has_next_page = true;
            continue;
        }
        let keyset = Keyset {
            key: member.member_sort_name.clone(),
            id: member.organisation_id,
        };
        page.items.push((keyset, member, organisation));
    }
    pages
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
    let mut select = membership::Entity::find()
        .select_only()
        .column(membership::Column::ClusterId)
        .column_as(Expr::from(Func::count(Expr::col(Asterisk))), "count");
    if !args.kinds.is_empty() {
        // The organisation's kind is the only reason to join.
        select = select.join(
            sea_orm::JoinType::InnerJoin,
            membership::Relation::Organisation.def(),
        );
    }
    let counts: Vec<(i32, i64)> = select
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
