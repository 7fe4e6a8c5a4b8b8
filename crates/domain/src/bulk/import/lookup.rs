//! What the registry already holds of an import's records, read in batches before any row is
//! applied: organisations by identifier, by name (those given without one) and by id (the ones
//! rows refer to), clusters by slug, and the memberships between them. Inside the import's
//! transaction nothing else changes these on SQLite, which holds its write lock; on PostgreSQL a
//! concurrent writer can still register an identifier, which the insert then refuses.

use super::ImportRow;
use super::parse::{number, text};
use super::plan::{Identifier, Plan};
use crate::DomainResult;
use crate::db::bulk::KEYS_PER_STATEMENT;
use klastry_entity::{cluster, membership, organisation};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeSet, HashMap, HashSet};

/// A registered organisation: its id and the name its memberships sort by.
#[derive(Debug, Clone)]
pub(super) struct Registered {
    pub id: i32,
    pub sort_name: String,
}

#[derive(Default)]
pub(super) struct Known {
    pub by_identifier: HashMap<(Identifier, String), Registered>,
    pub by_name: HashMap<String, Registered>,
    pub by_id: HashMap<i32, Registered>,
    pub clusters: HashMap<String, i32>,
    pub memberships: HashSet<(i32, i32)>,
    /// The sort name of every organisation found.
    pub sort_names: HashMap<i32, String>,
}

type OrganisationRow = (
    i32,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

async fn organisations<C: ConnectionTrait>(
    db: &C,
    column: organisation::Column,
    values: impl IntoIterator<Item = sea_orm::Value>,
) -> DomainResult<Vec<OrganisationRow>> {
    let values: Vec<sea_orm::Value> = values.into_iter().collect();
    let mut rows = Vec::new();
    for chunk in values.chunks(KEYS_PER_STATEMENT) {
        let found: Vec<OrganisationRow> = organisation::Entity::find()
            .select_only()
            .columns([
                organisation::Column::Id,
                organisation::Column::Nip,
                organisation::Column::Regon,
                organisation::Column::Krs,
                organisation::Column::Name,
                organisation::Column::SortName,
            ])
            .filter(column.is_in(chunk.iter().cloned()))
            .order_by_asc(organisation::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        rows.extend(found);
    }
    Ok(rows)
}

impl Known {
    /// Reads what the registry holds of the records `rows` name.
    pub(super) async fn load<C: ConnectionTrait>(
        db: &C,
        rows: &[ImportRow],
        plans: &[DomainResult<Plan>],
    ) -> DomainResult<Self> {
        let mut identifiers: HashMap<Identifier, BTreeSet<String>> = HashMap::new();
        let mut names = BTreeSet::new();
        let mut ids = BTreeSet::new();
        let mut slugs = BTreeSet::new();
        for (row, plan) in rows.iter().zip(plans) {
            match plan {
                Ok(Plan::Organisation(plan)) => {
                    if plan.identifiers.is_empty() {
                        names.insert(plan.name.clone());
                    }
                    for (identifier, value) in &plan.identifiers {
                        if let Ok(value) = value {
                            identifiers
                                .entry(*identifier)
                                .or_default()
                                .insert(value.clone());
                        }
                    }
                }
                Ok(Plan::Cluster) => {
                    if let Ok(Some(slug)) = text(&row.fields, "slug") {
                        slugs.insert(slug);
                    }
                    if let Ok(Some(id)) = number(&row.fields, "coordinatorRegistryId") {
                        ids.insert(id);
                    }
                }
                Ok(Plan::Membership(plan)) => {
                    if let Ok(slug) = &plan.slug {
                        slugs.insert(slug.clone());
                    }
                    if let Ok(Some(id)) = &plan.organisation {
                        ids.insert(*id);
                    }
                }
                Err(_) => {}
            }
        }
        let mut known = Known::default();
        let registered = |row: &OrganisationRow| Registered {
            id: row.0,
            sort_name: row.5.clone(),
        };
        for identifier in Identifier::ALL {
            let Some(values) = identifiers.remove(&identifier) else {
                continue;
            };
            let found = organisations(
                db,
                identifier.column(),
                values.into_iter().map(sea_orm::Value::from),
            )
            .await?;
            for row in &found {
                let value = match identifier {
                    Identifier::Nip => &row.1,
                    Identifier::Regon => &row.2,
                    Identifier::Krs => &row.3,
                };
                if let Some(value) = value {
                    known
                        .by_identifier
                        .entry((identifier, value.clone()))
                        .or_insert_with(|| registered(row));
                }
            }
        }
        for row in organisations(
            db,
            organisation::Column::Name,
            names.into_iter().map(sea_orm::Value::from),
        )
        .await?
        {
            known
                .by_name
                .entry(row.4.clone())
                .or_insert_with(|| registered(&row));
        }
        for row in organisations(
            db,
            organisation::Column::Id,
            ids.into_iter().map(sea_orm::Value::from),
        )
        .await?
        {
            known.by_id.insert(row.0, registered(&row));
        }
        let slugs: Vec<String> = slugs.into_iter().collect();
        for chunk in slugs.chunks(KEYS_PER_STATEMENT) {
            let found: Vec<(i32, String)> = cluster::Entity::find()
                .select_only()
                .columns([cluster::Column::Id, cluster::Column::Slug])
                .filter(cluster::Column::Slug.is_in(chunk.iter().cloned()))
                .into_tuple()
                .all(db)
                .await?;
            known
                .clusters
                .extend(found.into_iter().map(|(id, slug)| (slug, id)));
        }
        known.sort_names = known
            .by_identifier
            .values()
            .chain(known.by_name.values())
            .chain(known.by_id.values())
            .map(|o| (o.id, o.sort_name.clone()))
            .collect();
        // The memberships already held between the clusters and organisations found.
        let clusters: BTreeSet<i32> = known.clusters.values().copied().collect();
        let organisations: BTreeSet<i32> = known
            .by_identifier
            .values()
            .chain(known.by_name.values())
            .chain(known.by_id.values())
            .map(|o| o.id)
            .collect();
        let clusters: Vec<i32> = clusters.into_iter().collect();
        let organisations: Vec<i32> = organisations.into_iter().collect();
        for clusters in clusters.chunks(KEYS_PER_STATEMENT / 2) {
            for organisations in organisations.chunks(KEYS_PER_STATEMENT) {
                let found: Vec<(i32, i32)> = membership::Entity::find()
                    .select_only()
                    .columns([
                        membership::Column::ClusterId,
                        membership::Column::OrganisationId,
                    ])
                    .filter(membership::Column::ClusterId.is_in(clusters.iter().copied()))
                    .filter(membership::Column::OrganisationId.is_in(organisations.iter().copied()))
                    .into_tuple()
                    .all(db)
                    .await?;
                known.memberships.extend(found);
            }
        }
        Ok(known)
    }
}
