//! The demo registry's seed document (data/demo_registry.json) as read, and the checks its data
//! passes on the way in: a named source or organisation must exist, a date must be a valid
//! partial date.

use crate::reads::status_records::parse_partial;
use crate::{DomainError, DomainResult};
use chrono::NaiveDate;
use klastry_entity::*;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
pub(super) struct Registry {
    pub(super) sources: Vec<Source>,
    pub(super) organisations: Vec<Organisation>,
    pub(super) clusters: Vec<Cluster>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Source {
    pub(super) code: String,
    pub(super) file: String,
    pub(super) title: String,
    pub(super) language: String,
    pub(super) publisher: Option<String>,
    pub(super) published_on: Option<String>,
    pub(super) url: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Organisation {
    pub(super) key: String,
    pub(super) name: String,
    pub(super) kind: Option<OrganisationKind>,
    /// The rule by which `kind` was inferred, where no source states it.
    #[serde(default)]
    pub(super) kind_inferred: Option<String>,
    pub(super) country: Option<String>,
    pub(super) voivodeship: Option<String>,
    pub(super) city: Option<String>,
    pub(super) address: Option<String>,
    pub(super) postal_code: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) website: Option<String>,
    pub(super) description: Option<String>,
    pub(super) nip: Option<String>,
    pub(super) regon: Option<String>,
    pub(super) krs: Option<String>,
    pub(super) source: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Named {
    pub(super) name: String,
    pub(super) description: Option<String>,
    pub(super) source: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Project {
    pub(super) name: String,
    pub(super) acronym: Option<String>,
    pub(super) programme: Option<String>,
    pub(super) description: Option<String>,
    pub(super) budget_eur: Option<f64>,
    pub(super) starts_on: Option<String>,
    pub(super) ends_on: Option<String>,
    pub(super) role: Option<String>,
    #[serde(default)]
    pub(super) partners: Vec<String>,
    pub(super) source: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Event {
    pub(super) name: String,
    pub(super) description: Option<String>,
    pub(super) starts_on: Option<String>,
    pub(super) ends_on: Option<String>,
    pub(super) location: Option<String>,
    pub(super) source: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Person {
    pub(super) name: String,
    pub(super) title: Option<String>,
    pub(super) role: ClusterRoleKind,
    pub(super) position: Option<String>,
    pub(super) organisation: Option<String>,
    pub(super) source: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Award {
    pub(super) name: String,
    pub(super) awarded_by: Option<String>,
    pub(super) awarded_on: Option<String>,
    pub(super) source: Option<String>,
}

/// A figure a source states, as it words it.
#[derive(Debug, Deserialize)]
pub(super) struct StatedFigure {
    pub(super) kind: klastry_entity::StatedFigureKind,
    pub(super) qualifier: klastry_entity::FigureQualifier,
    pub(super) value: i32,
    pub(super) stated_on: Option<String>,
    pub(super) quote: String,
    pub(super) source: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Kkk {
    pub(super) round: Option<i32>,
    pub(super) awarded_on: Option<String>,
    pub(super) valid_until: Option<String>,
    pub(super) confirmed_on: Option<NaiveDate>,
    pub(super) representative: Option<String>,
    pub(super) renewal: Option<i32>,
    pub(super) source: Option<String>,
    pub(super) note: Option<String>,
    /// The source says the status has been held since `awarded_on`, continuously.
    #[serde(default)]
    pub(super) held_since: bool,
}

#[derive(Debug, Deserialize)]
pub(super) struct Esca {
    pub(super) level: EscaLevel,
    pub(super) awarded_on: Option<String>,
    pub(super) valid_until: Option<String>,
    pub(super) confirmed_on: Option<NaiveDate>,
    pub(super) source: Option<String>,
    pub(super) note: Option<String>,
    /// The source says the status has been held since `awarded_on`, continuously.
    #[serde(default)]
    pub(super) held_since: bool,
}

/// A cluster's sector: stated by a `source`, or `inferred` by a rule given in words.
#[derive(Debug, Deserialize)]
pub(super) struct SectorEntry {
    pub(super) code: String,
    #[serde(default)]
    pub(super) source: Option<String>,
    #[serde(default)]
    pub(super) inferred: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Member {
    pub(super) organisation: String,
    pub(super) role: MembershipRole,
    pub(super) joined_on: Option<String>,
    pub(super) source: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Cluster {
    pub(super) slug: String,
    pub(super) name_pl: Option<String>,
    pub(super) name_en: Option<String>,
    pub(super) acronym: Option<String>,
    #[serde(default)]
    pub(super) also_known_as: Vec<String>,
    pub(super) description_pl: Option<String>,
    pub(super) description_en: Option<String>,
    pub(super) voivodeship: Option<String>,
    pub(super) city: Option<String>,
    pub(super) address: Option<String>,
    pub(super) postal_code: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) email: Option<String>,
    pub(super) website: Option<String>,
    pub(super) founded_on: Option<String>,
    pub(super) coordinator: Option<String>,
    pub(super) strategy_from: Option<i16>,
    pub(super) strategy_to: Option<i16>,
    pub(super) status: ClusterStatus,
    #[serde(default)]
    pub(super) sectors: Vec<SectorEntry>,
    #[serde(default)]
    pub(super) specialisations: Vec<Named>,
    #[serde(default)]
    pub(super) sources: Vec<String>,
    #[serde(default)]
    pub(super) services: Vec<Named>,
    #[serde(default)]
    pub(super) projects: Vec<Project>,
    #[serde(default)]
    pub(super) events: Vec<Event>,
    #[serde(default)]
    pub(super) working_groups: Vec<Named>,
    #[serde(default)]
    pub(super) people: Vec<Person>,
    #[serde(default)]
    pub(super) awards: Vec<Award>,
    #[serde(default)]
    pub(super) stated_figures: Vec<StatedFigure>,
    #[serde(default)]
    pub(super) kkk: Vec<Kkk>,
    #[serde(default)]
    pub(super) esca: Vec<Esca>,
    #[serde(default)]
    pub(super) members: Vec<Member>,
    #[serde(default)]
    pub(super) participations: Vec<Named>,
}

/// The ids the rows written so far got, by the keys the document names them with.
pub(super) struct Lookup {
    pub(super) sources: HashMap<String, i32>,
    pub(super) organisations: HashMap<String, i32>,
    pub(super) sort_names: HashMap<i32, String>,
    pub(super) sectors: HashMap<String, i32>,
}

impl Lookup {
    pub(super) fn source(&self, code: &Option<String>) -> DomainResult<Option<i32>> {
        code.as_ref()
            .map(|c| {
                self.sources
                    .get(c)
                    .copied()
                    .ok_or_else(|| DomainError::Data(format!("unknown source '{c}'")))
            })
            .transpose()
    }

    pub(super) fn organisation(&self, key: &str) -> DomainResult<i32> {
        self.organisations
            .get(key)
            .copied()
            .ok_or_else(|| DomainError::Data(format!("unknown organisation '{key}'")))
    }
}

pub(super) fn checked_partial(field: &str, value: &Option<String>) -> DomainResult<Option<String>> {
    Ok(parse_partial(field, value.as_deref())?.map(|d| d.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::demo::DEMO_REGISTRY_JSON;
    use crate::reads::status_records::derive_holder_bounds;
    use crate::rules::status::KKK_TERM;
    use crate::rules::validation;

    #[test]
    fn demo_registry_parses_and_its_dates_are_valid() {
        let registry: Registry = serde_json::from_str(DEMO_REGISTRY_JSON).expect("parses");
        assert!(registry.clusters.len() >= 60);
        for o in &registry.organisations {
            assert!(
                o.kind_inferred.is_none() || o.kind.is_some(),
                "{}: a rule without a kind",
                o.key
            );
        }
        for c in &registry.clusters {
            validation::slug("slug", &c.slug).expect("valid slug");
            let records: Vec<_> = c
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
            derive_holder_bounds(&records).expect("consistent KKK facts");
            for sector in &c.sectors {
                assert!(
                    sector.source.is_some() != sector.inferred.is_some(),
                    "{}: sector {} is either stated by a source or inferred by a rule",
                    c.slug,
                    sector.code
                );
            }
        }
    }
}
