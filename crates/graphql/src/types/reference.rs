//! Reference objects: voivodeships, sectors, source documents.

use super::enums::{VOIVODESHIPS, VoivodeshipCode};
use crate::ids::{NodeKind, global_id};
use crate::paging::filter_totals;
use crate::scalars::PartialDate;
use async_graphql::{ID, Object, SimpleObject};
use klastry_entity::{sector, source_document};

/// A voivodeship (województwo).
#[derive(SimpleObject, Clone, Debug)]
pub struct Voivodeship {
    /// The enum value clients filter by.
    pub code: VoivodeshipCode,
    /// Two-digit TERYT code.
    pub teryt: String,
    /// Polish name.
    pub name: String,
    /// ISO 3166-2 code.
    pub iso_code: String,
}

impl Voivodeship {
    /// The voivodeship with this TERYT code.
    pub fn from_teryt(teryt: &str) -> Option<Self> {
        VOIVODESHIPS
            .iter()
            .find(|v| v.1 == teryt)
            .map(|(code, teryt, name, iso)| Self {
                code: *code,
                teryt: (*teryt).into(),
                name: (*name).into(),
                iso_code: (*iso).into(),
            })
    }

    /// All sixteen.
    pub fn all() -> Vec<Self> {
        VOIVODESHIPS
            .iter()
            .filter_map(|v| Self::from_teryt(v.1))
            .collect()
    }
}

/// A sector of the taxonomy (the EU's industrial ecosystems).
pub struct Sector(pub sector::Model);

/// A sector of the taxonomy (the EU's industrial ecosystems).
#[Object]
impl Sector {
    /// Stable code used in filters, e.g. `aerospace-defence`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Polish name.
    async fn name_pl(&self) -> &str {
        &self.0.name_pl
    }
    /// English name.
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }
}

/// A document facts in the registry were taken from.
pub struct SourceDocument(pub source_document::Model);

/// A document facts in the registry were taken from: every KKK certification and ESCA label
/// names one, and so may any other fact.
#[Object]
impl SourceDocument {
    /// Global ID, for `node(id:)` and for naming the document as a record's `sourceId`.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::SourceDocument, self.0.id)
    }
    /// Short code, e.g. `004`: the demo registry's notes cite documents by it.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// File name of the registry's copy of the document; null when it keeps none (documents
    /// added through the API are found by their `url`).
    async fn file(&self) -> Option<&str> {
        Some(self.0.file.as_str()).filter(|f| !f.is_empty())
    }
    /// What the document is.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Who published it; null when the document does not say.
    async fn publisher(&self) -> Option<&str> {
        self.0.publisher.as_deref()
    }
    /// When it was published, to the precision it states (`2017`, `2023-01`, a day); null when
    /// it states no date.
    async fn published_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.published_on.as_deref())
    }
    /// Where it can be read; null when the registry knows no address.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    /// Language of the document as a two-letter code (`pl`, `en`).
    async fn language(&self) -> &str {
        &self.0.language
    }
}

filter_totals! {
    /// Totals of a list of source documents.
    pub struct SourceTotals(klastry_domain::reads::sources::SourceFilter) => klastry_domain::reads::sources::count;
    /// How many documents match, on all pages.
    total_count;
}
