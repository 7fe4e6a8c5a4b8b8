//! Adding, changing and deleting clusters: their profile, coordinator, sectors, names and
//! awards (the domain's `writes::clusters`).
//!
//! A new mutation of a cluster's own profile goes here; the facts recorded about a cluster
//! (services, events, people, …) are in `facts`, its members in `memberships`.

use super::support::{IntoDomain, id_patch, partial, patch, payload, text, versioned_mutations};
use crate::ids::NodeKind;
use crate::scalars::PartialDate;
use crate::types::cluster::Cluster;
use crate::types::enums::{ClusterStatus, VoivodeshipCode};
use async_graphql::{ID, InputObject, MaybeUndefined, Result};
use klastry_domain::writes::clusters;

payload!(ClusterPayload, cluster: Cluster, "A cluster after a change.");

/// A cluster's profile. On update, a field left out stays as it is and `null` clears it.
#[derive(InputObject, Default)]
pub struct ClusterFieldsInput {
    /// URL identifier: lower-case letters, digits and hyphens.
    pub slug: Option<String>,
    /// Polish name.
    pub name_pl: MaybeUndefined<String>,
    /// English name.
    pub name_en: MaybeUndefined<String>,
    /// Short name or acronym the cluster is known by.
    pub acronym: MaybeUndefined<String>,
    /// Description in Polish.
    pub description_pl: MaybeUndefined<String>,
    /// Description in English.
    pub description_en: MaybeUndefined<String>,
    /// Voivodeship of the seat.
    pub voivodeship: MaybeUndefined<VoivodeshipCode>,
    /// City of the seat.
    pub city: MaybeUndefined<String>,
    /// Street address of the seat.
    pub address: MaybeUndefined<String>,
    /// Postal code, NN-NNN.
    pub postal_code: MaybeUndefined<String>,
    /// Contact telephone number.
    pub phone: MaybeUndefined<String>,
    /// Contact e-mail.
    pub email: MaybeUndefined<String>,
    /// Web site, http:// or https://.
    pub website: MaybeUndefined<String>,
    /// When the cluster was founded.
    pub founded_on: MaybeUndefined<PartialDate>,
    /// The first year its development strategy covers (1990–2100).
    pub strategy_from: MaybeUndefined<i32>,
    /// The last year its development strategy covers (1990–2100, not before `strategyFrom`).
    pub strategy_to: MaybeUndefined<i32>,
    /// Whether the cluster operates, as a source states it; a new cluster is UNKNOWN when not
    /// given.
    pub status: Option<ClusterStatus>,
    /// The global ID of the coordinating organisation.
    pub coordinator_id: MaybeUndefined<ID>,
    /// Sector codes, replacing the current ones.
    pub sectors: Option<Vec<String>>,
    /// Other names the cluster is known by, replacing the current ones (searched too).
    pub aliases: Option<Vec<String>>,
    /// Specialisations, replacing the current ones.
    pub specialisations: Option<Vec<String>>,
    /// Networks and programmes the cluster takes part in, replacing the current ones.
    pub participations: Option<Vec<String>>,
    /// Awards other than KKK and ESCA, replacing the current ones.
    pub awards: Option<Vec<AwardInput>>,
}

/// An award or distinction other than KKK and ESCA.
#[derive(InputObject)]
pub struct AwardInput {
    /// Name of the award.
    pub name: String,
    /// Who awarded it.
    pub awarded_by: Option<String>,
    /// When it was awarded (a year is enough).
    pub awarded_on: Option<PartialDate>,
}

impl IntoDomain for ClusterFieldsInput {
    type Domain = clusters::ClusterFields;

    fn into_domain(self) -> Result<clusters::ClusterFields> {
        Ok(clusters::ClusterFields {
            slug: self.slug,
            name_pl: text(self.name_pl),
            name_en: text(self.name_en),
            acronym: text(self.acronym),
            description_pl: text(self.description_pl),
            description_en: text(self.description_en),
            voivodeship_teryt: patch(self.voivodeship, |v| v.teryt().to_string()),
            city: text(self.city),
            address: text(self.address),
            postal_code: text(self.postal_code),
            phone: text(self.phone),
            email: text(self.email),
            website: text(self.website),
            founded_on: partial(self.founded_on),
            strategy_from: patch(self.strategy_from, |y| y),
            strategy_to: patch(self.strategy_to, |y| y),
            status: self.status.map(Into::into),
            coordinator_id: id_patch("coordinatorId", NodeKind::Organisation, self.coordinator_id)?,
            sector_codes: self.sectors,
            aliases: self.aliases,
            specialisations: self.specialisations,
            participations: self.participations,
            awards: self.awards.map(|awards| {
                awards
                    .into_iter()
                    .map(|a| clusters::AwardFields {
                        name: a.name,
                        awarded_by: a.awarded_by,
                        awarded_on: a.awarded_on.map(|d| d.0.to_string()),
                    })
                    .collect()
            }),
        })
    }
}

/// A new cluster.
#[derive(InputObject)]
pub struct CreateClusterInput {
    /// The profile; `slug` and a name are required.
    #[graphql(flatten)]
    pub fields: ClusterFieldsInput,
}

/// A change to a cluster's profile.
#[derive(InputObject)]
pub struct UpdateClusterInput {
    /// The global ID of the cluster to change.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and
    /// nothing is written.
    pub version: i32,
    /// The fields to change; those left out stay as they are.
    #[graphql(flatten)]
    pub fields: ClusterFieldsInput,
}

versioned_mutations! {
    /// Adding, changing and deleting clusters.
    pub struct ClusterMutations;
    node: Cluster, payload: ClusterPayload(Cluster);
    /// Adds a cluster (operators).
    create_cluster(CreateClusterInput) => clusters::create;
    /// Changes a cluster's profile (its coordinators and operators).
    update_cluster(UpdateClusterInput) => clusters::update;
    /// Deletes a cluster with everything recorded about it (operators).
    delete_cluster => clusters::delete;
}
