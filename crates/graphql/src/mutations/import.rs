//! Importing organisations, clusters and memberships in bulk.

use super::UserErrorCode;
use crate::context::{actor, db, import_quota};
use crate::error::OrApi;
use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject};
use klastry_domain::bulk::import::{self, Counts, ImportFormat as DomainFormat};

/// The format of an import's data.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum ImportFormat {
    /// JSON Lines as the export writes them: one object per line with a `type`.
    JsonLines,
    /// CSV as the export writes it: a header of the export's columns, one kind per document.
    Csv,
}

/// Records to import.
#[derive(InputObject)]
pub struct ImportRecordsInput {
    /// The data's format.
    pub format: ImportFormat,
    /// The records, in the export's format (organisations before the memberships and clusters
    /// that refer to them by `registryId`).
    pub data: String,
    /// Check every row and report, but apply nothing.
    #[graphql(default)]
    pub dry_run: bool,
}

/// How many records of each kind (created, or found already in the registry and left alone).
#[derive(SimpleObject)]
pub struct ImportCounts {
    /// Organisation records.
    pub organisations: i32,
    /// Cluster records.
    pub clusters: i32,
    /// Membership records.
    pub memberships: i32,
}

impl From<Counts> for ImportCounts {
    fn from(c: Counts) -> Self {
        let n = |v: usize| i32::try_from(v).unwrap_or(i32::MAX);
        Self {
            organisations: n(c.organisations),
            clusters: n(c.clusters),
            memberships: n(c.memberships),
        }
    }
}

/// A row that breaks a rule.
#[derive(SimpleObject)]
pub struct ImportRowError {
    /// The line of the data it starts on.
    pub line: i32,
    /// The record's kind (`organisation`, `cluster`, `membership`), when it could be read.
    pub kind: String,
    /// The record's key: an organisation's name, a cluster's slug, a membership's cluster and
    /// organisation.
    pub key: String,
    /// The field, as the export names it; empty for the row as a whole.
    pub field: String,
    /// Why, for a client to translate.
    pub code: UserErrorCode,
    /// What is wrong, in English.
    pub message: String,
}

/// The outcome of an import: applied in full, or (with any error, or a dry run) not at all.
#[derive(SimpleObject)]
pub struct ImportRecordsPayload {
    /// Whether the records were applied.
    pub applied: bool,
    /// Rows read from the data, refused ones included.
    pub rows: i32,
    /// Records created, or that would have been.
    pub created: ImportCounts,
    /// Records already in the registry, left as they were.
    pub matched: ImportCounts,
    /// Every row that breaks a rule, by line; empty when all passed.
    pub errors: Vec<ImportRowError>,
}

/// The import mutation.
#[derive(Default)]
pub struct ImportMutations;

#[Object]
impl ImportMutations {
    /// Imports organisations, clusters and memberships in the export's formats, all or nothing.
    /// Every row is checked by the rules of the matching mutations; if any breaks one, nothing
    /// is applied and `errors` lists each by line and field. Records already present are
    /// matched, not changed (organisations by NIP, REGON or KRS; clusters by slug; memberships
    /// by cluster and organisation). Operators import anything; a cluster's coordinators (and
    /// its tokens with WRITE_CLUSTER_MEMBERS) import members of their clusters, with any new
    /// organisations they bring, within quotas the operator sets: rows per import, and
    /// organisations created in any 24 hours (an API token counts as the account that made it);
    /// over a quota the whole import is refused with BAD_USER_INPUT on `data`. The request body
    /// is limited to 1 MiB; `klastry import` takes larger files.
    async fn import_records(
        &self,
        ctx: &Context<'_>,
        input: ImportRecordsInput,
    ) -> Result<ImportRecordsPayload> {
        let actor = actor(ctx)?;
        let format = match input.format {
            ImportFormat::JsonLines => DomainFormat::JsonLines,
            ImportFormat::Csv => DomainFormat::Csv,
        };
        let (rows, errors) = import::parse(&input.data, format);
        let quota = import_quota(ctx);
        let report = import::import(db(ctx), Some(actor), rows, errors, input.dry_run, quota)
            .await
            .or_api()?;
        Ok(ImportRecordsPayload {
            applied: report.applied,
            rows: i32::try_from(report.rows).unwrap_or(i32::MAX),
            created: report.created.into(),
            matched: report.matched.into(),
            errors: report
                .errors
                .into_iter()
                .map(|e| ImportRowError {
                    line: i32::try_from(e.line).unwrap_or(i32::MAX),
                    kind: e.kind,
                    key: e.key,
                    field: e.field,
                    code: e.code.into(),
                    message: e.message,
                })
                .collect(),
        })
    }
}
