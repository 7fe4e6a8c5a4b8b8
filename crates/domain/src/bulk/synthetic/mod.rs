//! A deterministic synthetic registry at national scale, for benchmarks.
//!
//! The same scale and seed always give the same rows, so runs on different days and backends
//! compare like with like. Names are Polish, with diacritics, so search and ordering work on the
//! text they will meet; NIP and REGON numbers are checksum-valid and unique. Rows are written
//! with multi-row inserts in one transaction.

mod numbers;
mod words;

use crate::FieldErrorCode;
use crate::reads::status_records::derive_bounds;
use crate::rules::status::{KKK_TERM, esca_term};
use crate::rules::text::{fold, slugify};
use crate::{DomainError, DomainResult};
use chrono::{DateTime, Utc};
use klastry_entity::*;
use numbers::{Rng, day, nip, regon};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, TransactionSession,
    TransactionTrait,
};
use std::collections::HashMap;
use words::{
    CITIES, FIRST_WORDS, INDUSTRIES, KINDS, LEGAL_FORMS, NAME_WORDS, PEOPLE_FIRST, PEOPLE_LAST,
    REGIONS,
};

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Clusters.
    pub clusters: usize,
    /// Organisations.
    pub organisations: usize,
    /// Memberships (organisation in cluster), spread over clusters.
    pub memberships: usize,
    /// KKK certifications and ESCA labels together.
    pub certifications: usize,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for Scale {
    fn default() -> Self {
        Self {
            clusters: 2_000,
            organisations: 100_000,
            memberships: 300_000,
            certifications: 6_000,
            seed: 2026,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    /// Clusters written.
    pub clusters: usize,
    /// Organisations written.
    pub organisations: usize,
    /// Memberships written.
    pub memberships: usize,
    /// KKK certifications written.
    pub kkk_certifications: usize,
    /// ESCA labels written.
    pub esca_labels: usize,
}

/// Writes rows in chunks so that no statement exceeds the backends' parameter limits.
async fn insert_chunks<A, C>(db: &C, rows: Vec<A>) -> DomainResult<()>
where
    A: ActiveModelTrait,
    C: ConnectionTrait,
{
    use sea_orm::Iterable;
    // PostgreSQL allows 65,535 parameters in a statement and SQLite 32,766; every column of
    // every row is one.
    let columns = <A::Entity as EntityTrait>::Column::iter().count();
    let per_chunk = (30_000 / columns.max(1)).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per_chunk).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The ids of the last `n` rows of `E`, oldest first: the rows just inserted, whatever ids
/// the backend's sequence handed out.
async fn last_ids<E, C>(db: &C, id: E::Column, n: usize) -> DomainResult<Vec<i32>>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    use sea_orm::{QueryOrder, QuerySelect};
    let mut ids: Vec<i32> = E::find()
        .select_only()
        .column(id)
        .order_by_desc(id)
        .limit(n as u64)
        .into_tuple()
        .all(db)
        .await?;
    ids.reverse();
    Ok(ids)
}

/// Fills an empty database with a synthetic registry.
pub async fn generate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    scale: Scale,
) -> DomainResult<Generated> {
    if cluster::Entity::find().count(db).await? > 0 {
        return Err(DomainError::invalid(
            "database",
            FieldErrorCode::NotAllowed,
            "the registry already holds clusters; generate into an empty database",
        ));
    }
    let txn = db.begin().await?;
    let generated = write(&txn, scale).await?;
    txn.commit().await?;
    Ok(generated)
}

async fn write<C: ConnectionTrait>(db: &C, scale: Scale) -> DomainResult<Generated> {
    let now: DateTime<Utc> = Utc::now();
    let mut rng = Rng(scale.seed);
    let sectors: HashMap<String, i32> = sector::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.code, s.id))
        .collect();
    let (org_ids, sort_names) = write_organisations(db, scale, &mut rng, now, &sectors).await?;
    let cluster_ids = write_clusters(db, scale, &mut rng, now, &sectors, &org_ids).await?;
    let membership_count = write_memberships(
        db,
        scale,
        &mut rng,
        now,
        &cluster_ids,
        &org_ids,
        &sort_names,
    )
    .await?;
    let (kkk_count, esca_count) =
        write_certifications(db, scale, &mut rng, now, &cluster_ids).await?;
    write_people_events_projects(db, &mut rng, now, &cluster_ids).await?;
    Ok(Generated {
        clusters: scale.clusters,
        organisations: scale.organisations,
        memberships: membership_count,
        kkk_certifications: kkk_count,
        esca_labels: esca_count,
    })
}

/// The id of the sector `code` (the first sector if the code is unknown).
fn sector_id(sectors: &HashMap<String, i32>, code: &str) -> i32 {
    sectors.get(code).copied().unwrap_or(1)
}

/// Organisations with their sectors; returns their ids and sort names, in order.
async fn write_organisations<C: ConnectionTrait>(
    db: &C,
    scale: Scale,
    rng: &mut Rng,
    now: DateTime<Utc>,
    sectors: &HashMap<String, i32>,
) -> DomainResult<(Vec<i32>, Vec<String>)> {
    let mut organisations = Vec::with_capacity(scale.organisations);
    let mut organisation_sector_codes = Vec::with_capacity(scale.organisations);
    let mut sort_names = Vec::with_capacity(scale.organisations);
    for i in 0..scale.organisations {
        let (city, teryt) = *rng.pick(CITIES);
        let kind = *rng.pick(KINDS);
        let name = match kind {
            OrganisationKind::University => format!(
                "Uczelnia {} {} w mieście {city}",
                rng.pick(REGIONS),
                rng.pick(NAME_WORDS)
            ),
            OrganisationKind::ResearchInstitute => format!(
                "Instytut Badawczy {} {}",
                rng.pick(NAME_WORDS),
                rng.pick(REGIONS)
            ),
            OrganisationKind::LocalGovernment => format!("Gmina {city} {}", i % 97),
            OrganisationKind::Ngo => format!(
                "Stowarzyszenie {} {}",
                rng.pick(NAME_WORDS),
                rng.pick(REGIONS)
            ),
            OrganisationKind::BusinessSupport => format!(
                "Agencja Rozwoju {} {}",
                rng.pick(REGIONS),
                rng.pick(NAME_WORDS)
            ),
            _ => format!(
                "{} {} {} {}",
                rng.pick(FIRST_WORDS),
                rng.pick(NAME_WORDS),
                rng.pick(NAME_WORDS),
                rng.pick(LEGAL_FORMS)
            ),
        };
        let name = format!("{name} {}", i + 1);
        sort_names.push(fold(&name));
        organisations.push(organisation::ActiveModel {
            version: Set(1),
            id: NotSet,
            sort_name: Set(fold(&name)),
            search_text: Set(fold(&format!("{name} {city}"))),
            name: Set(name),
            kind: Set(Some(kind)),
            kind_inferred_by: Set(None),
            nip: Set(nip(i)),
            regon: Set(regon(i)),
            krs: Set((i % 2 == 0).then(|| format!("{:010}", 100_000 + i))),
            country: Set("PL".into()),
            voivodeship_teryt: Set(Some(teryt.into())),
            city: Set(Some(city.into())),
            address: Set(Some(format!(
                "ul. {} {}",
                rng.pick(NAME_WORDS),
                1 + rng.below(120)
            ))),
            postal_code: Set(Some(format!(
                "{:02}-{:03}",
                rng.below(100),
                rng.below(1000)
            ))),
            phone: Set(None),
            email: Set(None),
            website: Set(None),
            description: Set(None),
            source_document_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        });
        organisation_sector_codes.push(rng.pick(INDUSTRIES).1);
    }
    insert_chunks(db, organisations).await?;
    let org_ids =
        last_ids::<organisation::Entity, _>(db, organisation::Column::Id, scale.organisations)
            .await?;
    let organisation_sectors = org_ids
        .iter()
        .zip(organisation_sector_codes)
        .map(|(id, code)| organisation_sector::ActiveModel {
            organisation_id: Set(*id),
            sector_id: Set(sector_id(sectors, code)),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .collect();
    insert_chunks(db, organisation_sectors).await?;
    Ok((org_ids, sort_names))
}

/// Clusters with their sectors, each coordinated by one of the organisations; returns their ids.
async fn write_clusters<C: ConnectionTrait>(
    db: &C,
    scale: Scale,
    rng: &mut Rng,
    now: DateTime<Utc>,
    sectors: &HashMap<String, i32>,
    org_ids: &[i32],
) -> DomainResult<Vec<i32>> {
    let org_id = |index: usize| org_ids.get(index).copied();
    let mut clusters = Vec::with_capacity(scale.clusters);
    let mut cluster_sector_codes = Vec::with_capacity(scale.clusters);
    let mut slugs = std::collections::HashSet::new();
    for i in 0..scale.clusters {
        let (city, teryt) = *rng.pick(CITIES);
        let (industry, sector_code) = *rng.pick(INDUSTRIES);
        let name = format!(
            "{} Klaster {industry} {} nr {}",
            rng.pick(REGIONS),
            rng.pick(NAME_WORDS),
            i + 1
        );
        let mut slug = slugify(&name);
        while !slugs.insert(slug.clone()) {
            slug.push('-');
            slug.push_str(&i.to_string());
        }
        let coordinator = org_id(rng.below(scale.organisations.max(1)));
        clusters.push(cluster::ActiveModel {
            version: Set(1),
            id: NotSet,
            slug: Set(slug),
            name_en: Set(Some(format!("{industry} Cluster {}", i + 1))),
            sort_name: Set(fold(&name)),
            search_text: Set(Some(fold(&format!("{name} {city}")))),
            name_pl: Set(Some(name)),
            acronym: Set(None),
            description_pl: Set(Some(format!(
                "Klaster z miasta {city} działający w branży: {industry}."
            ))),
            description_en: Set(None),
            voivodeship_teryt: Set(Some(teryt.into())),
            city: Set(Some(city.into())),
            address: Set(None),
            postal_code: Set(None),
            phone: Set(None),
            email: Set(None),
            website: Set(None),
            founded_on: Set(Some(format!("{}", 2003 + rng.below(20)))),
            coordinator_id: Set(coordinator),
            strategy_from: Set(Some(2021)),
            strategy_to: Set(Some(2027)),
            status: Set(ClusterStatus::Active),
            created_at: Set(now),
            updated_at: Set(now),
        });
        cluster_sector_codes.push(sector_code);
    }
    insert_chunks(db, clusters).await?;
    let cluster_ids =
        last_ids::<cluster::Entity, _>(db, cluster::Column::Id, scale.clusters).await?;
    let cluster_sectors = cluster_ids
        .iter()
        .zip(cluster_sector_codes)
        .map(|(id, code)| cluster_sector::ActiveModel {
            cluster_id: Set(*id),
            sector_id: Set(sector_id(sectors, code)),
            inferred_by: Set(None),
            source_document_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .collect();
    insert_chunks(db, cluster_sectors).await?;
    Ok(cluster_ids)
}

/// Memberships: each cluster gets an even share of distinct organisations, each with its open
/// period. Returns how many.
async fn write_memberships<C: ConnectionTrait>(
    db: &C,
    scale: Scale,
    rng: &mut Rng,
    now: DateTime<Utc>,
    cluster_ids: &[i32],
    org_ids: &[i32],
    sort_names: &[String],
) -> DomainResult<usize> {
    let org_id = |index: usize| org_ids.get(index).copied();
    let mut memberships = Vec::with_capacity(scale.memberships);
    if scale.clusters > 0 && scale.organisations > 0 {
        let per_cluster = (scale.memberships / scale.clusters).min(scale.organisations);
        for &cluster_id in cluster_ids {
            let start = rng.below(scale.organisations);
            let step = 1 + rng.below(7);
            let mut seen = std::collections::HashSet::new();
            for k in 0..per_cluster {
                let org = (start + k * step) % scale.organisations;
                if !seen.insert(org) {
                    continue;
                }
                let Some(organisation_id) = org_id(org) else {
                    continue;
                };
                memberships.push(membership::ActiveModel {
                    version: Set(1),
                    application_message: Set(None),
                    decision_reason: Set(None),
                    decided_at: Set(None),
                    id: NotSet,
                    cluster_id: Set(cluster_id),
                    source_document_id: Set(None),
                    organisation_id: Set(organisation_id),
                    member_sort_name: Set(sort_names[org].clone()),
                    role: Set(if k == 0 {
                        MembershipRole::Coordinator
                    } else if k % 10 == 0 {
                        MembershipRole::StrategicPartner
                    } else {
                        MembershipRole::Member
                    }),
                    status: Set(MembershipStatus::Active),
                    joined_on: Set(Some(format!(
                        "{}-{:02}",
                        2010 + rng.below(15),
                        1 + rng.below(12)
                    ))),
                    left_on: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
            }
        }
    }
    let membership_count = memberships.len();
    insert_chunks(db, memberships).await?;
    // Each membership's one period, open since it joined.
    let inserted = {
        use sea_orm::{QueryOrder, QuerySelect};
        membership::Entity::find()
            .order_by_desc(membership::Column::Id)
            .limit(membership_count as u64)
            .all(db)
            .await?
    };
    let periods = inserted
        .iter()
        .map(|m| crate::writes::membership_periods::new_period(m, m.joined_on.clone(), None))
        .collect();
    insert_chunks::<membership_period::ActiveModel, _>(db, periods).await?;
    Ok(membership_count)
}

/// Certifications: half KKK (rounds with their real validity), half ESCA labels. Returns how
/// many of each.
async fn write_certifications<C: ConnectionTrait>(
    db: &C,
    scale: Scale,
    rng: &mut Rng,
    now: DateTime<Utc>,
    cluster_ids: &[i32],
) -> DomainResult<(usize, usize)> {
    let rounds: [(i32, &str, Option<&str>); 6] = [
        (1, "2015", None),
        (2, "2016", None),
        (3, "2018", None),
        (4, "2019-08-28", Some("2022-08")),
        (5, "2021-12", Some("2024-12-31")),
        (6, "2022-12", Some("2025-12-17")),
    ];
    let mut kkk = Vec::new();
    let mut esca = Vec::new();
    for i in 0..scale.certifications {
        let Some(&cluster_id) = cluster_ids.get(rng.below(scale.clusters.max(1))) else {
            break;
        };
        if i % 2 == 0 {
            let (round, awarded, until) = rounds[rng.below(rounds.len())];
            let bounds = derive_bounds(Some(awarded), until, None, KKK_TERM)?;
            kkk.push(kkk_certification::ActiveModel {
                version: Set(1),
                id: NotSet,
                cluster_id: Set(cluster_id),
                source_document_id: Set(None),
                round_number: Set(Some(round)),
                representative_id: Set(None),
                renewal: Set(Some(rng.below(4) as i32)),
                awarded_on: Set(Some(awarded.into())),
                valid_until: Set(until.map(Into::into)),
                confirmed_on: Set(None),
                note: Set(None),
                held_since: Set(false),
                held_from: Set(bounds.held_from),
                held_until: Set(bounds.held_until),
                earliest_start: Set(bounds.earliest_start),
                latest_end: Set(bounds.latest_end),
                created_at: Set(now),
                updated_at: Set(now),
            });
        } else {
            let level = *rng.pick(&[
                EscaLevel::Bronze,
                EscaLevel::Bronze,
                EscaLevel::Silver,
                EscaLevel::Gold,
            ]);
            let awarded = day(rng.below(5_000) as u64);
            let awarded_text = awarded.format("%Y-%m-%d").to_string();
            let bounds = derive_bounds(Some(&awarded_text), None, None, esca_term(level))?;
            esca.push(esca_label::ActiveModel {
                version: Set(1),
                id: NotSet,
                cluster_id: Set(cluster_id),
                source_document_id: Set(None),
                level: Set(level),
                awarded_on: Set(Some(awarded_text)),
                valid_until: Set(None),
                confirmed_on: Set(None),
                note: Set(None),
                held_since: Set(false),
                held_from: Set(bounds.held_from),
                held_until: Set(bounds.held_until),
                earliest_start: Set(bounds.earliest_start),
                latest_end: Set(bounds.latest_end),
                created_at: Set(now),
                updated_at: Set(now),
            });
        }
    }
    let (kkk_count, esca_count) = (kkk.len(), esca.len());
    insert_chunks(db, kkk).await?;
    insert_chunks(db, esca).await?;
    Ok((kkk_count, esca_count))
}

/// People (with their roles), events and projects: a few per cluster.
async fn write_people_events_projects<C: ConnectionTrait>(
    db: &C,
    rng: &mut Rng,
    now: DateTime<Utc>,
    cluster_ids: &[i32],
) -> DomainResult<()> {
    let roles = [
        ClusterRoleKind::Chair,
        ClusterRoleKind::ViceChair,
        ClusterRoleKind::BoardMember,
        ClusterRoleKind::Office,
    ];
    let mut people = Vec::new();
    let mut cluster_roles = Vec::new();
    let mut events = Vec::new();
    let mut projects = Vec::new();
    for &cluster_id in cluster_ids {
        for role in &roles {
            people.push(person::ActiveModel {
                version: Set(1),
                id: NotSet,
                full_name: Set(format!(
                    "{} {}",
                    rng.pick(PEOPLE_FIRST),
                    rng.pick(PEOPLE_LAST)
                )),
                title: Set(None),
                organisation_id: Set(None),
                email: Set(None),
                phone: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            });
            cluster_roles.push((cluster_id, *role));
        }
        for e in 0..2 {
            let starts = day(3_650 + rng.below(2_000) as u64);
            events.push(event::ActiveModel {
                version: Set(1),
                id: NotSet,
                cluster_id: Set(cluster_id),
                source_document_id: Set(None),
                name: Set(format!(
                    "Forum Klastra {} {}",
                    rng.pick(NAME_WORDS),
                    2020 + e
                )),
                description: Set(None),
                starts_on: Set(Some(starts.format("%Y-%m-%d").to_string())),
                ends_on: Set(None),
                first_day: Set(Some(starts)),
                last_day: Set(Some(starts)),
                location: Set(Some(rng.pick(CITIES).0.into())),
                created_at: Set(now),
                updated_at: Set(now),
            });
            projects.push(project::ActiveModel {
                version: Set(1),
                id: NotSet,
                cluster_id: Set(cluster_id),
                source_document_id: Set(None),
                name: Set(format!("Projekt {} {}", rng.pick(NAME_WORDS), e + 1)),
                acronym: Set(None),
                programme: Set(Some(
                    (*rng.pick(&["COSME", "Horizon Europe", "FENG", "Interreg"])).into(),
                )),
                description: Set(None),
                budget_amount: Set(Some(50_000 + rng.below(5_000_000) as i64)),
                budget_currency: Set(Some("EUR".into())),
                starts_on: Set(Some(format!("{}", 2018 + rng.below(7)))),
                ends_on: Set(None),
                role: Set(Some("partner".into())),
                created_at: Set(now),
                updated_at: Set(now),
            });
        }
    }
    let person_count = people.len();
    insert_chunks(db, people).await?;
    let person_ids = last_ids::<person::Entity, _>(db, person::Column::Id, person_count).await?;
    let cluster_roles = cluster_roles
        .into_iter()
        .zip(person_ids)
        .map(
            |((cluster_id, role), person_id)| cluster_role::ActiveModel {
                version: Set(1),
                id: NotSet,
                cluster_id: Set(cluster_id),
                source_document_id: Set(None),
                person_id: Set(person_id),
                role: Set(role),
                position: Set(None),
                since: Set(None),
                until: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            },
        )
        .collect();
    insert_chunks(db, cluster_roles).await?;
    insert_chunks(db, events).await?;
    insert_chunks(db, projects).await?;
    Ok(())
}
