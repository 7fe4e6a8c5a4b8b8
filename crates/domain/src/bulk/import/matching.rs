//! Matching each row against what the registry holds and what the rows before it created: an
//! organisation by its identifiers (by its name when it has none), a cluster by slug, a
//! membership by both; a new record is decided here and left pending for `writing`.

use super::lookup::Known;
use super::parse::{number, required, set, text, value_of};
use super::plan::{Identifier, MembershipPlan, OrganisationPlan, Plan, Terms};
use super::{ImportRow, RowError};
use crate::db::transaction;
use crate::rules::access::Actor;
use crate::writes::{self, clusters::ClusterFields};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use klastry_entity::{ClusterStatus, organisation};
use sea_orm::DatabaseTransaction;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy)]
pub(super) enum Outcome {
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
pub(super) enum OrgRef {
    Registered(i32),
    New(usize),
}

/// An organisation this import creates.
pub(super) struct NewOrganisation {
    pub(super) sort_name: String,
    /// Its id, once written.
    pub(super) id: Option<i32>,
}

/// A write decided and not yet made: rows are written in batches, in their order.
pub(super) enum Pending {
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
    pub(super) fn index(&self) -> usize {
        match self {
            Pending::Organisation { index, .. } | Pending::Membership { index, .. } => *index,
        }
    }
}

pub(super) struct Importer<'a> {
    pub(super) actor: Option<&'a Actor>,
    /// What the registry held when the import began.
    pub(super) known: Known,
    /// The input's registryId of each organisation read so far.
    pub(super) registry_ids: HashMap<i32, OrgRef>,
    /// The input's registryId of each organisation refused so far, to its line.
    pub(super) refused_ids: HashMap<i32, usize>,
    /// The organisations this import creates, in order.
    pub(super) new_organisations: Vec<NewOrganisation>,
    /// Their identifiers and names, for the rows after them to match.
    pub(super) new_identifiers: HashMap<(Identifier, String), OrgRef>,
    pub(super) new_names: HashMap<String, OrgRef>,
    /// Memberships this import creates: cluster and organisation.
    pub(super) memberships: HashSet<(i32, OrgRef)>,
    /// Organisations created: input, line, organisation, name.
    pub(super) created_organisations: Vec<(usize, usize, OrgRef, String)>,
    /// Organisations given a membership by this import.
    pub(super) joined: HashSet<OrgRef>,
    /// Writes decided and not yet made.
    pub(super) pending: Vec<Pending>,
    /// Rows whose writes failed in the database (another writer took a key meanwhile).
    pub(super) refused: Vec<(usize, DomainError)>,
}

impl Importer<'_> {
    /// Records why `row` was refused; a failure that is not the row's own ends the import.
    pub(super) fn refuse(
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

    pub(super) async fn apply(
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
}

pub(super) fn unwritten(field: &str) -> DomainError {
    DomainError::invalid(
        field,
        FieldErrorCode::NotAllowed,
        "an organisation it depends on could not be written",
    )
}
