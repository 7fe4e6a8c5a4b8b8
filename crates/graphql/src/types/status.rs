//! KKK rounds and certifications, ESCA labels.

use super::cluster::Cluster;
use super::enums::{CertificationStatus, EscaLevel};
use super::organisation::{Organisation, source_document};
use super::reference::SourceDocument;
use super::today;
use super::{cluster_by_id, organisation_by_id};
use crate::context::loaders;
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id};
use crate::scalars::{Date, PartialDate};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use klastry_domain::reads::status_records::{esca_bounds, kkk_bounds};
use klastry_domain::rules::status::StatusBounds;
use klastry_entity::{esca_label, kkk_certification, kkk_round};

/// The period a status is certainly held, and the widest it can have been, derived from the
/// sources' dates and the programme's rules (KKK: 3 years; ESCA bronze and silver: 2 years).
#[derive(SimpleObject)]
pub struct ValidityBounds {
    /// Certainly held from this day.
    pub held_from: Option<Date>,
    /// Certainly held until this day.
    pub held_until: Option<Date>,
    /// Cannot have started before this day.
    pub earliest_start: Option<Date>,
    /// Cannot have lasted beyond this day.
    pub latest_end: Option<Date>,
}

impl From<StatusBounds> for ValidityBounds {
    fn from(b: StatusBounds) -> Self {
        Self {
            held_from: b.held_from.map(Date),
            held_until: b.held_until.map(Date),
            earliest_start: b.earliest_start.map(Date),
            latest_end: b.latest_end.map(Date),
        }
    }
}

/// A round of the Key National Cluster (Krajowy Klaster Kluczowy) competition.
pub struct KkkRound(pub kkk_round::Model);

/// A round of the Key National Cluster (Krajowy Klaster Kluczowy) competition.
#[Object]
impl KkkRound {
    /// Round number, 1 for round I.
    async fn number(&self) -> i32 {
        self.0.number
    }
    /// Roman numeral, as rounds are named.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// When the call opened.
    async fn call_opened_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.call_opened_on.as_deref())
    }
    /// When results were announced or certificates handed over.
    async fn announced_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.announced_on.as_deref())
    }
    /// Until when the round's statuses are valid.
    async fn valid_until(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.valid_until.as_deref())
    }
    /// How many clusters the round was announced to have certified.
    async fn announced_cluster_count(&self) -> Option<i32> {
        self.0.announced_cluster_count
    }
    /// What public sources say about the round.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// The registry's certifications from this round.
    async fn certifications(&self, ctx: &Context<'_>) -> Result<Vec<KkkCertification>> {
        let rows = loaders(ctx)
            .kkk_by_round
            .load_one(self.0.number)
            .await
            .or_api()?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(KkkCertification)
            .collect())
    }
}

/// A cluster's Key National Cluster (KKK) certification.
pub struct KkkCertification(pub kkk_certification::Model);

/// A cluster's Key National Cluster (KKK) certification.
#[Object]
impl KkkCertification {
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::KkkCertification, self.0.id)
    }
    /// The certified cluster.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        cluster_by_id(ctx, self.0.cluster_id).await
    }
    /// The competition round, when the sources say.
    async fn round(&self, ctx: &Context<'_>) -> Result<Option<KkkRound>> {
        let Some(number) = self.0.round_number else {
            return Ok(None);
        };
        Ok(loaders(ctx)
            .kkk_rounds
            .load_one(number)
            .await
            .or_api()?
            .map(KkkRound))
    }
    /// The organisation that represents the cluster in this certification.
    async fn representative(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        organisation_by_id(ctx, self.0.representative_id).await
    }
    /// 0 for a first award, n for the n-th renewal, when the sources say.
    async fn renewal(&self) -> Option<i32> {
        self.0.renewal
    }
    /// Award date, with the precision the source gives.
    async fn awarded_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.awarded_on.as_deref())
    }
    /// Valid-until date as the source states it.
    async fn valid_until(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.valid_until.as_deref())
    }
    /// A day on which the source confirms the status was held.
    async fn confirmed_on(&self) -> Option<Date> {
        self.0.confirmed_on.map(Date)
    }
    /// Whether the source says the status has been held since `awardedOn`, continuously
    /// (e.g. "a Key National Cluster from 2016"). Such a record is certainly held from the
    /// award's last day until the day before the certain start of the cluster's next record of
    /// this kind (the earliest one starting later), and ends then; with no such next record it
    /// is certainly held as its own dates say (its award period, up to the day a source
    /// confirmed it), and after that its status is UNKNOWN: it does not lapse by the term rule.
    /// `validity` gives the bounds so derived.
    async fn held_since(&self) -> bool {
        self.0.held_since
    }
    /// What the dates allow one to say for certain.
    async fn validity(&self) -> ValidityBounds {
        kkk_bounds(&self.0).into()
    }
    /// This record's status on a day (today when not given), computed from its dates: ACTIVE,
    /// EXPIRED, UNKNOWN, or NOT_YET_VALID before this record's own period begins (which says
    /// nothing of earlier records; the cluster's status is `Cluster.kkkStatus`/`escaStatus`).
    async fn status(&self, on: Option<Date>) -> CertificationStatus {
        kkk_bounds(&self.0)
            .on(on.map_or_else(today, |d| d.0))
            .into()
    }
    /// How the record was read from its source.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// The document the record was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// A cluster's ESCA cluster-management excellence label.
pub struct EscaLabel(pub esca_label::Model);

/// A cluster's ESCA cluster-management excellence label.
#[Object]
impl EscaLabel {
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::EscaLabel, self.0.id)
    }
    /// The labelled cluster.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        cluster_by_id(ctx, self.0.cluster_id).await
    }
    /// Bronze, silver or gold, as the European Secretariat for Cluster Analysis awarded it.
    async fn level(&self) -> EscaLevel {
        self.0.level.into()
    }
    /// Award (benchmarking or assessment) date, with the precision the source gives.
    async fn awarded_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.awarded_on.as_deref())
    }
    /// Valid-until date as the source states it.
    async fn valid_until(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.valid_until.as_deref())
    }
    /// A day on which the source confirms the label was held.
    async fn confirmed_on(&self) -> Option<Date> {
        self.0.confirmed_on.map(Date)
    }
    /// Whether the source says the status has been held since `awardedOn`, continuously
    /// (e.g. "a Key National Cluster from 2016"). Such a record is certainly held from the
    /// award's last day until the day before the certain start of the cluster's next record of
    /// this kind (the earliest one starting later), and ends then; with no such next record it
    /// is certainly held as its own dates say (its award period, up to the day a source
    /// confirmed it), and after that its status is UNKNOWN: it does not lapse by the term rule.
    /// `validity` gives the bounds so derived.
    async fn held_since(&self) -> bool {
        self.0.held_since
    }
    /// What the dates allow one to say for certain.
    async fn validity(&self) -> ValidityBounds {
        esca_bounds(&self.0).into()
    }
    /// This record's status on a day (today when not given), computed from its dates: ACTIVE,
    /// EXPIRED, UNKNOWN, or NOT_YET_VALID before this record's own period begins (which says
    /// nothing of earlier records; the cluster's status is `Cluster.kkkStatus`/`escaStatus`).
    async fn status(&self, on: Option<Date>) -> CertificationStatus {
        esca_bounds(&self.0)
            .on(on.map_or_else(today, |d| d.0))
            .into()
    }
    /// How the record was read from its source.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// The document the record was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// Totals of an ESCA label list.
pub struct EscaLabelTotals {
    /// How many labels match, on all pages.
    pub total_count: u64,
}

/// Totals of an ESCA label list.
#[Object]
impl EscaLabelTotals {
    /// How many labels match, on all pages.
    async fn total_count(&self) -> u64 {
        self.total_count
    }
}
