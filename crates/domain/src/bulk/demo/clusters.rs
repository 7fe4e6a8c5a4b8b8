//! One cluster of the demo registry: its own row, its links (aliases, sectors, sources, smart
//! specialisations, programme participations) and its members, with its facts and status
//! records written beside them.

use super::document::{Cluster, Lookup, checked_partial};
use super::facts::write_facts;
use super::status_records::write_status_records;
use crate::DomainError;
use crate::DomainResult;
use crate::rules::text::fold;
use crate::rules::validation;
use chrono::Utc;
use klastry_entity::*;
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, Set};

/// Writes one cluster of the demo registry with everything it holds.
pub(super) async fn write_cluster<C: ConnectionTrait>(
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
