//! Applying checked rows: each in its own savepoint, matched against what the registry holds
//! (an organisation by its identifiers, a cluster by slug, a membership by both), and created
//! through the same writes as the API's mutations.

use super::parse::{number, required, set, text, value_of};
use super::{ImportQuota, ImportReport, ImportRow, MAX_ROWS, RowError};
use crate::db::transaction;
use crate::db::versioned;
use crate::platform::audit;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::validation;
use crate::writes::{self, clusters::ClusterFields, organisations::OrganisationFields};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{
    ClusterStatus, MembershipRole, MembershipStatus, OrganisationKind, cluster, membership,
    organisation,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, NotSet, QueryFilter, Set,
};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

pub(super) async fn apply(
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
    let txn = transaction::begin(db).await?;
    let mut importer = Importer {
        actor,
        registry_ids: HashMap::new(),
        refused_ids: HashMap::new(),
        created_organisations: Vec::new(),
        joined: HashSet::new(),
    };
    for row in &rows {
        let savepoint = transaction::begin(&txn).await?;
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
            strategy_from: None,
            strategy_to: None,
            status: value_of::<ClusterStatus>(f, "status", "ACTIVE, INACTIVE, DISSOLVED, UNKNOWN")?,
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
        let found =
            crate::reads::clusters::by_slug(txn, &slug)
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
        let organisation = versioned::require_exists::<organisation::Entity, _>(
            txn,
            organisation_id,
            "organisation",
        )
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
        // The membership's one period: open when ACTIVE, over when LEFT on a known date.
        crate::writes::membership_periods::open(txn, &created).await?;
        journal::record(
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
