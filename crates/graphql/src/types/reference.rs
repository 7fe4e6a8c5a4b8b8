//! Reference objects: voivodeships, sectors, source documents.

use super::enums::{VOIVODESHIPS, VoivodeshipCode};
use async_graphql::{Object, SimpleObject};
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

/// A document facts in the registry were taken from.
#[Object]
impl SourceDocument {
    /// Short code, e.g. `004`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// File name of the document.
    async fn file(&self) -> &str {
        &self.0.file
    }
    /// What the document is.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Language of the document.
    async fn language(&self) -> &str {
        &self.0.language
    }
}
