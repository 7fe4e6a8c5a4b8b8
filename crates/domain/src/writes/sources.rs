//! Source documents: adding one (operators), and naming the one a KKK certification or an
//! ESCA label is taken from. A status record is never written without its source, so a client
//! can always see where a status came from; the source is either a document the registry
//! already holds or one added in the same transaction as the record.

use crate::db::transaction::begin;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::text::fold;
use crate::rules::validation::{self, Checks};
use crate::{DomainError, DomainResult, FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{cluster_source, source_document};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set,
};

/// A document to add: what a reader needs to find it again and judge it.
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    /// What the document is, e.g. "Lista Krajowych Klastrów Kluczowych, runda VI".
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// When it was published, to the precision it states (partial date); `None` when it
    /// states no date.
    pub published_on: Option<String>,
    /// Where it can be read (http or https).
    pub url: String,
    /// Its language as a two-letter ISO 639-1 code (`pl`, `en`, ...).
    pub language: String,
}

/// The source a status record names: one the registry holds, or one added with the record.
#[derive(Debug, Clone)]
pub enum SourceChoice {
    /// A document already in the registry, by id.
    Existing(i32),
    /// A document added in the same step.
    New(NewSource),
}

/// The checked columns of a new document.
struct CheckedSource {
    title: String,
    publisher: String,
    published_on: Option<String>,
    url: String,
    language: String,
}

/// Checks a new document's fields, all failures at once; `prefix` names the input object the
/// fields sit in (`source.` when added with a record), so each error names its field.
fn check(new: &NewSource, prefix: &str) -> DomainResult<CheckedSource> {
    let field = |name: &str| format!("{prefix}{name}");
    let mut checks = Checks::default();
    let title = checks.check(validation::required_text(&field("title"), &new.title, 500));
    let publisher = checks.check(validation::required_text(
        &field("publisher"),
        &new.publisher,
        300,
    ));
    let published_on = match new.published_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(date) => checks
            .check(validation::partial_date(&field("publishedOn"), date))
            .map(|d| d.to_string()),
    };
    let url = if new.url.trim().is_empty() {
        checks.fail(FieldError::new(
            field("url"),
            FieldErrorCode::Required,
            "the address where the document can be read is required",
        ));
        None
    } else {
        checks.check(validation::url(&field("url"), &new.url))
    };
    let language = new.language.trim().to_ascii_lowercase();
    if !(language.len() == 2 && language.chars().all(|c| c.is_ascii_lowercase())) {
        checks.fail(FieldError::new(
            field("language"),
            FieldErrorCode::InvalidFormat,
            format!(
                "'{}' is not a two-letter language code such as pl or en",
                new.language
            ),
        ));
    }
    checks.finish()?;
    // `finish` refused every field that failed, so each checked one is here.
    Ok(CheckedSource {
        title: title.unwrap_or_default(),
        publisher: publisher.unwrap_or_default(),
        published_on,
        url: url.unwrap_or_default(),
        language,
    })
}

/// The folded text a search of the documents matches.
pub fn search_text(code: &str, title: &str, publisher: Option<&str>, url: Option<&str>) -> String {
    fold(
        &[Some(code), Some(title), publisher, url]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Inserts a checked document with the next free code: its id, zero-padded to three digits
/// like the demo's `000`–`004`, or `S` and the id if that is taken.
async fn insert<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    new: CheckedSource,
) -> DomainResult<source_document::Model> {
    let now = Utc::now();
    // A placeholder no code can equal (codes are digits or `S` and digits) until the id is known.
    let placeholder = format!("new-{}", placeholder_suffix(now));
    let inserted = source_document::ActiveModel {
        id: NotSet,
        code: Set(placeholder),
        file: Set(String::new()),
        title: Set(new.title),
        language: Set(new.language),
        publisher: Set(Some(new.publisher)),
        published_on: Set(new.published_on),
        url: Set(Some(new.url)),
        search_text: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    let padded = format!("{:03}", inserted.id);
    let taken = source_document::Entity::find()
        .filter(source_document::Column::Code.eq(padded.as_str()))
        .one(db)
        .await?
        .is_some();
    let code = if taken {
        format!("S{}", inserted.id)
    } else {
        padded
    };
    let mut row: source_document::ActiveModel = inserted.clone().into();
    row.search_text = Set(Some(search_text(
        &code,
        &inserted.title,
        inserted.publisher.as_deref(),
        inserted.url.as_deref(),
    )));
    row.code = Set(code);
    let created = row.update(db).await?;
    journal::record(
        db,
        Some(actor),
        Change::created("SourceDocument", created.id, &created),
    )
    .await?;
    Ok(created)
}

/// Nanoseconds since the epoch in hexadecimal: unique enough for a placeholder that lives only
/// inside one transaction.
fn placeholder_suffix(now: chrono::DateTime<Utc>) -> String {
    format!("{:x}", now.timestamp_nanos_opt().unwrap_or_default())
}

/// Adds a source document (operators only).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    new: &NewSource,
) -> DomainResult<source_document::Model> {
    actor.require_operator()?;
    let checked = check(new, "")?;
    let txn = begin(db).await?;
    let created = insert(&txn, actor, checked).await?;
    txn.commit().await?;
    Ok(created)
}

/// Checks a status record's source before anything is written: that one is named, and that a
/// new one is complete. `choice` is `None` when the client named none.
pub fn check_choice(choice: Option<&SourceChoice>) -> DomainResult<()> {
    match choice {
        None => Err(DomainError::invalid(
            "sourceId",
            FieldErrorCode::Required,
            "name the document this is taken from: `sourceId` for one the registry holds, or \
             `source` to add one",
        )),
        Some(SourceChoice::Existing(_)) => Ok(()),
        Some(SourceChoice::New(new)) => check(new, "source.").map(|_| ()),
    }
}

/// The id of a status record's source inside the record's transaction, adding a new document
/// first; the document is linked to the cluster as one that mentions it.
pub async fn resolve<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    cluster_id: i32,
    choice: Option<&SourceChoice>,
) -> DomainResult<i32> {
    check_choice(choice)?;
    let id = match choice {
        Some(SourceChoice::Existing(id)) => {
            if source_document::Entity::find_by_id(*id)
                .one(txn)
                .await?
                .is_none()
            {
                return Err(DomainError::invalid(
                    "sourceId",
                    FieldErrorCode::NotFound,
                    "the registry holds no such source document",
                ));
            }
            *id
        }
        Some(SourceChoice::New(new)) => insert(txn, actor, check(new, "source.")?).await?.id,
        None => return Err(DomainError::Data("an unchecked source choice".into())),
    };
    let linked = cluster_source::Entity::find()
        .filter(cluster_source::Column::ClusterId.eq(cluster_id))
        .filter(cluster_source::Column::SourceDocumentId.eq(id))
        .one(txn)
        .await?
        .is_some();
    if !linked {
        let now = Utc::now();
        cluster_source::ActiveModel {
            cluster_id: Set(cluster_id),
            source_document_id: Set(id),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> NewSource {
        NewSource {
            title: "Lista Krajowych Klastrów Kluczowych".into(),
            publisher: "Ministerstwo Rozwoju i Technologii".into(),
            published_on: Some("2023-01".into()),
            url: "https://www.gov.pl/web/rozwoj-technologia/krajowe-klastry-kluczowe".into(),
            language: "PL".into(),
        }
    }

    #[test]
    fn a_complete_document_is_accepted_with_its_date_at_its_precision() {
        let checked = check(&complete(), "").expect("complete");
        assert_eq!(checked.published_on.as_deref(), Some("2023-01"));
        assert_eq!(checked.language, "pl");
    }

    #[test]
    fn every_missing_or_malformed_field_is_named_at_once() {
        let new = NewSource {
            title: " ".into(),
            publisher: String::new(),
            published_on: Some("2023-13".into()),
            url: "gov.pl/lista".into(),
            language: "polski".into(),
        };
        let Err(DomainError::Rejected(errors)) = check(&new, "source.") else {
            panic!("an incomplete document was accepted");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "source.title",
                "source.publisher",
                "source.publishedOn",
                "source.url",
                "source.language"
            ]
        );
    }

    #[test]
    fn a_record_without_a_source_is_refused() {
        let Err(DomainError::Invalid(error)) = check_choice(None) else {
            panic!("a record without a source was accepted");
        };
        assert_eq!(error.field, "sourceId");
        assert_eq!(error.code, FieldErrorCode::Required);
    }

    #[test]
    fn the_search_text_is_folded() {
        assert_eq!(
            search_text("004", "Gala KKK", Some("Klaster LTPP"), None),
            "004 gala kkk klaster ltpp"
        );
    }
}
