//! Adding source documents (the domain's `writes::sources`); a KKK certification or an ESCA
//! label names one by `sourceId`, or adds one with `source`.

use super::support::payload;
use crate::context::{actor, db};
use crate::error::ApiError;
use crate::ids::{NodeKind, parse_id_of};
use crate::scalars::PartialDate;
use crate::types::reference::SourceDocument;
use async_graphql::{Context, ID, InputObject, Object, Result};
use klastry_domain::FieldErrorCode;
use klastry_domain::writes::sources::{self, NewSource, SourceChoice};

payload!(SourceDocumentPayload, source: SourceDocument, "A source document after it was added.");

/// A document to add: what a reader needs to find it again and judge it.
#[derive(InputObject, Clone)]
pub struct NewSourceDocumentInput {
    /// What the document is, at most 500 characters.
    pub title: String,
    /// Who published it, at most 300 characters.
    pub publisher: String,
    /// When it was published, to the precision it states; leave it out when it states no date
    /// rather than guessing one.
    pub published_on: Option<PartialDate>,
    /// Where it can be read: an http or https address (INVALID_FORMAT otherwise).
    pub url: String,
    /// Its language as a two-letter code (`pl`, `en`).
    pub language: String,
}

impl NewSourceDocumentInput {
    fn into_domain(self) -> NewSource {
        NewSource {
            title: self.title,
            publisher: self.publisher,
            published_on: self.published_on.map(|d| d.0.to_string()),
            url: self.url,
            language: self.language,
        }
    }
}

/// The source a status record names from its input's `sourceId` and `source`: one of them is
/// required (the domain refuses neither in `userErrors`, naming `sourceId`), and both at once
/// are BAD_USER_INPUT, MUTUALLY_EXCLUSIVE.
pub(crate) fn source_choice(
    source_id: Option<ID>,
    source: Option<NewSourceDocumentInput>,
) -> Result<Option<SourceChoice>, ApiError> {
    match (source_id, source) {
        (Some(_), Some(_)) => Err(ApiError::bad_input(
            "source",
            FieldErrorCode::MutuallyExclusive,
            "name a document the registry holds (`sourceId`) or add one (`source`), not both",
        )),
        (Some(id), None) => Ok(Some(SourceChoice::Existing(parse_id_of(
            "sourceId",
            NodeKind::SourceDocument,
            &id,
        )?))),
        (None, Some(new)) => Ok(Some(SourceChoice::New(new.into_domain()))),
        (None, None) => Ok(None),
    }
}

/// Adding source documents.
#[derive(Default)]
pub struct SourceMutations;

/// Adding source documents.
#[Object]
impl SourceMutations {
    /// Adds a document facts can be taken from (operators). Its code is given by the registry;
    /// every refused field comes back in `userErrors` at once, with nothing written.
    async fn create_source_document(
        &self,
        ctx: &Context<'_>,
        input: NewSourceDocumentInput,
    ) -> Result<SourceDocumentPayload> {
        let actor = actor(ctx)?;
        SourceDocumentPayload::from_outcome(
            sources::create(db(ctx), actor, &input.into_domain()).await,
            SourceDocument,
        )
    }
}
