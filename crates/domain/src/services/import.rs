//! Importing organisations, clusters and memberships in bulk, from JSON Lines or CSV in the
//! export's own format, so that an export imported into an empty registry gives it back.
//!
//! Every row is checked by the same rules as the API's mutations, inside one transaction and
//! each in its own savepoint: rows that break a rule are reported with their line and field,
//! and then nothing is applied at all. Only a run in which every row passes commits. Records
//! already present are matched, not changed: an organisation by NIP, REGON or KRS (by its name
//! when it has none), a cluster by slug, a membership by its cluster and organisation. Within one import, `registryId` names
//! an organisation for the records after it (the export's numbering, not this registry's).

use crate::rules::access::Actor;
use crate::rules::csv;
use crate::rules::validation;
use crate::services::audit::{self, Change};
use crate::services::export::ExportPart;
use crate::services::writes::{self, clusters::ClusterFields, organisations::OrganisationFields};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{
    ClusterStatus, MembershipRole, MembershipStatus, OrganisationKind, cluster, membership,
    organisation,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, EntityTrait, NotSet, QueryFilter, Set,
};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// The file format of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// One JSON object per line with a `type`: `organisation`, `cluster` or `membership`.
    JsonLines,
    /// A header row naming the export's columns, then one record per row; one kind per file,
    /// told by its columns.
    Csv,
}

/// Most rows one import may hold.
pub const MAX_ROWS: usize = 100_000;

/// One record read from the input, with the line it starts on.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// Which of several inputs it came from (0 for the first).
    pub source: usize,
    /// The line of the input it came from (1 for the first).
    pub line: usize,
    /// `organisation`, `cluster` or `membership`.
    pub kind: &'static str,
    /// Its fields, as the export names them.
    pub fields: Map<String, Value>,
}

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Which of several inputs it came from (0 for the first).
    pub source: usize,
    /// The line of the input.
    pub line: usize,
    /// The record's kind, when it could be read.
    pub kind: String,
    /// The record's key (an organisation's name, a cluster's slug, a membership's cluster and
    /// organisation), when it could be read.
    pub key: String,
    /// The field concerned, as the export names it; empty for the row as a whole.
    pub field: String,
    /// Why, for a client to translate.
    pub code: FieldErrorCode,
    /// What is wrong.
    pub message: String,
}

/// How many records of each kind an import created and matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Organisations.
    pub organisations: usize,
    /// Clusters.
    pub clusters: usize,
    /// Memberships.
    pub memberships: usize,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Whether the rows were applied (every row passed and it was not a dry run).
    pub applied: bool,
    /// Rows read.
    pub rows: usize,
    /// Records that were (or, in a dry run or a refused import, would have been) created.
    pub created: Counts,
    /// Records already in the registry, left as they are.
    pub matched: Counts,
    /// Every row that breaks a rule; empty when all passed.
    pub errors: Vec<RowError>,
}

/// What an account that is not an operator may import (its API tokens count as the account
/// that made them): a bound on one import's rows, and on the organisations its imports create
/// in any 24 hours. Operators and the command line are not bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportQuota {
    /// Most rows in one import.
    pub max_rows: usize,
    /// Most organisations created by imports in any 24 hours.
    pub organisations_per_day: u64,
}

impl Default for ImportQuota {
    fn default() -> Self {
        Self {
            max_rows: 2_000,
            organisations_per_day: 500,
        }
    }
}

/// Reads `text` in `format` into rows; rows that cannot be read are returned as errors.
pub fn parse(text: &str, format: ImportFormat) -> (Vec<ImportRow>, Vec<RowError>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    // Whatever stops a row from being read is a matter of its format.
    let error = |line, field: &str, message: String| RowError {
        source: 0,
        line,
        kind: String::new(),
        key: String::new(),
        field: field.into(),
        code: FieldErrorCode::InvalidFormat,
        message,
    };
    match format {
        ImportFormat::JsonLines => {
            for (index, line) in text.lines().enumerate() {
                let number = index + 1;
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Value>(line) {
                    Ok(Value::Object(mut fields)) => {
                        let kind = match fields.remove("type").as_ref().and_then(Value::as_str) {
                            Some("organisation") => "organisation",
                            Some("cluster") => "cluster",
                            Some("membership") => "membership",
                            other => {
                                errors.push(error(
                                    number,
                                    "type",
                                    format!(
                                        "must be organisation, cluster or membership, not {}",
                                        other.map_or("missing".into(), |t| format!("'{t}'"))
                                    ),
                                ));
                                continue;
                            }
                        };
                        rows.push(ImportRow {
                            source: 0,
                            line: number,
                            kind,
                            fields,
                        });
                    }
                    Ok(_) => errors.push(error(number, "", "must be a JSON object".into())),
                    Err(e) => errors.push(error(number, "", format!("is not valid JSON: {e}"))),
                }
            }
        }
        ImportFormat::Csv => {
            let records = match csv::parse(text) {
                Ok(records) => records,
                Err(line) => {
                    errors.push(error(line, "", "a quoted field is never closed".into()));
                    return (rows, errors);
                }
            };
            let mut records = records.into_iter();
            let Some(header) = records.next() else {
                return (rows, errors);
            };
            let columns = header.fields;
            let kind = [
                (ExportPart::Organisations, "organisation"),
                (ExportPart::Clusters, "cluster"),
                (ExportPart::Memberships, "membership"),
            ]
            .into_iter()
            .find(|(part, _)| columns.iter().any(|c| c == part.columns()[0]))
            .map(|(_, kind)| kind);
            let Some(kind) = kind else {
                errors.push(error(
                    header.line,
                    "",
                    "the header must name the export's columns: registryId (organisations), slug (clusters) or clusterSlug (memberships) first".into(),
                ));
                return (rows, errors);
            };
            for record in records {
                if record.fields.len() != columns.len() {
                    errors.push(error(
                        record.line,
                        "",
                        format!(
                            "has {} fields; the header has {}",
                            record.fields.len(),
                            columns.len()
                        ),
                    ));
                    continue;
                }
                let fields = columns
                    .iter()
                    .zip(record.fields)
                    .filter(|(_, value)| !value.is_empty())
                    .map(|(column, value)| {
                        let value = csv::unescape_formula(&value).to_owned();
                        (column.clone(), Value::String(value))
                    })
                    .collect();
                rows.push(ImportRow {
                    source: 0,
                    line: record.line,
                    kind,
                    fields,
                });
            }
        }
    }
    (rows, errors)
}

/// An optional text field; numbers are taken as their digits (CSV has no types).
fn text(fields: &Map<String, Value>, name: &str) -> Result<Option<String>, DomainError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(DomainError::invalid(
            name,
            FieldErrorCode::InvalidFormat,
            "must be text",
        )),
    }
}

fn required(fields: &Map<String, Value>, name: &str) -> Result<String, DomainError> {
    text(fields, name)?
        .ok_or_else(|| DomainError::invalid(name, FieldErrorCode::Required, "must be given"))
}

fn number(fields: &Map<String, Value>, name: &str) -> Result<Option<i32>, DomainError> {
    text(fields, name)?
        .map(|t| {
            t.trim().parse::<i32>().map_err(|_| {
                DomainError::invalid(
                    name,
                    FieldErrorCode::InvalidFormat,
                    format!("'{t}' is not a whole number"),
                )
            })
        })
        .transpose()
}

/// A closed-set value, named as the API names it.
fn value_of<T: for<'de> Deserialize<'de>>(
    fields: &Map<String, Value>,
    name: &str,
    allowed: &str,
) -> Result<Option<T>, DomainError> {
    text(fields, name)?
        .map(|t| {
            serde_json::from_value(Value::String(t.trim().to_owned())).map_err(|_| {
                DomainError::invalid(
                    name,
                    FieldErrorCode::InvalidFormat,
                    format!("'{t}' is not one of {allowed}"),
                )
            })
        })
        .transpose()
}

fn set(value: Option<String>) -> writes::Patch<String> {
    value.map(Some)
}

/// Imports `rows` as `actor` (None: the system, as `klastry import` runs). With `dry_run`, or
/// when any row breaks a rule, nothing is applied. Database failures end the import with an
/// error and apply nothing either.
///
/// A dry run checks every row exactly as the import would apply it, in a transaction that is
/// rolled back, without holding up anyone's writes: no events are written (on PostgreSQL their
/// commit-order lock would hold up every writer of events until the dry run ends), and on SQLite
/// it runs against a private copy of the database made with `VACUUM INTO` (a read that blocks
/// no one), since SQLite has one writer at a time and a dry run of a few thousand rows held it
/// for seconds.
pub async fn import(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    rows: Vec<ImportRow>,
    errors: Vec<RowError>,
    dry_run: bool,
    quota: ImportQuota,
) -> DomainResult<ImportReport> {
    if !dry_run {
        return apply(db, actor, rows, errors, false, quota).await;
    }
    crate::services::events::without_events(async {
        if db.get_database_backend() != DbBackend::Sqlite {
            return apply(db, actor, rows, errors, true, quota).await;
        }
        let copy = PrivateCopy::of(db).await?;
        let report = apply(&copy.db, actor, rows, errors, true, quota).await;
        copy.remove().await;
        report
    })
    .await
}

/// A private copy of an SQLite database, for work that must not hold its write lock.
struct PrivateCopy {
    db: DatabaseConnection,
    path: std::path::PathBuf,
}

impl PrivateCopy {
    async fn of(db: &DatabaseConnection) -> DomainResult<Self> {
        let path = std::env::temp_dir().join(format!(
            "klastry-dry-run-{}-{}.db",
            std::process::id(),
            crate::services::secrets::random_text::<9>()?
        ));
        let quoted = path.display().to_string().replace('\'', "''");
        db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
            .await?;
        let mut options =
            sea_orm::ConnectOptions::new(format!("sqlite://{}?mode=rw", path.display()));
        options.max_connections(1).sqlx_logging(false);
        let copy = match sea_orm::Database::connect(options).await {
            Ok(copy) => copy,
            Err(error) => {
                let _ = std::fs::remove_file(&path);
                return Err(error.into());
            }
        };
        copy.execute_unprepared("PRAGMA foreign_keys = ON").await?;
        Ok(Self { db: copy, path })
    }

    async fn remove(self) {
        let _ = self.db.close().await;
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

async fn apply(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    rows: Vec<ImportRow>,
    mut errors: Vec<RowError>,
    dry_run: bool,
    quota: ImportQuota,
) -> DomainResult<ImportReport> {
    let total = rows.len() + errors.len();
    if total > MAX_ROWS {
        return Err(FieldError::new(
            "data",
            FieldErrorCode::TooLong,
            format!("at most {MAX_ROWS} rows an import; split the file"),
        )
        .max(MAX_ROWS)
        .actual(total)
        .into());
    }
    let bound = actor.filter(|a| !a.is_operator).map(|_| quota);
    if let Some(quota) = bound
        && total > quota.max_rows
    {
        return Err(FieldError::new(
            "data",
            FieldErrorCode::TooLong,
            format!(
                "at most {} rows an import for a coordinator or an API token; split the file, or ask an operator",
                quota.max_rows
            ),
        )
        .max(quota.max_rows)
        .actual(total)
        .into());
    }
    let mut report = ImportReport {
        rows: total,
        ..Default::default()
    };
    if let Some(actor) = actor
        && !actor.is_operator
        && actor.coordinated_clusters.is_empty()
    {
        return Err(DomainError::forbidden(
            "only operators and clusters' coordinators may import",
        ));
    }
    let txn = writes::begin(db).await?;
    let mut importer = Importer {
        actor,
        registry_ids: HashMap::new(),
        refused_ids: HashMap::new(),
        created_organisations: Vec::new(),
        joined: HashSet::new(),
    };
    for row in &rows {
        let savepoint = writes::begin(&txn).await?;
        match importer.apply(&savepoint, row).await {
            Ok(outcome) => {
                savepoint.commit().await?;
                let counts = match outcome {
                    Outcome::Created => &mut report.created,
                    Outcome::Matched => &mut report.matched,
                };
                match row.kind {
                    "organisation" => counts.organisations += 1,
                    "cluster" => counts.clusters += 1,
                    _ => counts.memberships += 1,
                }
            }
            Err(error) => {
                savepoint.rollback().await?;
                if row.kind == "organisation"
                    && let Ok(Some(id)) = number(&row.fields, "registryId")
                {
                    importer.refused_ids.insert(id, row.line);
                }
                let key = key_of(row);
                let refused = |error: FieldError| RowError {
                    source: row.source,
                    line: row.line,
                    kind: row.kind.into(),
                    key: key.clone(),
                    field: error.field,
                    code: error.code,
                    message: error.message,
                };
                match error {
                    DomainError::Invalid(error) => errors.push(refused(error)),
                    DomainError::Rejected(list) => errors.extend(list.into_iter().map(refused)),
                    DomainError::Forbidden(message) | DomainError::Conflict(message) => errors
                        .push(refused(FieldError::new(
                            "",
                            FieldErrorCode::NotAllowed,
                            message,
                        ))),
                    DomainError::NotFound { entity, key } => errors.push(refused(FieldError::new(
                        "",
                        FieldErrorCode::NotFound,
                        format!("no {entity} with {key}"),
                    ))),
                    other => return Err(other),
                }
            }
        }
    }
    // A coordinator brings in organisations only as members of their clusters.
    if let Some(actor) = actor
        && !actor.is_operator
    {
        for (source, line, id, name) in &importer.created_organisations {
            if !importer.joined.contains(id) {
                errors.push(RowError {
                    source: *source,
                    line: *line,
                    kind: "organisation".into(),
                    key: name.clone(),
                    field: String::new(),
                    code: FieldErrorCode::NotAllowed,
                    message: "a coordinator imports a new organisation only with its membership of their cluster in the same import".into(),
                });
            }
        }
    }
    if let (Some(quota), Some(actor)) = (bound, actor)
        && errors.is_empty()
    {
        // Counted inside the transaction, so this import's own organisations count too.
        let created = audit::created_since(
            &txn,
            actor.user_id,
            "Organisation",
            Utc::now() - chrono::Duration::days(1),
        )
        .await?;
        if created > quota.organisations_per_day {
            txn.rollback().await?;
            return Err(FieldError::new(
                "data",
                FieldErrorCode::NotAllowed,
                format!(
                    "this import would bring the organisations your account created in 24 hours to {created}, over the quota of {}; import fewer, or ask an operator",
                    quota.organisations_per_day
                ),
            )
            .max(quota.organisations_per_day)
            .actual(created)
            .into());
        }
    }
    errors.sort_by_key(|e| (e.source, e.line));
    report.errors = errors;
    if dry_run || !report.errors.is_empty() {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
        report.applied = true;
    }
    Ok(report)
}

enum Outcome {
    Created,
    Matched,
}

fn key_of(row: &ImportRow) -> String {
    let get = |name| text(&row.fields, name).ok().flatten().unwrap_or_default();
    match row.kind {
        "organisation" => get("name"),
        "cluster" => get("slug"),
        _ => format!("{} / {}", get("clusterSlug"), get("organisationRegistryId")),
    }
}

/// The registered organisation an import row is: one with any of its identifiers or, when it
/// has none, one with its name (so that importing a file twice does not register it twice).
async fn existing_organisation(
    txn: &DatabaseTransaction,
    f: &Map<String, Value>,
    fields: &OrganisationFields,
) -> DomainResult<Option<organisation::Model>> {
    let identifiers = [
        (
            "nip",
            organisation::Column::Nip,
            validation::nip as fn(&str, &str) -> _,
        ),
        ("regon", organisation::Column::Regon, validation::regon),
        ("krs", organisation::Column::Krs, validation::krs),
    ];
    let mut identified = false;
    for (name, column, rule) in identifiers {
        if let Some(value) = text(f, name)? {
            identified = true;
            let found = organisation::Entity::find()
                .filter(column.eq(rule(name, &value)?))
                .one(txn)
                .await?;
            if found.is_some() {
                return Ok(found);
            }
        }
    }
    match &fields.name {
        Some(name) if !identified => Ok(organisation::Entity::find()
            .filter(organisation::Column::Name.eq(name.trim()))
            .one(txn)
            .await?),
        _ => Ok(None),
    }
}

struct Importer<'a> {
    actor: Option<&'a Actor>,
    /// The input's registryId of each organisation read so far, to this registry's id.
    registry_ids: HashMap<i32, i32>,
    /// The input's registryId of each organisation refused so far, to its line.
    refused_ids: HashMap<i32, usize>,
    /// Organisations created: input, line, id, name.
    created_organisations: Vec<(usize, usize, i32, String)>,
    /// Organisations given a membership by this import.
    joined: HashSet<i32>,
}

impl Importer<'_> {
    async fn apply(&mut self, txn: &DatabaseTransaction, row: &ImportRow) -> DomainResult<Outcome> {
        match row.kind {
            "organisation" => self.organisation(txn, row).await,
            "cluster" => self.cluster(txn, row).await,
            _ => self.membership(txn, row).await,
        }
    }

    /// This registry's id of the organisation `field` names: one read earlier in the import, or
    /// one already in the registry.
    async fn organisation_id<C: ConnectionTrait>(
        &self,
        db: &C,
        fields: &Map<String, Value>,
        field: &str,
    ) -> DomainResult<Option<i32>> {
        let Some(id) = number(fields, field)? else {
            return Ok(None);
        };
        if let Some(mapped) = self.registry_ids.get(&id) {
            return Ok(Some(*mapped));
        }
        if let Some(line) = self.refused_ids.get(&id) {
            return Err(DomainError::invalid(
                field,
                FieldErrorCode::NotAllowed,
                format!("organisation {id} was refused at line {line}"),
            ));
        }
        match organisation::Entity::find_by_id(id).one(db).await? {
            Some(found) => Ok(Some(found.id)),
            None => Err(DomainError::invalid(
                field,
                FieldErrorCode::NotFound,
                format!("no organisation {id} earlier in the import or in the registry"),
            )),
        }
    }

    async fn organisation(
        &mut self,
        txn: &DatabaseTransaction,
        row: &ImportRow,
    ) -> DomainResult<Outcome> {
        let f = &row.fields;
        let registry_id = number(f, "registryId")?;
        let fields = OrganisationFields {
            name: Some(required(f, "name")?),
            kind: value_of::<OrganisationKind>(f, "kind", "the organisation kinds of the API")?
                .map(Some),
            nip: set(text(f, "nip")?),
            regon: set(text(f, "regon")?),
            krs: set(text(f, "krs")?),
            voivodeship_teryt: set(text(f, "voivodeshipTeryt")?),
            city: set(text(f, "city")?),
            address: set(text(f, "address")?),
            postal_code: set(text(f, "postalCode")?),
            phone: set(text(f, "phone")?),
            email: set(text(f, "email")?),
            website: set(text(f, "website")?),
            description: set(text(f, "description")?),
            sector_codes: None,
        };
        if let Some(country) = text(f, "country")?
            && country != "PL"
        {
            return Err(DomainError::invalid(
                "country",
                FieldErrorCode::NotAllowed,
                "only Polish organisations (PL) can be imported yet",
            ));
        }
        if let Some(found) = existing_organisation(txn, f, &fields).await? {
            if let Some(id) = registry_id {
                self.registry_ids.insert(id, found.id);
            }
            return Ok(Outcome::Matched);
        }
        let created = writes::organisations::insert(txn, self.actor, &fields).await?;
        if let Some(id) = registry_id {
            self.registry_ids.insert(id, created.id);
        }
        self.created_organisations
            .push((row.source, row.line, created.id, created.name.clone()));
        Ok(Outcome::Created)
    }

    async fn cluster(
        &mut self,
        txn: &DatabaseTransaction,
        row: &ImportRow,
    ) -> DomainResult<Outcome> {
        if let Some(actor) = self.actor {
            actor
                .require_operator()
                .map_err(|_| DomainError::forbidden("only an operator may import clusters"))?;
        }
        let f = &row.fields;
        let slug = required(f, "slug")?;
        if cluster::Entity::find()
            .filter(cluster::Column::Slug.eq(slug.clone()))
            .one(txn)
            .await?
            .is_some()
        {
            return Ok(Outcome::Matched);
        }
        let coordinator = self
            .organisation_id(txn, f, "coordinatorRegistryId")
            .await?;
        let fields = ClusterFields {
            slug: Some(slug),
            name_pl: set(text(f, "namePl")?),
            name_en: set(text(f, "nameEn")?),
            acronym: set(text(f, "acronym")?),
            description_pl: set(text(f, "descriptionPl")?),
            description_en: set(text(f, "descriptionEn")?),
            voivodeship_teryt: set(text(f, "voivodeshipTeryt")?),
            city: set(text(f, "city")?),
            address: set(text(f, "address")?),
            postal_code: set(text(f, "postalCode")?),
            phone: set(text(f, "phone")?),
            email: set(text(f, "email")?),
            website: set(text(f, "website")?),
            founded_on: set(text(f, "foundedOn")?),
            status: value_of::<ClusterStatus>(f, "status", "ACTIVE, INACTIVE, DISSOLVED")?,
            coordinator_id: coordinator.map(Some),
            sector_codes: None,
            aliases: None,
            specialisations: None,
            participations: None,
            awards: None,
        };
        writes::clusters::insert(txn, self.actor, &fields).await?;
        Ok(Outcome::Created)
    }

    async fn membership(
        &mut self,
        txn: &DatabaseTransaction,
        row: &ImportRow,
    ) -> DomainResult<Outcome> {
        let f = &row.fields;
        let slug = required(f, "clusterSlug")?;
        let found = crate::services::clusters::by_slug(txn, &slug)
            .await
            .map_err(|error| match error {
                DomainError::NotFound { .. } => DomainError::invalid(
                    "clusterSlug",
                    FieldErrorCode::NotFound,
                    format!("no cluster has the slug '{slug}'"),
                ),
                other => other,
            })?;
        if let Some(actor) = self.actor {
            actor.require_coordinator(found.id).map_err(|_| {
                DomainError::forbidden(format!(
                    "only the coordinators of '{slug}' or an operator may import its members"
                ))
            })?;
        }
        let organisation_id = self
            .organisation_id(txn, f, "organisationRegistryId")
            .await?
            .ok_or_else(|| {
                DomainError::invalid(
                    "organisationRegistryId",
                    FieldErrorCode::Required,
                    "must be given",
                )
            })?;
        let role = value_of::<MembershipRole>(f, "role", "COORDINATOR, MEMBER, STRATEGIC_PARTNER")?
            .unwrap_or(MembershipRole::Member);
        let status = value_of::<MembershipStatus>(f, "status", "ACTIVE, LEFT")?
            .unwrap_or(MembershipStatus::Active);
        if !matches!(status, MembershipStatus::Active | MembershipStatus::Left) {
            return Err(DomainError::invalid(
                "status",
                FieldErrorCode::NotAllowed,
                "must be ACTIVE or LEFT: applications go through applyForMembership",
            ));
        }
        let date = |name: &str| -> DomainResult<Option<String>> {
            text(f, name)?
                .map(|d| validation::partial_date(name, &d).map(|d| d.to_string()))
                .transpose()
        };
        let (joined_on, left_on) = (date("joinedOn")?, date("leftOn")?);
        if left_on.is_some() && status == MembershipStatus::Active {
            return Err(DomainError::invalid(
                "leftOn",
                FieldErrorCode::NotAllowed,
                "an ACTIVE membership has no leaving date",
            ));
        }
        self.joined.insert(organisation_id);
        if membership::Entity::find()
            .filter(membership::Column::ClusterId.eq(found.id))
            .filter(membership::Column::OrganisationId.eq(organisation_id))
            .one(txn)
            .await?
            .is_some()
        {
            return Ok(Outcome::Matched);
        }
        let organisation =
            writes::require_exists::<organisation::Entity, _>(txn, organisation_id, "organisation")
                .await?;
        let now = Utc::now();
        let created = membership::ActiveModel {
            id: NotSet,
            cluster_id: Set(found.id),
            source_document_id: Set(None),
            organisation_id: Set(organisation_id),
            member_sort_name: Set(organisation.sort_name),
            role: Set(role),
            status: Set(status),
            joined_on: Set(joined_on),
            left_on: Set(left_on),
            application_message: Set(None),
            decision_reason: Set(None),
            decided_at: Set(Some(now)),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
        audit::record(
            txn,
            self.actor,
            Change::action("IMPORT", "Membership", created.id)
                .after(&created)
                .scoped(Some(created.cluster_id), Some(created.organisation_id)),
        )
        .await?;
        Ok(Outcome::Created)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_rows_keep_their_line_and_bad_lines_are_reported() {
        let (rows, errors) = parse(
            "{\"type\":\"organisation\",\"name\":\"A\"}\n\nnot json\n{\"type\":\"person\"}\n[1]\n",
            ImportFormat::JsonLines,
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 1);
        assert_eq!(rows[0].kind, "organisation");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert_eq!(errors[1].field, "type");
    }

    #[test]
    fn csv_kind_follows_the_header_and_empty_cells_are_absent() {
        let (rows, errors) = parse(
            "clusterSlug,organisationRegistryId,role,status,joinedOn,leftOn\r\nk,7,MEMBER,,,\r\nshort\r\n",
            ImportFormat::Csv,
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].kind, "membership");
        assert_eq!(rows[0].fields.get("status"), None);
        assert_eq!(rows[0].fields["organisationRegistryId"], "7");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
    }
}
