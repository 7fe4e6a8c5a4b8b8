//! The demo registry: the clusters, organisations, certifications and labels of the seed
//! documents (data/demo_registry.json), validated with the registry's own rules and written in
//! one transaction, each fact linked to the document it came from.

mod clusters;
mod document;
mod facts;
mod status_records;

use crate::rules::identifiers::{normalise_krs, normalise_nip, normalise_regon};
use crate::rules::text::fold;
use crate::rules::validation;
use crate::{DomainError, DomainResult};
use chrono::Utc;
use clusters::write_cluster;
use document::{Lookup, Registry};
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

/// The cluster the demo coordinator account coordinates.
pub const DEMO_COORDINATED_CLUSTER: &str = "klaster-gospodarki-odpadowej-i-recyklingu";
/// The organisation the demo member account acts for (not yet a member of that cluster, so it
/// can apply).
pub const DEMO_MEMBER_ORGANISATION: &str = "Technology Applied";
