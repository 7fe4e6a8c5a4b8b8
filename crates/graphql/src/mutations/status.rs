//! Recording KKK certifications and ESCA labels (operators).

use super::sources::{NewSourceDocumentInput, source_choice};
use super::support::{DeletePayload, patch, payload, text};
use crate::context::{actor, db};
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id, parse_id_of};
use crate::scalars::{Date, PartialDate};
use crate::types::enums::EscaLevel;
use crate::types::status::{EscaLabel, KkkCertification};
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};
use klastry_domain::writes::status_records::{self, KkkFields, StatusFields};

payload!(KkkCertificationPayload, certification: KkkCertification, "A KKK certification after a change.");
payload!(EscaLabelPayload, label: EscaLabel, "An ESCA label after a change.");

/// The stated facts of a status and the document they are taken from. On update, a date or
/// note left out stays as it is; the source is required on every record and every correction.
#[derive(InputObject, Default)]
pub struct StatusFieldsInput {
    /// The document this record or correction is taken from, if the registry holds it (see
    /// `sources`). One of `sourceId` and `source` is required: without either, `userErrors`
    /// names `sourceId` (REQUIRED); with both, BAD_USER_INPUT (MUTUALLY_EXCLUSIVE).
    pub source_id: Option<ID>,
    /// A document to add as this record's source, in the same step.
    pub source: Option<NewSourceDocumentInput>,
    /// Award date; required for a new record (a year is enough).
    pub awarded_on: MaybeUndefined<PartialDate>,
    /// Last day of validity; derived from the programme's term when not given.
    pub valid_until: MaybeUndefined<PartialDate>,
    /// Day a source confirmed the status.
    pub confirmed_on: MaybeUndefined<Date>,
    /// Free-text remarks kept with the record (operators read them); null clears them.
    pub note: MaybeUndefined<String>,
    /// Whether the source says the status has been held since `awardedOn`, continuously (e.g.
    /// "a Key National Cluster from 2016"): then it runs until the cluster's next record of
    /// this kind begins and does not lapse by the term rule (see `KkkCertification.heldSince`).
    /// False when a new record leaves it out; on update, left out or null keeps it.
    pub held_since: Option<bool>,
}

impl StatusFieldsInput {
    fn into_domain(self) -> Result<StatusFields> {
        Ok(StatusFields {
            source: source_choice(self.source_id, self.source).or_api()?,
            awarded_on: patch(self.awarded_on, |d| d.0.to_string()),
            valid_until: patch(self.valid_until, |d| d.0.to_string()),
            confirmed_on: patch(self.confirmed_on, |d| d.0),
            note: text(self.note),
            held_since: self.held_since,
        })
    }
}

/// A KKK certification's facts.
#[derive(InputObject, Default)]
pub struct KkkFieldsInput {
    /// The competition round (I–VI as 1–6).
    pub round_number: MaybeUndefined<i32>,
    /// The organisation that represents the cluster.
    pub representative_id: MaybeUndefined<ID>,
    /// Which renewal this is (1 for the first renewal).
    pub renewal: MaybeUndefined<i32>,
    /// Dates and remarks.
    #[graphql(flatten)]
    pub status: StatusFieldsInput,
}

impl KkkFieldsInput {
    fn into_domain(self) -> Result<KkkFields> {
        let representative_id = match self.representative_id {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(id) => Some(Some(
                parse_id_of("representativeId", NodeKind::Organisation, &id).or_api()?,
            )),
        };
        Ok(KkkFields {
            status: self.status.into_domain()?,
            round_number: patch(self.round_number, |v| v),
            representative_id,
            renewal: patch(self.renewal, |v| v),
        })
    }
}

/// A new KKK certification (a first award or a renewal).
#[derive(InputObject)]
pub struct RecordKkkCertificationInput {
    /// The global ID of the cluster it belongs to.
    pub cluster_id: ID,
    /// Its facts; `awardedOn` is required.
    #[graphql(flatten)]
    pub fields: KkkFieldsInput,
}

/// A correction of a KKK certification.
#[derive(InputObject)]
pub struct UpdateKkkCertificationInput {
    /// The certification.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and nothing is written.
    pub version: i32,
    /// The facts to change.
    #[graphql(flatten)]
    pub fields: KkkFieldsInput,
}

/// A new ESCA label.
#[derive(InputObject)]
pub struct RecordEscaLabelInput {
    /// The global ID of the cluster it belongs to.
    pub cluster_id: ID,
    /// Bronze, silver or gold.
    pub level: EscaLevel,
    /// Its facts; `awardedOn` is required.
    #[graphql(flatten)]
    pub fields: StatusFieldsInput,
}

/// A correction of an ESCA label.
#[derive(InputObject)]
pub struct UpdateEscaLabelInput {
    /// The global ID of the ESCA label to correct.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and nothing is written.
    pub version: i32,
    /// Bronze, silver or gold.
    pub level: Option<EscaLevel>,
    /// The facts to change.
    #[graphql(flatten)]
    pub fields: StatusFieldsInput,
}

/// Deleting a status record entered in error.
#[derive(InputObject)]
pub struct DeleteStatusInput {
    /// The global ID of the KKK certification or ESCA label to change.
    pub id: ID,
    /// The version the deletion is based on.
    pub version: i32,
}

/// Recording KKK certifications and ESCA labels (operators).
#[derive(Default)]
pub struct StatusMutations;

/// Recording KKK certifications and ESCA labels (operators).
#[Object]
impl StatusMutations {
    /// Records a KKK certification, with the document it is taken from. Refused when it would
    /// overlap another of the cluster's, or names no source.
    async fn record_kkk_certification(
        &self,
        ctx: &Context<'_>,
        input: RecordKkkCertificationInput,
    ) -> Result<KkkCertificationPayload> {
        let actor = actor(ctx)?;
        let cluster = parse_id_of("clusterId", NodeKind::Cluster, &input.cluster_id).or_api()?;
        let fields = input.fields.into_domain()?;
        KkkCertificationPayload::from_outcome(
            status_records::record_kkk(db(ctx), actor, cluster, &fields).await,
            KkkCertification,
        )
    }

    /// Corrects a KKK certification, naming the document the correction is taken from (it
    /// becomes the record's source).
    async fn update_kkk_certification(
        &self,
        ctx: &Context<'_>,
        input: UpdateKkkCertificationInput,
    ) -> Result<KkkCertificationPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("id", NodeKind::KkkCertification, &input.id).or_api()?;
        let fields = input.fields.into_domain()?;
        KkkCertificationPayload::from_outcome(
            status_records::update_kkk(db(ctx), actor, id, input.version, &fields).await,
            KkkCertification,
        )
    }

    /// Deletes a KKK certification entered in error.
    async fn delete_kkk_certification(
        &self,
        ctx: &Context<'_>,
        input: DeleteStatusInput,
    ) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("id", NodeKind::KkkCertification, &input.id).or_api()?;
        DeletePayload::from_outcome(
            status_records::delete_kkk(db(ctx), actor, id, input.version).await,
            |m| global_id(NodeKind::KkkCertification, m.id),
        )
    }

    /// Records an ESCA label, with the document it is taken from; refused when it names no
    /// source.
    async fn record_esca_label(
        &self,
        ctx: &Context<'_>,
        input: RecordEscaLabelInput,
    ) -> Result<EscaLabelPayload> {
        let actor = actor(ctx)?;
        let cluster = parse_id_of("clusterId", NodeKind::Cluster, &input.cluster_id).or_api()?;
        let result = status_records::record_esca(
            db(ctx),
            actor,
            cluster,
            input.level.into(),
            &input.fields.into_domain()?,
        )
        .await;
        EscaLabelPayload::from_outcome(result, EscaLabel)
    }

    /// Corrects an ESCA label, naming the document the correction is taken from (it becomes
    /// the record's source).
    async fn update_esca_label(
        &self,
        ctx: &Context<'_>,
        input: UpdateEscaLabelInput,
    ) -> Result<EscaLabelPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("id", NodeKind::EscaLabel, &input.id).or_api()?;
        let result = status_records::update_esca(
            db(ctx),
            actor,
            id,
            input.version,
            input.level.map(Into::into),
            &input.fields.into_domain()?,
        )
        .await;
        EscaLabelPayload::from_outcome(result, EscaLabel)
    }

    /// Deletes an ESCA label entered in error.
    async fn delete_esca_label(
        &self,
        ctx: &Context<'_>,
        input: DeleteStatusInput,
    ) -> Result<DeletePayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("id", NodeKind::EscaLabel, &input.id).or_api()?;
        DeletePayload::from_outcome(
            status_records::delete_esca(db(ctx), actor, id, input.version).await,
            |m| global_id(NodeKind::EscaLabel, m.id),
        )
    }
}
