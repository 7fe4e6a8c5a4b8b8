//! A deterministic synthetic registry at national scale, for benchmarks.
//!
//! The same scale and seed always give the same rows, so runs on different days and backends
//! compare like with like. Names are Polish, with diacritics, so search and ordering work on the
//! text they will meet; NIP and REGON numbers are checksum-valid and unique. Rows are written
//! with multi-row inserts in one transaction.

use crate::FieldErrorCode;
use crate::reads::status_records::derive_bounds;
use crate::rules::identifiers::{normalise_nip, normalise_regon};
use crate::rules::status::{KKK_TERM, esca_term};
use crate::rules::text::{fold, slugify};
use crate::{DomainError, DomainResult};
use chrono::{DateTime, NaiveDate, Utc};
use klastry_entity::*;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, TransactionSession,
    TransactionTrait,
};
use std::collections::HashMap;

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

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Cities with their voivodeship's TERYT code.
const CITIES: &[(&str, &str)] = &[
    ("Wrocław", "02"),
    ("Wałbrzych", "02"),
    ("Bydgoszcz", "04"),
    ("Toruń", "04"),
    ("Lublin", "06"),
    ("Zamość", "06"),
    ("Zielona Góra", "08"),
    ("Gorzów Wielkopolski", "08"),
    ("Łódź", "10"),
    ("Piotrków Trybunalski", "10"),
    ("Kraków", "12"),
    ("Nowy Sącz", "12"),
    ("Warszawa", "14"),
    ("Płock", "14"),
    ("Opole", "16"),
    ("Kędzierzyn-Koźle", "16"),
    ("Rzeszów", "18"),
    ("Mielec", "18"),
    ("Białystok", "20"),
    ("Łomża", "20"),
    ("Gdańsk", "22"),
    ("Gdynia", "22"),
    ("Katowice", "24"),
    ("Gliwice", "24"),
    ("Kielce", "26"),
    ("Ostrowiec Świętokrzyski", "26"),
    ("Olsztyn", "28"),
    ("Elbląg", "28"),
    ("Poznań", "30"),
    ("Kalisz", "30"),
    ("Szczecin", "32"),
    ("Koszalin", "32"),
];

const INDUSTRIES: &[(&str, &str)] = &[
    ("Lotniczy", "aerospace-defence"),
    ("Spożywczy", "agri-food"),
    ("Budowlany", "construction"),
    ("Kreatywny", "cultural-creative"),
    ("ICT", "digital"),
    ("Elektroniczny", "electronics"),
    ("Chemiczny", "energy-intensive-industries"),
    ("Energii Odnawialnej", "energy-renewables"),
    ("Medyczny", "health"),
    ("Motoryzacyjny", "mobility-transport-automotive"),
    ("Spółdzielczy", "proximity-social-economy"),
    ("Handlowy", "retail"),
    ("Tekstylny", "textile"),
    ("Turystyczny", "tourism"),
];

const REGIONS: &[&str] = &[
    "Śląski",
    "Łódzki",
    "Pomorski",
    "Mazowiecki",
    "Wielkopolski",
    "Małopolski",
    "Podlaski",
    "Lubelski",
    "Świętokrzyski",
    "Zachodniopomorski",
    "Dolnośląski",
    "Podkarpacki",
    "Opolski",
    "Lubuski",
    "Kujawski",
    "Warmiński",
    "Bałtycki",
    "Karpacki",
    "Północny",
    "Wschodni",
];

const FIRST_WORDS: &[&str] = &[
    "Przedsiębiorstwo",
    "Zakład",
    "Fabryka",
    "Pracownia",
    "Centrum",
    "Grupa",
    "Huta",
    "Odlewnia",
    "Wytwórnia",
    "Biuro",
    "Spółdzielnia",
    "Laboratorium",
    "Warsztat",
    "Studio",
    "Instytut",
];

const NAME_WORDS: &[&str] = &[
    "Żuraw",
    "Gęśla",
    "Sójka",
    "Łabędź",
    "Źródło",
    "Księżyc",
    "Wrzos",
    "Brzoza",
    "Jaśmin",
    "Dąb",
    "Ćma",
    "Łęg",
    "Świt",
    "Żagiel",
    "Kłos",
    "Grań",
    "Mróz",
    "Pióro",
    "Wiąz",
    "Róża",
    "Bór",
    "Zięba",
    "Ślęża",
    "Łuk",
    "Rdest",
    "Ożyna",
    "Wydma",
    "Krzemień",
    "Miedź",
    "Stal",
];

const LEGAL_FORMS: &[&str] = &["Sp. z o.o.", "S.A.", "sp.k.", "Sp. j.", "s.c."];

const KINDS: &[OrganisationKind] = &[
    OrganisationKind::MicroEnterprise,
    OrganisationKind::MicroEnterprise,
    OrganisationKind::SmallEnterprise,
    OrganisationKind::SmallEnterprise,
    OrganisationKind::SmallEnterprise,
    OrganisationKind::MediumEnterprise,
    OrganisationKind::MediumEnterprise,
    OrganisationKind::LargeEnterprise,
    OrganisationKind::University,
    OrganisationKind::ResearchInstitute,
    OrganisationKind::BusinessSupport,
    OrganisationKind::LocalGovernment,
    OrganisationKind::Ngo,
];

const PEOPLE_FIRST: &[&str] = &[
    "Agnieszka",
    "Łukasz",
    "Małgorzata",
    "Paweł",
    "Żaneta",
    "Michał",
    "Jolanta",
    "Grzegorz",
];
const PEOPLE_LAST: &[&str] = &[
    "Wiśniewska",
    "Kołodziej",
    "Zieliński",
    "Ślusarczyk",
    "Dąbrowski",
    "Żak",
    "Łęcka",
    "Błaszczyk",
];

/// The i-th unique, checksum-valid NIP.
fn nip(i: usize) -> Option<String> {
    // Three candidates per index keep numbers unique; at most one of three has remainder 10.
    (0..3).find_map(|k| normalise_nip(&nip_candidate(i, k)).ok())
}

fn nip_candidate(i: usize, k: usize) -> String {
    let base = 100_000_000 + i * 3 + k;
    let digits: Vec<u32> = format!("{base:09}")
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let check: u32 = digits
        .iter()
        .zip([6, 5, 7, 2, 3, 4, 5, 6, 7])
        .map(|(d, w)| d * w)
        .sum::<u32>()
        % 11;
    format!("{base:09}{}", check % 10)
}

/// The i-th unique, checksum-valid nine-digit REGON.
fn regon(i: usize) -> Option<String> {
    let base = 10_000_000 + i;
    let digits: Vec<u32> = format!("{base:08}")
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let check: u32 = digits
        .iter()
        .zip([8, 9, 2, 3, 4, 5, 6, 7])
        .map(|(d, w)| d * w)
        .sum::<u32>()
        % 11
        % 10;
    normalise_regon(&format!("{base:08}{check}")).ok()
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

fn day(days_from_2010: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2010, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days_from_2010)))
        .unwrap_or(NaiveDate::MIN)
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
            created_at: Set(now),
            updated_at: Set(now),
        })
        .collect();
    insert_chunks(db, cluster_sectors).await?;
    Ok(cluster_ids)
}

/// Memberships: each cluster gets an even share of distinct organisations. Returns how many.
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
                starts_on: Set(Some(
                    day(3_650 + rng.below(2_000) as u64)
                        .format("%Y-%m-%d")
                        .to_string(),
                )),
                ends_on: Set(None),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_identifiers_are_valid_and_unique() {
        let nips: std::collections::HashSet<String> = (0..20_000).filter_map(nip).collect();
        assert_eq!(nips.len(), 20_000);
        let regons: std::collections::HashSet<String> = (0..20_000).filter_map(regon).collect();
        assert_eq!(regons.len(), 20_000);
    }

    #[test]
    fn the_generator_is_deterministic() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        assert!((0..100).all(|_| a.next() == b.next()));
    }
}
