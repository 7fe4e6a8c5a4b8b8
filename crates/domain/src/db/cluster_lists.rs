//! A cluster's lists, as many as one request level asks for, in one statement.
//!
//! A cluster's profile names a dozen one-to-many facts (certifications, labels, people, events,
//! projects ...). Read one statement per list, the profile was ten statements, and each costs
//! a round trip, a pool checkout and PostgreSQL's own execute (a `pgbench` of the profile's
//! statements, prepared: 4,018 profiles a second as ten statements, 5,311 as four). Here every
//! list asked for is a correlated subquery that aggregates its rows into one JSON array
//! (`json_agg` on PostgreSQL, `json_group_array` on SQLite, each ordered inside the aggregate),
//! one column per list, one row per cluster; each row inside is an array of its column values
//! in the entity's order, followed by those of the row it names, and is decoded by position.

use super::rows::{self, Columns};
use crate::DomainResult;
use klastry_entity::{
    cluster, cluster_alias, cluster_award, cluster_indicator, cluster_participation, cluster_role,
    cluster_sector, cluster_source, cluster_specialisation, esca_label, event, kkk_certification,
    kkk_round, person, project, sector, service, source_document, stated_figure, working_group,
};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query, SelectStatement, SubQueryStatement};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, Iterable, QueryResult, TryIntoModel,
};
use std::collections::{BTreeSet, HashMap};

/// Rows of `E`, each with the row of `R` it names (None where it names nothing).
pub type Linked<E, R> = Vec<(<E as EntityTrait>::Model, Option<<R as EntityTrait>::Model>)>;

macro_rules! lists {
    ($(
        $(#[$doc:meta])*
        $list:ident, $accessor:ident: $rows:ty =
            $entity:ident by $key:ident in order of $order:ident
            $(, with $linked:ident where $link:ident = $target:ident)?;
    )*) => {
        /// One of a cluster's lists.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ClusterList {
            $($(#[$doc])* $list,)*
        }

        /// The rows of one of a cluster's lists.
        #[derive(Debug, Clone, PartialEq)]
        pub enum ListRows {
            $($(#[$doc])* $list($rows),)*
        }

        impl ListRows {
            /// An empty list of this kind.
            pub fn empty(list: ClusterList) -> Self {
                match list {
                    $(ClusterList::$list => Self::$list(Vec::new()),)*
                }
            }

            $(
                $(#[$doc])*
                /// Empty when these rows are another list's.
                pub fn $accessor(&self) -> &[<$rows as IntoIterator>::Item] {
                    match self {
                        Self::$list(rows) => rows,
                        _ => &[],
                    }
                }
            )*
        }

        impl ClusterList {
            /// Every list.
            pub const ALL: &[ClusterList] = &[$(ClusterList::$list,)*];

            /// The subquery that aggregates this list of the outer cluster row.
            fn aggregate(self, backend: DatabaseBackend) -> Expr {
                match self {
                    $(ClusterList::$list => lists!(@aggregate backend, $entity, $key, $order
                        $(, $linked, $link, $target)?),)*
                }
            }

            /// Decodes this list's aggregated rows, for each cluster.
            fn decode(self, rows: Aggregated) -> Result<Vec<(i32, ListRows)>, DbErr> {
                match self {
                    $(ClusterList::$list => Ok(lists!(@decode rows, $entity
                        $(, $linked, $target)?)?
                        .into_iter()
                        .map(|(cluster, rows)| (cluster, ListRows::$list(rows)))
                        .collect()),)*
                }
            }
        }
    };
    (@aggregate $backend:ident, $entity:ident, $key:ident, $order:ident) => {
        aggregate::<$entity::Entity>(
            $backend,
            $entity::Column::$key,
            $entity::Column::$order,
            Vec::new(),
            |_| {},
        )
    };
    (@aggregate $backend:ident, $entity:ident, $key:ident, $order:ident,
        $linked:ident, $link:ident, $target:ident) => {
        aggregate::<$entity::Entity>(
            $backend,
            $entity::Column::$key,
            $entity::Column::$order,
            $linked::Column::iter()
                .map(|column| Expr::col(($linked::Entity, column)))
                .collect(),
            |select| {
                select.left_join(
                    $linked::Entity,
                    Expr::col(($entity::Entity, $entity::Column::$link))
                        .equals(($linked::Entity, $linked::Column::$target)),
                );
            },
        )
    };
    (@decode $rows:ident, $entity:ident) => {
        plain::<$entity::Entity>($rows)
    };
    (@decode $rows:ident, $entity:ident, $linked:ident, $target:ident) => {
        linked::<$entity::Entity, $linked::Entity>($rows, $linked::Column::$target)
    };
}

lists! {
    /// Other names the sources use.
    Aliases, aliases: Vec<cluster_alias::Model> =
        cluster_alias by ClusterId in order of Id;
    /// Sector links, with their sectors.
    Sectors, sectors: Linked<cluster_sector::Entity, sector::Entity> =
        cluster_sector by ClusterId in order of SectorId, with sector where SectorId = Id;
    /// Specialisations.
    Specialisations, specialisations: Vec<cluster_specialisation::Model> =
        cluster_specialisation by ClusterId in order of Id;
    /// Links to the documents that mention the cluster, with the documents.
    Sources, sources: Linked<cluster_source::Entity, source_document::Entity> =
        cluster_source by ClusterId in order of SourceDocumentId,
        with source_document where SourceDocumentId = Id;
    /// Programmes and events taken part in.
    Participations, participations: Vec<cluster_participation::Model> =
        cluster_participation by ClusterId in order of Id;
    /// Services.
    Services, services: Vec<service::Model> = service by ClusterId in order of Id;
    /// Working groups.
    WorkingGroups, working_groups: Vec<working_group::Model> =
        working_group by ClusterId in order of Id;
    /// Events.
    Events, events: Vec<event::Model> = event by ClusterId in order of Id;
    /// Projects.
    Projects, projects: Vec<project::Model> = project by ClusterId in order of Id;
    /// People's roles, with the people.
    People, people: Linked<cluster_role::Entity, person::Entity> =
        cluster_role by ClusterId in order of Id, with person where PersonId = Id;
    /// Awards other than KKK and ESCA.
    Awards, awards: Vec<cluster_award::Model> = cluster_award by ClusterId in order of Id;
    /// Figures sources state, with their documents.
    StatedFigures, stated_figures: Linked<stated_figure::Entity, source_document::Entity> =
        stated_figure by ClusterId in order of Id,
        with source_document where SourceDocumentId = Id;
    /// Yearly indicators.
    Indicators, indicators: Vec<cluster_indicator::Model> =
        cluster_indicator by ClusterId in order of Year;
    /// KKK certifications, with their rounds.
    KkkCertifications, kkk_certifications: Linked<kkk_certification::Entity, kkk_round::Entity> =
        kkk_certification by ClusterId in order of Id,
        with kkk_round where RoundNumber = Number;
    /// ESCA labels.
    EscaLabels, esca_labels: Vec<esca_label::Model> = esca_label by ClusterId in order of Id;
}

/// The `lists` of each of `clusters`: an entry for every cluster that exists and every list
/// asked for, empty lists included.
pub async fn read<C: ConnectionTrait>(
    db: &C,
    clusters: &[i32],
    lists: &BTreeSet<ClusterList>,
) -> DomainResult<HashMap<(i32, ClusterList), ListRows>> {
    if clusters.is_empty() || lists.is_empty() {
        return Ok(HashMap::new());
    }
    let backend = db.get_database_backend();
    let mut select = Query::select();
    select
        .column((cluster::Entity, cluster::Column::Id))
        .from(cluster::Entity)
        .and_where(
            Expr::col((cluster::Entity, cluster::Column::Id)).is_in(clusters.iter().copied()),
        );
    for list in lists {
        select.expr(list.aggregate(backend));
    }
    let rows = db.query_all(&select).await?;
    let mut aggregated: Vec<Aggregated> = lists.iter().map(|_| Vec::new()).collect();
    for row in &rows {
        let cluster: i32 = row.try_get_by_index(0)?;
        for (n, list_rows) in aggregated.iter_mut().enumerate() {
            list_rows.push((cluster, aggregated_rows(row, n + 1)?));
        }
    }
    let mut found = HashMap::new();
    for (list, rows) in lists.iter().zip(aggregated) {
        for (cluster, decoded) in list.decode(rows)? {
            found.insert((cluster, *list), decoded);
        }
    }
    Ok(found)
}

/// The subquery aggregating the rows of `E` (each with its `linked` values) whose `key` is the
/// outer cluster's id, in `order`.
fn aggregate<E: EntityTrait>(
    backend: DatabaseBackend,
    key: E::Column,
    order: E::Column,
    linked: Vec<Expr>,
    join: impl FnOnce(&mut SelectStatement),
) -> Expr {
    let values: Vec<Expr> = E::Column::iter()
        .map(|column| Expr::col((E::default(), column)))
        .chain(linked)
        .collect();
    let (row, aggregate) = match backend {
        DatabaseBackend::Postgres => (
            Func::cust("json_build_array").args(values),
            "COALESCE(json_agg($1 ORDER BY $2), '[]')",
        ),
        _ => (
            Func::cust("json_array").args(values),
            // sea-query marks a custom expression's arguments `?` for SQLite, `$n` for PostgreSQL.
            "json_group_array(? ORDER BY ?)",
        ),
    };
    let mut select = Query::select();
    select.from(E::default());
    join(&mut select);
    select
        .expr(Expr::cust_with_exprs(
            aggregate,
            [row.into(), Expr::col((E::default(), order))],
        ))
        .and_where(Expr::col((E::default(), key)).equals((cluster::Entity, cluster::Column::Id)));
    Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(select)))
}

/// The rows one list's column holds, each an array of column values, parsed straight from
/// the column's bytes.
fn aggregated_rows(row: &QueryResult, index: usize) -> Result<Vec<Vec<serde_json::Value>>, DbErr> {
    use sea_orm::sqlx::{Row, types::Json};
    type Rows = Option<Json<Vec<Vec<serde_json::Value>>>>;
    let rows: Rows = if let Some(row) = row.try_as_pg_row() {
        row.try_get(index)
    } else if let Some(row) = row.try_as_sqlite_row() {
        row.try_get(index)
    } else {
        return Err(DbErr::Type(
            "lists are aggregated on PostgreSQL and SQLite only".into(),
        ));
    }
    .map_err(|e| DbErr::Type(format!("aggregated rows: {e}")))?;
    Ok(rows.map(|Json(rows)| rows).unwrap_or_default())
}

/// One list's rows for each cluster, as the statement aggregated them.
type Aggregated = Vec<(i32, Vec<Vec<serde_json::Value>>)>;

/// Decoded rows for each cluster.
type PerCluster<T> = Result<Vec<(i32, T)>, DbErr>;

/// Each cluster's rows of `E`; the columns are worked out once for all the clusters.
fn plain<E>(aggregated: Aggregated) -> PerCluster<Vec<E::Model>>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
{
    let columns = Columns::<E>::at(0);
    aggregated
        .into_iter()
        .map(|(cluster, rows)| {
            let models = rows
                .into_iter()
                .map(|mut row| columns.decode_json(&mut row))
                .collect::<Result<_, _>>()?;
            Ok((cluster, models))
        })
        .collect()
}

/// Each cluster's rows of `E` with the rows of `R` they name.
fn linked<E, R>(aggregated: Aggregated, target: R::Column) -> PerCluster<Linked<E, R>>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
    R: EntityTrait,
    R::ActiveModel: TryIntoModel<R::Model>,
{
    let items = Columns::<E>::at(0);
    let named = Columns::<R>::at(items.end());
    let target_at = named.position_of(target);
    let decode = |mut row: Vec<serde_json::Value>| {
        let other = if rows::json_is_null(&row, target_at) {
            None
        } else {
            Some(named.decode_json(&mut row)?)
        };
        Ok((items.decode_json(&mut row)?, other))
    };
    aggregated
        .into_iter()
        .map(|(cluster, rows)| {
            let pairs = rows.into_iter().map(decode).collect::<Result<_, DbErr>>()?;
            Ok((cluster, pairs))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::demo;
    use crate::db::batch::{by_ids, grouped_by};
    use klastry_test_support::migrated_databases;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel, ModelTrait};

    /// What one list read alone gives: its rows by SeaORM-built statement, decoded by position.
    async fn alone<E>(
        db: &sea_orm::DatabaseConnection,
        cluster: i32,
        key: E::Column,
        order: E::Column,
    ) -> Vec<E::Model>
    where
        E: EntityTrait,
        E::Model: ModelTrait<Entity = E>,
        E::ActiveModel: TryIntoModel<E::Model>,
    {
        grouped_by::<E, _>(db, key, &[cluster], order)
            .await
            .expect("read alone")
            .remove(&cluster)
            .unwrap_or_default()
    }

    async fn named<R>(
        db: &sea_orm::DatabaseConnection,
        target: R::Column,
        ids: Vec<Option<i32>>,
    ) -> Vec<Option<R::Model>>
    where
        R: EntityTrait,
        R::Model: ModelTrait<Entity = R> + Clone,
        R::ActiveModel: TryIntoModel<R::Model>,
    {
        let known: Vec<i32> = ids.iter().flatten().copied().collect();
        let found = by_ids::<R, _>(db, target, &known).await.expect("by id");
        ids.iter()
            .map(|id| id.and_then(|id| found.get(&id).cloned()))
            .collect()
    }

    #[tokio::test]
    async fn every_list_read_together_equals_each_list_read_alone() {
        for db in migrated_databases().await {
            every_list_equals_alone(db).await;
        }
    }

    async fn every_list_equals_alone(db: sea_orm::DatabaseConnection) {
        demo::load(&db).await.expect("demo registry");
        let clusters: Vec<i32> = cluster::Entity::find()
            .all(&db)
            .await
            .expect("clusters")
            .iter()
            .map(|c| c.id)
            .collect();
        let all: BTreeSet<ClusterList> = ClusterList::ALL.iter().copied().collect();
        let found = read(&db, &clusters, &all).await.expect("read together");
        assert_eq!(found.len(), clusters.len() * all.len());
        let mut rows_seen = 0;
        for &id in &clusters {
            let list = |list| found.get(&(id, list)).expect("every list of every cluster");
            macro_rules! same_as_alone {
                ($list:ident, $accessor:ident, $entity:ident, $key:ident, $order:ident) => {{
                    let together = list(ClusterList::$list).$accessor().to_vec();
                    rows_seen += together.len();
                    assert_eq!(
                        together,
                        alone::<$entity::Entity>(
                            &db,
                            id,
                            $entity::Column::$key,
                            $entity::Column::$order
                        )
                        .await,
                        "{} of cluster {id}",
                        stringify!($list)
                    );
                }};
                ($list:ident, $accessor:ident, $entity:ident, $key:ident, $order:ident,
                    $linked:ident, $link:ident, $target:ident) => {{
                    let together = list(ClusterList::$list).$accessor().to_vec();
                    rows_seen += together.len();
                    let items = alone::<$entity::Entity>(
                        &db,
                        id,
                        $entity::Column::$key,
                        $entity::Column::$order,
                    )
                    .await;
                    let links = items
                        .iter()
                        .map(|item| Option::<i32>::from(item.$link))
                        .collect();
                    let others =
                        named::<$linked::Entity>(&db, $linked::Column::$target, links).await;
                    let expected: Vec<_> = items.into_iter().zip(others).collect();
                    assert_eq!(together, expected, "{} of cluster {id}", stringify!($list));
                }};
            }
            same_as_alone!(Aliases, aliases, cluster_alias, ClusterId, Id);
            same_as_alone!(
                Sectors,
                sectors,
                cluster_sector,
                ClusterId,
                SectorId,
                sector,
                sector_id,
                Id
            );
            same_as_alone!(
                Specialisations,
                specialisations,
                cluster_specialisation,
                ClusterId,
                Id
            );
            same_as_alone!(
                Sources,
                sources,
                cluster_source,
                ClusterId,
                SourceDocumentId,
                source_document,
                source_document_id,
                Id
            );
            same_as_alone!(
                Participations,
                participations,
                cluster_participation,
                ClusterId,
                Id
            );
            same_as_alone!(Services, services, service, ClusterId, Id);
            same_as_alone!(WorkingGroups, working_groups, working_group, ClusterId, Id);
            same_as_alone!(Events, events, event, ClusterId, Id);
            same_as_alone!(Projects, projects, project, ClusterId, Id);
            same_as_alone!(
                People,
                people,
                cluster_role,
                ClusterId,
                Id,
                person,
                person_id,
                Id
            );
            same_as_alone!(Awards, awards, cluster_award, ClusterId, Id);
            same_as_alone!(Indicators, indicators, cluster_indicator, ClusterId, Year);
            same_as_alone!(
                KkkCertifications,
                kkk_certifications,
                kkk_certification,
                ClusterId,
                Id,
                kkk_round,
                round_number,
                Number
            );
            same_as_alone!(EscaLabels, esca_labels, esca_label, ClusterId, Id);
        }
        assert!(
            rows_seen > 100,
            "the demo registry fills the lists ({rows_seen} rows)"
        );
    }

    #[tokio::test]
    async fn certifications_come_with_their_rounds_and_none_where_they_name_none() {
        for db in migrated_databases().await {
            certifications_with_rounds(db).await;
        }
    }

    async fn certifications_with_rounds(db: sea_orm::DatabaseConnection) {
        demo::load(&db).await.expect("demo registry");
        let certifications = kkk_certification::Entity::find()
            .all(&db)
            .await
            .expect("certifications");
        let first = certifications.first().expect("the demo has certifications");
        let cluster = first.cluster_id;
        let mut roundless = first.clone().into_active_model();
        roundless.round_number = Set(None);
        roundless.update(&db).await.expect("no round");

        let lists = BTreeSet::from([ClusterList::KkkCertifications, ClusterList::EscaLabels]);
        let found = read(&db, &[cluster], &lists).await.expect("read");
        let rows = found
            .get(&(cluster, ClusterList::KkkCertifications))
            .expect("the cluster's certifications")
            .kkk_certifications();
        let mut expected: Vec<i32> = certifications
            .iter()
            .filter(|c| c.cluster_id == cluster)
            .map(|c| c.id)
            .collect();
        expected.sort();
        assert_eq!(rows.iter().map(|(c, _)| c.id).collect::<Vec<_>>(), expected);
        for (certification, round) in rows {
            assert_eq!(
                certification.round_number,
                round.as_ref().map(|r| r.number),
                "certification {} and its round",
                certification.id
            );
        }
        assert!(
            rows.iter()
                .any(|(c, round)| c.id == first.id && round.is_none())
        );
        assert!(
            found
                .get(&(cluster, ClusterList::EscaLabels))
                .expect("asked for")
                .kkk_certifications()
                .is_empty(),
            "a list of labels holds no certifications"
        );
    }

    #[tokio::test]
    async fn an_unknown_cluster_or_no_list_reads_nothing() {
        for db in migrated_databases().await {
            let lists = BTreeSet::from([ClusterList::Events]);
            assert!(read(&db, &[999], &lists).await.expect("read").is_empty());
            assert!(
                read(&db, &[1], &BTreeSet::new())
                    .await
                    .expect("read")
                    .is_empty()
            );
        }
    }
}
