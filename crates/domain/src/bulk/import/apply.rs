//! Applying checked rows, in three steps: every row's checks that need no database
//! (`plan`); what the registry already holds of the records the rows name, read in batches
//! (`lookup`); then each row in order, matched against that (an organisation by its
//! identifiers, a cluster by slug, a membership by both) and, when new, written in batches by
//! multi-row INSERTs with the journal the API's mutations write. Clusters, few in any import,
//! are written one at a time through the API's own path.

use super::lookup::Known;
use super::parse::{number, required, set, text, value_of};
use super::plan::{Identifier, MembershipPlan, OrganisationPlan, Plan, Terms, plan};
use super::{ImportQuota, ImportReport, ImportRow, MAX_ROWS, RowError};
use crate::db::{bulk, transaction};
use crate::platform::audit;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::writes::{self, clusters::ClusterFields, membership_periods};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{ClusterStatus, membership, organisation};
use sea_orm::{DatabaseConnection, DatabaseTransaction, NotSet, Set};
use std::collections::{HashMap, HashSet};

/// Rows decided before they are written: bounds the memory the writes waiting hold.
const ROWS_PER_FLUSH: usize = 1_000;

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
    // The checks that need no database, for every row, before anything is read.
    let plans: Vec<DomainResult<Plan>> = rows.iter().map(plan).collect();
    let txn = transaction::begin(db).await?;
    let known = Known::load(&txn, &rows, &plans).await?;
    let mut importer = Importer {
        actor,
        known,
        registry_ids: HashMap::new(),
        refused_ids: HashMap::new(),
        new_organisations: Vec::new(),
        new_identifiers: HashMap::new(),
        new_names: HashMap::new(),
        memberships: HashSet::new(),
        created_organisations: Vec::new(),
        joined: HashSet::new(),
        pending: Vec::new(),
        refused: Vec::new(),
    };
    let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(rows.len());
    for (index, (row, plan)) in rows.iter().zip(plans).enumerate() {
        let outcome = match plan {
            Ok(plan) => importer.apply(&txn, index, row, plan).await,
            Err(error) => Err(error),
        };
        match outcome {
            Ok(outcome) => {
                outcomes.push(Some(outcome));
                // Written in batches as the rows go, so that memory stays bounded.
                if importer.pending.len() >= ROWS_PER_FLUSH {
                    importer.flush(&txn).await?;
                }
            }
            Err(error) => {
                outcomes.push(None);
                importer.refuse(row, error, &mut errors)?;
            }
        }
    }
    importer.flush(&txn).await?;
    for (index, error) in std::mem::take(&mut importer.refused) {
        outcomes[index] = None;
        importer.refuse(&rows[index], error, &mut errors)?;
    }
    for (row, outcome) in rows.iter().zip(outcomes) {
        let counts = match outcome {
            Some(Outcome::Created) => &mut report.created,
            Some(Outcome::Matched) => &mut report.matched,
            None => continue,
        };
        match row.kind {
            "organisation" => counts.organisations += 1,
            "cluster" => counts.clusters += 1,
            _ => counts.memberships += 1,
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

#[derive(Debug, Clone, Copy)]
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

/// An organisation a row names: one registered, or the n-th this import creates (written when
/// the rows pending are flushed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum OrgRef {
    Registered(i32),
    New(usize),
}

/// An organisation this import creates.
struct NewOrganisation {
    sort_name: String,
    /// Its id, once written.
    id: Option<i32>,
}

/// A write decided and not yet made: rows are written in batches, in their order.
enum Pending {
    Organisation {
        index: usize,
        new: usize,
        row: Box<organisation::ActiveModel>,
    },
    Membership {
        index: usize,
        cluster_id: i32,
        organisation: OrgRef,
        registry_id: i32,
        terms: Terms,
    },
}

impl Pending {
    fn index(&self) -> usize {
        match self {
            Pending::Organisation { index, .. } | Pending::Membership { index, .. } => *index,
        }
    }
}

struct Importer<'a> {
    actor: Option<&'a Actor>,
    /// What the registry held when the import began.
    known: Known,
    /// The input's registryId of each organisation read so far.
    registry_ids: HashMap<i32, OrgRef>,
    /// The input's registryId of each organisation refused so far, to its line.
    refused_ids: HashMap<i32, usize>,
    /// The organisations this import creates, in order.
    new_organisations: Vec<NewOrganisation>,
    /// Their identifiers and names, for the rows after them to match.
    new_identifiers: HashMap<(Identifier, String), OrgRef>,
    new_names: HashMap<String, OrgRef>,
    /// Memberships this import creates: cluster and organisation.
    memberships: HashSet<(i32, OrgRef)>,
    /// Organisations created: input, line, organisation, name.
    created_organisations: Vec<(usize, usize, OrgRef, String)>,
    /// Organisations given a membership by this import.
    joined: HashSet<OrgRef>,
    /// Writes decided and not yet made.
    pending: Vec<Pending>,
    /// Rows whose writes failed in the database (another writer took a key meanwhile).
    refused: Vec<(usize, DomainError)>,
}

impl Importer<'_> {
    /// Records why `row` was refused; a failure that is not the row's own ends the import.
    fn refuse(
        &mut self,
        row: &ImportRow,
        error: DomainError,
        errors: &mut Vec<RowError>,
    ) -> DomainResult<()> {
        if row.kind == "organisation"
            && let Ok(Some(id)) = number(&row.fields, "registryId")
        {
            self.refused_ids.insert(id, row.line);
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
            DomainError::Forbidden(message) | DomainError::Conflict(message) => errors.push(
                refused(FieldError::new("", FieldErrorCode::NotAllowed, message)),
            ),
            DomainError::NotFound { entity, key } => errors.push(refused(FieldError::new(
                "",
                FieldErrorCode::NotFound,
                format!("no {entity} with {key}"),
            ))),
            other => return Err(other),
        }
        Ok(())
    }

    async fn apply(
        &mut self,
        txn: &DatabaseTransaction,
        index: usize,
        row: &ImportRow,
        plan: Plan,
    ) -> DomainResult<Outcome> {
        match plan {
            Plan::Organisation(plan) => self.organisation(index, row, *plan),
            Plan::Cluster => self.cluster(txn, row).await,
            Plan::Membership(plan) => self.membership(index, *plan),
        }
    }

    /// The organisation a row's `field` names (`id`): one read earlier in the import, or one
    /// already in the registry.
    fn organisation_ref(&self, id: Option<i32>, field: &str) -> DomainResult<Option<OrgRef>> {
        let Some(id) = id else {
            return Ok(None);
        };
        if let Some(found) = self.registry_ids.get(&id) {
            return Ok(Some(*found));
        }
        if let Some(line) = self.refused_ids.get(&id) {
            return Err(DomainError::invalid(
                field,
                FieldErrorCode::NotAllowed,
                format!("organisation {id} was refused at line {line}"),
            ));
        }
        match self.known.by_id.get(&id) {
            Some(found) => Ok(Some(OrgRef::Registered(found.id))),
            None => Err(DomainError::invalid(
                field,
                FieldErrorCode::NotFound,
                format!("no organisation {id} earlier in the import or in the registry"),
            )),
        }
    }

    fn organisation(
        &mut self,
        index: usize,
        row: &ImportRow,
        plan: OrganisationPlan,
    ) -> DomainResult<Outcome> {
        // The registered organisation the row is: one with any of its identifiers or, when it
        // has none, one with its name (so that importing a file twice does not register it
        // twice); the organisations created earlier in this import count as registered.
        let mut found = None;
        let identified = !plan.identifiers.is_empty();
        for (identifier, value) in plan.identifiers {
            let key = (identifier, value?);
            found = self
                .known
                .by_identifier
                .get(&key)
                .map(|o| OrgRef::Registered(o.id))
                .or_else(|| self.new_identifiers.get(&key).copied());
            if found.is_some() {
                break;
            }
        }
        if !identified {
            found = self
                .known
                .by_name
                .get(&plan.name)
                .map(|o| OrgRef::Registered(o.id))
                .or_else(|| self.new_names.get(&plan.name).copied());
        }
        if let Some(found) = found {
            if let Some(id) = plan.registry_id {
                self.registry_ids.insert(id, found);
            }
            return Ok(Outcome::Matched);
        }
        // No other organisation holds its identifiers: any would have been matched above.
        let new_row = plan.row?;
        let new = self.new_organisations.len();
        let reference = OrgRef::New(new);
        let name = new_row.name.clone().unwrap();
        for (identifier, value) in [
            (Identifier::Nip, new_row.nip.clone().unwrap()),
            (Identifier::Regon, new_row.regon.clone().unwrap()),
            (Identifier::Krs, new_row.krs.clone().unwrap()),
        ] {
            if let Some(value) = value {
                self.new_identifiers
                    .entry((identifier, value))
                    .or_insert(reference);
            }
        }
        self.new_names.entry(name.clone()).or_insert(reference);
        self.new_organisations.push(NewOrganisation {
            sort_name: new_row.sort_name.clone().unwrap(),
            id: None,
        });
        if let Some(id) = plan.registry_id {
            self.registry_ids.insert(id, reference);
        }
        self.created_organisations
            .push((row.source, row.line, reference, name));
        self.pending.push(Pending::Organisation {
            index,
            new,
            row: Box::new(new_row),
        });
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
        if self.known.clusters.contains_key(&slug) {
            return Ok(Outcome::Matched);
        }
        let coordinator = number(f, "coordinatorRegistryId")?;
        let coordinator = self.organisation_ref(coordinator, "coordinatorRegistryId")?;
        // The rows before it are written first: its coordinator may be one of them, and the
        // events keep the rows' order.
        self.flush(txn).await?;
        let coordinator_id = match coordinator {
            None => None,
            Some(OrgRef::Registered(id)) => Some(id),
            Some(OrgRef::New(new)) => Some(
                self.new_organisations[new]
                    .id
                    .ok_or_else(|| unwritten("coordinatorRegistryId"))?,
            ),
        };
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
            coordinator_id: coordinator_id.map(Some),
            sector_codes: None,
            aliases: None,
            specialisations: None,
            participations: None,
            awards: None,
        };
        // A cluster is written by the API's own path, which can fail in the database: in a
        // savepoint.
        let savepoint = transaction::begin(txn).await?;
        match writes::clusters::insert(&savepoint, self.actor, &fields).await {
            Ok(created) => {
                savepoint.commit().await?;
                self.known.clusters.insert(created.slug, created.id);
                Ok(Outcome::Created)
            }
            Err(error) => {
                savepoint.rollback().await?;
                Err(error)
            }
        }
    }

    fn membership(&mut self, index: usize, plan: MembershipPlan) -> DomainResult<Outcome> {
        let slug = plan.slug?;
        let Some(&cluster_id) = self.known.clusters.get(&slug) else {
            return Err(DomainError::invalid(
                "clusterSlug",
                FieldErrorCode::NotFound,
                format!("no cluster has the slug '{slug}'"),
            ));
        };
        if let Some(actor) = self.actor {
            actor.require_coordinator(cluster_id).map_err(|_| {
                DomainError::forbidden(format!(
                    "only the coordinators of '{slug}' or an operator may import its members"
                ))
            })?;
        }
        let registry_id = plan.organisation?;
        let organisation = self
            .organisation_ref(registry_id, "organisationRegistryId")?
            .ok_or_else(|| {
                DomainError::invalid(
                    "organisationRegistryId",
                    FieldErrorCode::Required,
                    "must be given",
                )
            })?;
        let terms = plan.terms?;
        self.joined.insert(organisation);
        let held = match organisation {
            OrgRef::Registered(id) => self.known.memberships.contains(&(cluster_id, id)),
            OrgRef::New(_) => false,
        };
        if held || !self.memberships.insert((cluster_id, organisation)) {
            return Ok(Outcome::Matched);
        }
        self.pending.push(Pending::Membership {
            index,
            cluster_id,
            organisation,
            registry_id: registry_id.unwrap_or_default(),
            terms,
        });
        Ok(Outcome::Created)
    }

    /// Writes the pending rows: organisations, then memberships with their periods, then the
    /// journal of them all in the rows' order, each kind by multi-row INSERTs. Nothing but a
    /// concurrent writer can make them fail in the database (every identifier, slug and
    /// membership was matched inside this transaction), so they run in one savepoint; if that
    /// fails for a row's sake, they are written again one row at a time, each in its own, to
    /// tell which rows fail (kept in `refused`).
    async fn flush(&mut self, txn: &DatabaseTransaction) -> DomainResult<()> {
        let pending = std::mem::take(&mut self.pending);
        if pending.is_empty() {
            return Ok(());
        }
        let savepoint = transaction::begin(txn).await?;
        match self.write(&savepoint, &pending).await {
            Ok(()) => {
                savepoint.commit().await?;
                return Ok(());
            }
            Err(error) if !is_a_rows_fault(&error) => return Err(error),
            Err(_) => savepoint.rollback().await?,
        }
        for item in &pending {
            if let Pending::Organisation { new, .. } = item {
                self.new_organisations[*new].id = None;
            }
        }
        for item in pending {
            let index = item.index();
            if let Pending::Membership {
                organisation: OrgRef::New(new),
                registry_id,
                ..
            } = &item
                && self.new_organisations[*new].id.is_none()
            {
                self.refused.push((
                    index,
                    DomainError::invalid(
                        "organisationRegistryId",
                        FieldErrorCode::NotAllowed,
                        format!("organisation {registry_id} could not be written"),
                    ),
                ));
                continue;
            }
            let savepoint = transaction::begin(txn).await?;
            match self.write(&savepoint, std::slice::from_ref(&item)).await {
                Ok(()) => savepoint.commit().await?,
                Err(error) if is_a_rows_fault(&error) => {
                    savepoint.rollback().await?;
                    if let Pending::Organisation { new, .. } = &item {
                        self.new_organisations[*new].id = None;
                    }
                    self.refused.push((index, error));
                }
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    async fn write(&mut self, txn: &DatabaseTransaction, pending: &[Pending]) -> DomainResult<()> {
        let mut changes: Vec<(usize, Change)> = Vec::with_capacity(pending.len());
        let (mut organisations, mut places) = (Vec::new(), Vec::new());
        for item in pending {
            if let Pending::Organisation { index, new, row } = item {
                organisations.push((**row).clone());
                places.push((*index, *new));
            }
        }
        let written = bulk::insert_returning(txn, organisations, |o| o.id).await?;
        for ((index, new), created) in places.into_iter().zip(written) {
            self.new_organisations[new].id = Some(created.id);
            changes.push((
                index,
                Change::created("Organisation", created.id, &created)
                    .scoped(None, Some(created.id)),
            ));
        }
        let now = Utc::now();
        let mut memberships = Vec::new();
        let mut places = Vec::new();
        for item in pending {
            let Pending::Membership {
                index,
                cluster_id,
                organisation,
                terms,
                ..
            } = item
            else {
                continue;
            };
            let (organisation_id, sort_name) = match organisation {
                OrgRef::Registered(id) => (Some(*id), self.known.sort_names.get(id).cloned()),
                OrgRef::New(new) => {
                    let new = &self.new_organisations[*new];
                    (new.id, Some(new.sort_name.clone()))
                }
            };
            let (Some(organisation_id), Some(sort_name)) = (organisation_id, sort_name) else {
                return Err(unwritten("organisationRegistryId"));
            };
            memberships.push(membership::ActiveModel {
                id: NotSet,
                cluster_id: Set(*cluster_id),
                source_document_id: Set(None),
                organisation_id: Set(organisation_id),
                member_sort_name: Set(sort_name),
                role: Set(terms.role),
                status: Set(terms.status),
                joined_on: Set(terms.joined_on.clone()),
                left_on: Set(terms.left_on.clone()),
                application_message: Set(None),
                decision_reason: Set(None),
                decided_at: Set(Some(now)),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            });
            places.push(*index);
        }
        let written = bulk::insert_returning(txn, memberships, |m| m.id).await?;
        // Each membership's one period: open when ACTIVE, over when LEFT on a known date.
        let periods = written
            .iter()
            .map(|m| membership_periods::new_period(m, m.joined_on.clone(), m.left_on.clone()))
            .collect();
        bulk::insert_all(txn, periods).await?;
        for (index, created) in places.into_iter().zip(written) {
            changes.push((
                index,
                Change::action("IMPORT", "Membership", created.id)
                    .after(&created)
                    .scoped(Some(created.cluster_id), Some(created.organisation_id)),
            ));
        }
        changes.sort_by_key(|(index, _)| *index);
        journal::record_many(
            txn,
            self.actor,
            changes.into_iter().map(|(_, c)| c).collect(),
        )
        .await
    }
}

/// Whether a failure in the database is a row's own (a key another writer took meanwhile), not
/// the database's.
fn is_a_rows_fault(error: &DomainError) -> bool {
    matches!(
        error,
        DomainError::Invalid(_)
            | DomainError::Rejected(_)
            | DomainError::Conflict(_)
            | DomainError::NotFound { .. }
    )
}

fn unwritten(field: &str) -> DomainError {
    DomainError::invalid(
        field,
        FieldErrorCode::NotAllowed,
        "an organisation it depends on could not be written",
    )
}
