//! The demo registry: the clusters, organisations, certifications and labels of the seed
//! documents (data/demo_registry.json), validated with the registry's own rules and written in
//! one transaction, each fact linked to the document it came from.

mod document;

use crate::reads::status_records::{StatedRecord, derive_holder_bounds};
use crate::rules::identifiers::{normalise_krs, normalise_nip, normalise_regon};
use crate::rules::partial_date::span;
use crate::rules::status::{KKK_TERM, esca_term};
use crate::rules::text::fold;
use crate::rules::validation;
use crate::{DomainError, DomainResult};
use chrono::Utc;
use document::{Cluster, Lookup, Registry, checked_partial};
use klastry_entity::*;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, PaginatorTrait, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// The demo registry as shipped with the binary.
pub const DEMO_REGISTRY_JSON: &str = include_str!("../../../data/demo_registry.json");

/// What loading the demo registry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    /// The registry was empty and has been filled.
    Loaded {
        /// Clusters written.
        clusters: usize,
        /// Organisations written.
        organisations: usize,
    },
    /// The registry already holds clusters; nothing was written.
    AlreadyPresent,
}

/// Loads the demo registry into an empty database, in one transaction.
pub async fn load<C: ConnectionTrait + TransactionTrait>(db: &C) -> DomainResult<DemoOutcome> {
    if cluster::Entity::find().count(db).await? > 0 {
        return Ok(DemoOutcome::AlreadyPresent);
    }
    let registry: Registry = serde_json::from_str(DEMO_REGISTRY_JSON)
        .map_err(|e| DomainError::Data(format!("demo registry: {e}")))?;
    let txn = db.begin().await?;
    let outcome = write(&txn, &registry).await?;
    txn.commit().await?;
    Ok(outcome)
}

async fn write<C: ConnectionTrait>(db: &C, registry: &Registry) -> DomainResult<DemoOutcome> {
    let now = Utc::now();
    let mut lookup = Lookup {
        sources: HashMap::new(),
        organisations: HashMap::new(),
        sort_names: HashMap::new(),
        sectors: sector::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.code, s.id))
            .collect(),
    };

    for source in &registry.sources {
        let row = source_document::ActiveModel {
            id: NotSet,
            code: Set(source.code.clone()),
            file: Set(source.file.clone()),
            title: Set(source.title.clone()),
            language: Set(source.language.clone()),
            publisher: Set(source.publisher.clone()),
            published_on: Set(source.published_on.clone()),
            url: Set(source.url.clone()),
            search_text: Set(Some(crate::writes::sources::search_text(
                &source.code,
                &source.title,
                source.publisher.as_deref(),
                source.url.as_deref(),
            ))),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        lookup.sources.insert(source.code.clone(), row.id);
    }

    for org in &registry.organisations {
        let identifier = |field: &str,
                          value: &Option<String>,
                          check: fn(
            &str,
        ) -> Result<
            String,
            crate::rules::identifiers::IdentifierError,
        >| {
            value
                .as_deref()
                .map(|v| {
                    check(v).map_err(|e| {
                        DomainError::invalid(
                            format!("{}.{field}", org.key),
                            e.code(),
                            e.to_string(),
                        )
                    })
                })
                .transpose()
        };
        if let Some(code) = &org.postal_code {
            validation::postal_code("postalCode", code)?;
        }
        let row = organisation::ActiveModel {
            version: Set(1),
            id: NotSet,
            name: Set(org.name.clone()),
            sort_name: Set(fold(&org.name)),
            search_text: Set(fold(&format!(
                "{} {}",
                org.name,
                org.city.as_deref().unwrap_or_default()
            ))),
            kind: Set(org.kind),
            kind_inferred_by: Set(org.kind.and(org.kind_inferred.clone())),
            nip: Set(identifier("nip", &org.nip, normalise_nip)?),
            regon: Set(identifier("regon", &org.regon, normalise_regon)?),
            krs: Set(identifier("krs", &org.krs, normalise_krs)?),
            country: Set(org.country.clone().unwrap_or_else(|| "PL".into())),
            voivodeship_teryt: Set(org.voivodeship.clone()),
            city: Set(org.city.clone()),
            address: Set(org.address.clone()),
            postal_code: Set(org.postal_code.clone()),
            phone: Set(org.phone.clone()),
            email: Set(None),
            website: Set(org.website.clone()),
            description: Set(org.description.clone()),
            source_document_id: Set(lookup.source(&org.source)?),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        lookup.organisations.insert(org.key.clone(), row.id);
        lookup.sort_names.insert(row.id, row.sort_name.clone());
    }

    for c in &registry.clusters {
        write_cluster(db, c, &lookup, now).await?;
    }
    Ok(DemoOutcome::Loaded {
        clusters: registry.clusters.len(),
        organisations: registry.organisations.len(),
    })
}

/// Writes one cluster of the demo registry with everything it holds.
async fn write_cluster<C: ConnectionTrait>(
    db: &C,
    c: &Cluster,
    lookup: &Lookup,
    now: chrono::DateTime<Utc>,
) -> DomainResult<()> {
    let (id, coordinator_id) = insert_cluster(db, c, lookup, now).await?;
    write_links(db, c, id, lookup, now).await?;
    write_facts(db, c, id, lookup, now).await?;
    write_status_records(db, c, id, lookup, now).await?;
    write_members(db, c, id, coordinator_id, lookup, now).await
}

/// The cluster's own row; returns its id and its coordinator's.
async fn insert_cluster<C: ConnectionTrait>(
    db: &C,
    c: &Cluster,
    lookup: &Lookup,
    now: chrono::DateTime<Utc>,
) -> DomainResult<(i32, Option<i32>)> {
    validation::slug("slug", &c.slug)?;
    if let Some(code) = &c.postal_code {
        validation::postal_code("postalCode", code)?;
    }
    let display = c
        .name_pl
        .as_deref()
        .or(c.name_en.as_deref())
        .ok_or_else(|| DomainError::Data(format!("cluster '{}' has no name", c.slug)))?;
    let mut searchable: Vec<&str> = [&c.name_pl, &c.name_en, &c.acronym, &c.city]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .collect();
    searchable.extend(c.also_known_as.iter().map(String::as_str));
    let coordinator_id = c
        .coordinator
        .as_deref()
        .map(|k| lookup.organisation(k))
        .transpose()?;
    let cluster = cluster::ActiveModel {
        version: Set(1),
        id: NotSet,
        slug: Set(c.slug.clone()),
        name_pl: Set(c.name_pl.clone()),
        name_en: Set(c.name_en.clone()),
        sort_name: Set(fold(display)),
        search_text: Set(Some(fold(&searchable.join(" | ")))),
        acronym: Set(c.acronym.clone()),
        description_pl: Set(c.description_pl.clone()),
        description_en: Set(c.description_en.clone()),
        voivodeship_teryt: Set(c.voivodeship.clone()),
        city: Set(c.city.clone()),
        address: Set(c.address.clone()),
        postal_code: Set(c.postal_code.clone()),
        phone: Set(c.phone.clone()),
        email: Set(c.email.clone()),
        website: Set(c.website.clone()),
        founded_on: Set(checked_partial("foundedOn", &c.founded_on)?),
        coordinator_id: Set(coordinator_id),
        strategy_from: Set(c.strategy_from),
        strategy_to: Set(c.strategy_to),
        status: Set(c.status),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok((cluster.id, coordinator_id))
}

/// Its aliases, sectors, sources, smart specialisations and programme participations.
async fn write_links<C: ConnectionTrait>(
    db: &C,
    c: &Cluster,
    id: i32,
    lookup: &Lookup,
    now: chrono::DateTime<Utc>,
) -> DomainResult<()> {
    for name in &c.also_known_as {
        cluster_alias::ActiveModel {
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(None),
            name: Set(name.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for entry in &c.sectors {
        let code = &entry.code;
        let sector_id = *lookup
            .sectors
            .get(code)
            .ok_or_else(|| DomainError::Data(format!("unknown sector '{code}'")))?;
        // Stated by a source or inferred by a rule: one of the two, always said.
        if entry.source.is_some() == entry.inferred.is_some() {
            return Err(DomainError::Data(format!(
                "{}: sector '{code}' needs either a source or the rule it was inferred by",
                c.slug
            )));
        }
        cluster_sector::ActiveModel {
            cluster_id: Set(id),
            sector_id: Set(sector_id),
            inferred_by: Set(entry.inferred.clone()),
            source_document_id: Set(lookup.source(&entry.source)?),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for code in &c.sources {
        cluster_source::ActiveModel {
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&Some(code.clone()))?.unwrap_or_default()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for s in &c.specialisations {
        cluster_specialisation::ActiveModel {
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&s.source)?),
            name: Set(s.name.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for p in &c.participations {
        cluster_participation::ActiveModel {
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&p.source)?),
            name: Set(p.name.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Its services, working groups, projects, events, people and awards.
async fn write_facts<C: ConnectionTrait>(
    db: &C,
    c: &Cluster,
    id: i32,
    lookup: &Lookup,
    now: chrono::DateTime<Utc>,
) -> DomainResult<()> {
    for s in &c.services {
        service::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&s.source)?),
            name: Set(s.name.clone()),
            description: Set(s.description.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for w in &c.working_groups {
        working_group::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&w.source)?),
            name: Set(w.name.clone()),
            description: Set(w.description.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for p in &c.projects {
        let project = project::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&p.source)?),
            name: Set(p.name.clone()),
            acronym: Set(p.acronym.clone()),
            programme: Set(p.programme.clone()),
            description: Set(p.description.clone()),
            budget_amount: Set(p.budget_eur.map(|b| b.round() as i64)),
            budget_currency: Set(p.budget_eur.map(|_| "EUR".to_string())),
            starts_on: Set(checked_partial("startsOn", &p.starts_on)?),
            ends_on: Set(checked_partial("endsOn", &p.ends_on)?),
            role: Set(p.role.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        for partner in &p.partners {
            project_partner::ActiveModel {
                id: NotSet,
                project_id: Set(project.id),
                partner_cluster_id: Set(None),
                partner_name: Set(partner.clone()),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    for e in &c.events {
        let days = span(e.starts_on.as_deref(), e.ends_on.as_deref());
        event::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&e.source)?),
            name: Set(e.name.clone()),
            description: Set(e.description.clone()),
            starts_on: Set(checked_partial("startsOn", &e.starts_on)?),
            ends_on: Set(checked_partial("endsOn", &e.ends_on)?),
            first_day: Set(days.0),
            last_day: Set(days.1),
            location: Set(e.location.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for p in &c.people {
        let person = person::ActiveModel {
            version: Set(1),
            id: NotSet,
            full_name: Set(p.name.clone()),
            title: Set(p.title.clone()),
            organisation_id: Set(p
                .organisation
                .as_deref()
                .map(|k| lookup.organisation(k))
                .transpose()?),
            email: Set(None),
            phone: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        cluster_role::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&p.source)?),
            person_id: Set(person.id),
            role: Set(p.role),
            position: Set(p.position.clone()),
            since: Set(None),
            until: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for a in &c.awards {
        cluster_award::ActiveModel {
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&a.source)?),
            name: Set(a.name.clone()),
            awarded_by: Set(a.awarded_by.clone()),
            awarded_on: Set(checked_partial("awardedOn", &a.awarded_on)?),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for f in &c.stated_figures {
        stated_figure::ActiveModel {
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&f.source)?),
            kind: Set(f.kind),
            qualifier: Set(f.qualifier),
            value: Set(f.value),
            stated_on: Set(checked_partial("statedOn", &f.stated_on)?),
            quote: Set(f.quote.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Its KKK certifications and ESCA labels.
async fn write_status_records<C: ConnectionTrait>(
    db: &C,
    c: &Cluster,
    id: i32,
    lookup: &Lookup,
    now: chrono::DateTime<Utc>,
) -> DomainResult<()> {
    let stated: Vec<StatedRecord<'_>> = c
        .kkk
        .iter()
        .map(|k| {
            (
                k.awarded_on.as_deref(),
                k.valid_until.as_deref(),
                k.confirmed_on,
                KKK_TERM,
                k.held_since,
            )
        })
        .collect();
    for (k, bounds) in c.kkk.iter().zip(derive_holder_bounds(&stated)?) {
        kkk_certification::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&k.source)?),
            round_number: Set(k.round),
            representative_id: Set(k
                .representative
                .as_deref()
                .map(|r| lookup.organisation(r))
                .transpose()?),
            renewal: Set(k.renewal),
            awarded_on: Set(checked_partial("awardedOn", &k.awarded_on)?),
            valid_until: Set(checked_partial("validUntil", &k.valid_until)?),
            confirmed_on: Set(k.confirmed_on),
            note: Set(k.note.clone()),
            held_since: Set(k.held_since),
            held_from: Set(bounds.held_from),
            held_until: Set(bounds.held_until),
            earliest_start: Set(bounds.earliest_start),
            latest_end: Set(bounds.latest_end),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    let stated: Vec<StatedRecord<'_>> = c
        .esca
        .iter()
        .map(|e| {
            (
                e.awarded_on.as_deref(),
                e.valid_until.as_deref(),
                e.confirmed_on,
                esca_term(e.level),
                e.held_since,
            )
        })
        .collect();
    for (e, bounds) in c.esca.iter().zip(derive_holder_bounds(&stated)?) {
        esca_label::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&e.source)?),
            level: Set(e.level),
            awarded_on: Set(checked_partial("awardedOn", &e.awarded_on)?),
            valid_until: Set(checked_partial("validUntil", &e.valid_until)?),
            confirmed_on: Set(e.confirmed_on),
            note: Set(e.note.clone()),
            held_since: Set(e.held_since),
            held_from: Set(bounds.held_from),
            held_until: Set(bounds.held_until),
            earliest_start: Set(bounds.earliest_start),
            latest_end: Set(bounds.latest_end),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Its members, the coordinator among them, each with its open period.
async fn write_members<C: ConnectionTrait>(
    db: &C,
    c: &Cluster,
    id: i32,
    coordinator_id: Option<i32>,
    lookup: &Lookup,
    now: chrono::DateTime<Utc>,
) -> DomainResult<()> {
    let mut members: Vec<(i32, MembershipRole, Option<String>, Option<i32>)> = Vec::new();
    for m in &c.members {
        let org = lookup.organisation(&m.organisation)?;
        if members.iter().any(|(o, ..)| *o == org) {
            continue;
        }
        members.push((
            org,
            m.role,
            checked_partial("joinedOn", &m.joined_on)?,
            lookup.source(&m.source)?,
        ));
    }
    if let Some(coordinator) = coordinator_id
        && !members.iter().any(|(o, ..)| *o == coordinator)
    {
        members.push((coordinator, MembershipRole::Coordinator, None, None));
    }
    for (org, role, joined_on, source) in members {
        let member = membership::ActiveModel {
            version: Set(1),
            application_message: Set(None),
            decision_reason: Set(None),
            decided_at: Set(None),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(source),
            organisation_id: Set(org),
            member_sort_name: Set(lookup.sort_names.get(&org).cloned().unwrap_or_default()),
            role: Set(role),
            status: Set(MembershipStatus::Active),
            joined_on: Set(joined_on),
            left_on: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        // Every member's period, open since it joined (or since a day no source states).
        crate::writes::membership_periods::open(db, &member).await?;
    }
    Ok(())
}

/// The cluster the demo coordinator account coordinates.
pub const DEMO_COORDINATED_CLUSTER: &str = "klaster-gospodarki-odpadowej-i-recyklingu";
/// The organisation the demo member account acts for (not yet a member of that cluster, so it
/// can apply).
pub const DEMO_MEMBER_ORGANISATION: &str = "Technology Applied";
