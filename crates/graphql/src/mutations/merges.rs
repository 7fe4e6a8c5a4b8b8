//! Folding a duplicate record into the one the registry keeps (the domain's `writes::merges`).

use super::clusters::ClusterPayload;
use super::organisations::OrganisationPayload;
use crate::context::{actor, db};
use crate::error::OrApi;
use crate::ids::{NodeKind, parse_id_of};
use crate::types::cluster::Cluster;
use crate::types::organisation::Organisation;
use async_graphql::{Context, ID, InputObject, Object, Result};
use klastry_domain::writes::merges;

/// Which organisation to keep and which duplicate of it to fold in, each at the version last
/// read (a stale one is a CONFLICT error and nothing is written).
#[derive(InputObject)]
pub struct MergeOrganisationsInput {
    /// The global ID of the organisation the registry keeps.
    pub kept_id: ID,
    /// Its version as last read.
    pub kept_version: i32,
    /// The global ID of the duplicate, deleted once its links have moved.
    pub duplicate_id: ID,
    /// Its version as last read.
    pub duplicate_version: i32,
}

/// Which cluster to keep and which duplicate of it to fold in, each at the version last read
/// (a stale one is a CONFLICT error and nothing is written).
#[derive(InputObject)]
pub struct MergeClustersInput {
    /// The global ID of the cluster the registry keeps.
    pub kept_id: ID,
    /// Its version as last read.
    pub kept_version: i32,
    /// The global ID of the duplicate, deleted once its links have moved.
    pub duplicate_id: ID,
    /// Its version as last read.
    pub duplicate_version: i32,
}

/// Folding duplicates into the records the registry keeps.
#[derive(Default)]
pub struct MergeMutations;

/// Folding duplicates into the records the registry keeps.
#[Object]
impl MergeMutations {
    /// Folds a duplicate organisation into the one the registry keeps (operators): its
    /// memberships (where both belong to a cluster, the kept membership stays), the clusters
    /// it coordinates, the KKK certifications it represents, its people, notices, answers,
    /// users, requests, invitations, followers and sectors move to the kept organisation,
    /// whose empty fields take the duplicate's values (its own win); then the duplicate is
    /// deleted. The audit trail records each step with action MERGE.
    async fn merge_organisations(
        &self,
        ctx: &Context<'_>,
        input: MergeOrganisationsInput,
    ) -> Result<OrganisationPayload> {
        let actor = actor(ctx)?;
        let kept = parse_id_of("keptId", NodeKind::Organisation, &input.kept_id).or_api()?;
        let duplicate =
            parse_id_of("duplicateId", NodeKind::Organisation, &input.duplicate_id).or_api()?;
        let result = merges::merge_organisations(
            db(ctx),
            actor,
            kept,
            input.kept_version,
            duplicate,
            input.duplicate_version,
        )
        .await;
        OrganisationPayload::from_outcome(result, Organisation)
    }

    /// Folds a duplicate cluster into the one the registry keeps (operators): its members
    /// (an organisation in both stays once), KKK certifications and ESCA labels (a status
    /// recorded on both is kept once), services, groups, events, projects, people, awards,
    /// programmes, specialisations, aliases, yearly figures (but a year both recorded), sectors
    /// and sources, coordinators, API tokens, webhooks, invitations, requests and followers
    /// move to the kept cluster; the duplicate's names become its aliases, so a search for them
    /// still finds it, and its empty fields take the duplicate's values (its own win); then the
    /// duplicate is deleted. The audit trail records each step with action MERGE.
    async fn merge_clusters(
        &self,
        ctx: &Context<'_>,
        input: MergeClustersInput,
    ) -> Result<ClusterPayload> {
        let actor = actor(ctx)?;
        let kept = parse_id_of("keptId", NodeKind::Cluster, &input.kept_id).or_api()?;
        let duplicate =
            parse_id_of("duplicateId", NodeKind::Cluster, &input.duplicate_id).or_api()?;
        let result = merges::merge_clusters(
            db(ctx),
            actor,
            kept,
            input.kept_version,
            duplicate,
            input.duplicate_version,
        )
        .await;
        ClusterPayload::from_outcome(result, Cluster)
    }
}
