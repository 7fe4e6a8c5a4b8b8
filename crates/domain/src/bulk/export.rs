//! Exporting the public registry in bulk: clusters, organisations and memberships as JSON Lines
//! or CSV. Rows are read in keyset batches (by id), so memory stays flat whatever the size of
//! the registry, and each batch costs a fixed number of statements.
//!
//! The whole registry's export holds public data only: no people, no e-mail addresses of
//! organisations, no pending or rejected applications and nothing of their messages. One
//! cluster's export (`ExportScope::Cluster`) holds the cluster, its memberships and their
//! organisations; for its coordinators (and its tokens that read private data) it also holds
//! applications, rejections with their messages, and the organisations' e-mail.

use crate::DomainResult;
use klastry_entity::{MembershipStatus, cluster, membership, organisation};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::Value;

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line, each with a `type` (`cluster`, `organisation`, `membership`).
    JsonLines,
    /// Comma-separated values with a header row; one part per file.
    Csv,
}

/// Whose records an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportScope {
    /// The whole registry, public data only.
    Registry,
    /// One cluster: the cluster, its memberships and their organisations.
    Cluster {
        /// The cluster's id.
        id: i32,
        /// Whether private data goes too (the reader coordinates the cluster).
        private: bool,
    },
}

impl ExportScope {
    fn private(self) -> bool {
        matches!(self, ExportScope::Cluster { private: true, .. })
    }
}

/// Which records an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportPart {
    /// Clusters, keyed by slug.
    Clusters,
    /// Organisations, keyed by `registryId`.
    Organisations,
    /// Active and past memberships: cluster slug, organisation `registryId`, role, dates.
    Memberships,
}

impl ExportPart {
    /// Every part, in the order a whole-registry export writes them (referenced before
    /// referring).
    pub const ALL: [ExportPart; 3] = [
        ExportPart::Organisations,
        ExportPart::Clusters,
        ExportPart::Memberships,
    ];

    /// The CSV columns, in order; the same names as the JSON Lines keys.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ExportPart::Clusters => &[
                "slug",
                "namePl",
                "nameEn",
                "acronym",
                "status",
                "voivodeshipTeryt",
                "city",
                "address",
                "postalCode",
                "phone",
                "email",
                "website",
                "foundedOn",
                "coordinatorRegistryId",
                "descriptionPl",
                "descriptionEn",
            ],
            ExportPart::Organisations => &[
                "registryId",
                "name",
                "kind",
                "nip",
                "regon",
                "krs",
                "country",
                "voivodeshipTeryt",
                "city",
                "address",
                "postalCode",
                "phone",
                "website",
                "description",
            ],
            ExportPart::Memberships => &[
                "clusterSlug",
                "organisationRegistryId",
                "role",
                "status",
                "joinedOn",
                "leftOn",
            ],
        }
    }

    /// The columns of an export in `scope`: private exports add the organisations' e-mail and
    /// the applications' messages.
    pub fn columns_in(self, scope: ExportScope) -> Vec<&'static str> {
        let mut columns = self.columns().to_vec();
        if scope.private() {
            match self {
                ExportPart::Organisations => columns.push("email"),
                ExportPart::Memberships => {
                    columns.extend(["applicationMessage", "decisionReason"]);
                }
                ExportPart::Clusters => {}
            }
        }
        columns
    }

    /// The CSV header row of an export in `scope`, with its line end.
    pub fn csv_header(self, scope: ExportScope) -> String {
        format!("{}\r\n", self.columns_in(scope).join(","))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClusterRecord {
    #[serde(rename = "type")]
    record: &'static str,
    slug: String,
    name_pl: Option<String>,
    name_en: Option<String>,
    acronym: Option<String>,
    status: klastry_entity::ClusterStatus,
    voivodeship_teryt: Option<String>,
    city: Option<String>,
    address: Option<String>,
    postal_code: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    founded_on: Option<String>,
    coordinator_registry_id: Option<i32>,
    description_pl: Option<String>,
    description_en: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OrganisationRecord {
    #[serde(rename = "type")]
    record: &'static str,
    registry_id: i32,
    name: String,
    kind: Option<klastry_entity::OrganisationKind>,
    nip: Option<String>,
    regon: Option<String>,
    krs: Option<String>,
    country: String,
    voivodeship_teryt: Option<String>,
    city: Option<String>,
    address: Option<String>,
    postal_code: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<Option<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MembershipRecord {
    #[serde(rename = "type")]
    record: &'static str,
    cluster_slug: String,
    organisation_registry_id: i32,
    role: klastry_entity::MembershipRole,
    status: MembershipStatus,
    joined_on: Option<String>,
    left_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_message: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision_reason: Option<Option<String>>,
}

/// The scope of one cluster's export for `viewer`: private data when the viewer coordinates the
/// cluster (its coordinators, operators, and the cluster's tokens that read private data).
pub async fn cluster_scope<C: ConnectionTrait>(
    db: &C,
    slug: &str,
    viewer: &crate::rules::access::Viewer,
) -> DomainResult<ExportScope> {
    let found = crate::reads::clusters::by_slug(db, slug).await?;
    let private = viewer.reads_private_of(found.id);
    Ok(ExportScope::Cluster {
        id: found.id,
        private,
    })
}

/// One batch of an export: the text of the records after row `after`, and the row id to
/// continue after; None when the part is exhausted.
pub async fn batch<C: ConnectionTrait>(
    db: &C,
    scope: ExportScope,
    part: ExportPart,
    format: ExportFormat,
    after: i32,
    size: u64,
) -> DomainResult<Option<(String, i32)>> {
    let (records, last) = match part {
        ExportPart::Clusters => {
            let mut query = cluster::Entity::find().filter(cluster::Column::Id.gt(after));
            if let ExportScope::Cluster { id, .. } = scope {
                query = query.filter(cluster::Column::Id.eq(id));
            }
            let rows = query
                .order_by_asc(cluster::Column::Id)
                .limit(size)
                .all(db)
                .await?;
            let last = rows.last().map(|r| r.id);
            let records = rows
                .into_iter()
                .map(|c| {
                    serde_json::to_value(ClusterRecord {
                        record: "cluster",
                        slug: c.slug,
                        name_pl: c.name_pl,
                        name_en: c.name_en,
                        acronym: c.acronym,
                        status: c.status,
                        voivodeship_teryt: c.voivodeship_teryt,
                        city: c.city,
                        address: c.address,
                        postal_code: c.postal_code,
                        phone: c.phone,
                        email: c.email,
                        website: c.website,
                        founded_on: c.founded_on,
                        coordinator_registry_id: c.coordinator_id,
                        description_pl: c.description_pl,
                        description_en: c.description_en,
                    })
                })
                .collect::<Result<Vec<_>, _>>();
            (records, last)
        }
        ExportPart::Organisations => {
            let mut query = organisation::Entity::find().filter(organisation::Column::Id.gt(after));
            if let ExportScope::Cluster { id, private } = scope {
                let mut members = Query::select();
                members
                    .column(membership::Column::OrganisationId)
                    .from(membership::Entity)
                    .and_where(membership::Column::ClusterId.eq(id));
                if !private {
                    members.and_where(
                        membership::Column::Status
                            .is_in([MembershipStatus::Active, MembershipStatus::Left]),
                    );
                }
                query = query.filter(organisation::Column::Id.in_subquery(members.to_owned()));
            }
            let rows = query
                .order_by_asc(organisation::Column::Id)
                .limit(size)
                .all(db)
                .await?;
            let last = rows.last().map(|r| r.id);
            let records = rows
                .into_iter()
                .map(|o| {
                    serde_json::to_value(OrganisationRecord {
                        record: "organisation",
                        registry_id: o.id,
                        name: o.name,
                        kind: o.kind,
                        nip: o.nip,
                        regon: o.regon,
                        krs: o.krs,
                        country: o.country,
                        voivodeship_teryt: o.voivodeship_teryt,
                        city: o.city,
                        address: o.address,
                        postal_code: o.postal_code,
                        phone: o.phone,
                        website: o.website,
                        description: o.description,
                        email: scope.private().then_some(o.email),
                    })
                })
                .collect::<Result<Vec<_>, _>>();
            (records, last)
        }
        ExportPart::Memberships => {
            // The batch is cut by every membership's id, public or not, so that a run of
            // private rows cannot end the export early.
            let mut query = membership::Entity::find().filter(membership::Column::Id.gt(after));
            if let ExportScope::Cluster { id, .. } = scope {
                query = query.filter(membership::Column::ClusterId.eq(id));
            }
            let rows = query
                .order_by_asc(membership::Column::Id)
                .limit(size)
                .all(db)
                .await?;
            let last = rows.last().map(|r| r.id);
            let public: Vec<membership::Model> = rows
                .into_iter()
                .filter(|m| {
                    scope.private()
                        || matches!(m.status, MembershipStatus::Active | MembershipStatus::Left)
                })
                .collect();
            let mut cluster_ids: Vec<i32> = public.iter().map(|m| m.cluster_id).collect();
            cluster_ids.sort_unstable();
            cluster_ids.dedup();
            let slugs: std::collections::HashMap<i32, String> = if cluster_ids.is_empty() {
                Default::default()
            } else {
                cluster::Entity::find()
                    .filter(cluster::Column::Id.is_in(cluster_ids))
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|c| (c.id, c.slug))
                    .collect()
            };
            let records = public
                .into_iter()
                .filter_map(|m| {
                    let cluster_slug = slugs.get(&m.cluster_id)?.clone();
                    Some(serde_json::to_value(MembershipRecord {
                        record: "membership",
                        cluster_slug,
                        organisation_registry_id: m.organisation_id,
                        role: m.role,
                        status: m.status,
                        joined_on: m.joined_on,
                        left_on: m.left_on,
                        application_message: scope.private().then_some(m.application_message),
                        decision_reason: scope.private().then_some(m.decision_reason),
                    }))
                })
                .collect::<Result<Vec<_>, _>>();
            (records, last)
        }
    };
    let Some(last) = last else {
        return Ok(None);
    };
    let records = records.map_err(|e| crate::DomainError::Data(e.to_string()))?;
    let mut text = String::new();
    for record in &records {
        match format {
            ExportFormat::JsonLines => {
                text.push_str(&record.to_string());
                text.push('\n');
            }
            ExportFormat::Csv => {
                text.push_str(&csv_row(&part.columns_in(scope), record));
                text.push_str("\r\n");
            }
        }
    }
    Ok(Some((text, last)))
}

/// One CSV row of a record's columns: empty for null, quoted when it holds a comma, a quote or
/// a line break (RFC 4180), and text a spreadsheet would run as a formula escaped.
fn csv_row(columns: &[&str], record: &Value) -> String {
    columns
        .iter()
        .map(|column| match record.get(column) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => csv_field(&crate::rules::csv::escape_formula(s)),
            Some(other) => csv_field(&other.to_string()),
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_fields_are_quoted_only_when_they_must_be() {
        assert_eq!(csv_field("Klaster"), "Klaster");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn csv_text_that_would_run_as_a_formula_is_escaped_but_numbers_are_not() {
        let record = json!({ "clusterSlug": "=cmd|' /C calc'!A0", "organisationRegistryId": -7, "role": "MEMBER" });
        assert!(
            csv_row(ExportPart::Memberships.columns(), &record)
                .starts_with("'=cmd|' /C calc'!A0,-7,MEMBER")
        );
    }

    #[test]
    fn csv_rows_follow_the_columns_and_leave_nulls_empty() {
        let record = json!({ "clusterSlug": "k", "organisationRegistryId": 7, "role": "MEMBER", "joinedOn": null });
        assert_eq!(
            csv_row(ExportPart::Memberships.columns(), &record),
            "k,7,MEMBER,,,"
        );
    }
}
