//! The cooperation board: member organisations post offers and requests (subcontracting
//! capacity, a consortium partner, recyclates to buy or sell, ...) with sectors, a voivodeship
//! and an expiry date; other organisations answer them. Notices are public until they expire;
//! answers are seen only by the two organisations concerned.

use super::Patch;
use super::clusters::voivodeship;
use crate::db::contains_folded;
use crate::db::pagination::{
    Keyset, Page, PagePlan, PageRequest, check_filter_list, fetch_page, newest_first,
};
use crate::db::rows::ColumnSet;
use crate::db::transaction::begin;
use crate::db::versioned::{self, check_version, delete_versioned, require_exists, save_versioned};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::reads::reference::sector_ids;
use crate::rules::access::Actor;
use crate::rules::calendar::polish_today;
use crate::rules::text::fold;
use crate::rules::validation::{self, Checks};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::{Duration, NaiveDate, Utc};
use klastry_entity::{
    CooperationCategory, CooperationKind, cooperation_offer, cooperation_offer_sector,
    cooperation_response, organisation,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    NotSet, QueryFilter, Set,
};

/// The fields of a notice; each `None` leaves the field as it is.
#[derive(Debug, Clone, Default)]
pub struct OfferFields {
    /// Offer or request.
    pub kind: Option<CooperationKind>,
    /// What it is about.
    pub category: Option<CooperationCategory>,
    /// Headline.
    pub title: Option<String>,
    /// Details.
    pub description: Option<String>,
    /// Where (TERYT code).
    pub voivodeship_teryt: Patch<String>,
    /// Last day shown; at most a year ahead.
    pub expires_on: Option<NaiveDate>,
    /// Sector codes, replacing the current ones.
    pub sector_codes: Option<Vec<String>>,
}

fn apply(
    current: Option<&cooperation_offer::Model>,
    organisation_id: i32,
    fields: &OfferFields,
) -> DomainResult<cooperation_offer::ActiveModel> {
    let mut checks = Checks::default();
    let today = polish_today();
    let title = match (&fields.title, current) {
        (Some(t), _) => checks.check(validation::required_text("title", t, 200)),
        (None, Some(c)) => Some(c.title.clone()),
        (None, None) => {
            checks.fail(FieldError::new(
                "title",
                FieldErrorCode::Required,
                "must not be empty",
            ));
            None
        }
    };
    let description = match (&fields.description, current) {
        (Some(d), _) => checks.check(validation::required_text("description", d, 5_000)),
        (None, Some(c)) => Some(c.description.clone()),
        (None, None) => {
            checks.fail(FieldError::new(
                "description",
                FieldErrorCode::Required,
                "must not be empty",
            ));
            None
        }
    };
    let kind = fields.kind.or(current.map(|c| c.kind));
    if kind.is_none() {
        checks.fail(FieldError::new(
            "kind",
            FieldErrorCode::Required,
            "say whether this is an offer or a request",
        ));
    }
    let category = fields.category.or(current.map(|c| c.category));
    if category.is_none() {
        checks.fail(FieldError::new(
            "category",
            FieldErrorCode::Required,
            "must be given",
        ));
    }
    let expires_on = match (fields.expires_on, current) {
        (Some(day), _) => checks.check(validation::day_within(
            "expiresOn",
            day,
            today,
            today + Duration::days(366),
        )),
        (None, Some(c)) => Some(c.expires_on),
        (None, None) => Some(today + Duration::days(90)),
    };
    let voivodeship_teryt = super::patch_checked(
        &mut checks,
        "voivodeship",
        current.and_then(|c| c.voivodeship_teryt.clone()),
        &fields.voivodeship_teryt,
        voivodeship,
    );
    checks.finish()?;
    let (title, description) = (title.unwrap_or_default(), description.unwrap_or_default());
    let now = Utc::now();
    let mut row = match current {
        Some(c) => c.clone().into(),
        None => cooperation_offer::ActiveModel {
            id: NotSet,
            organisation_id: Set(organisation_id),
            created_by_user_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    row.search_text = Set(fold(&format!("{title} | {description}")));
    row.title = Set(title);
    row.description = Set(description);
    if let Some(kind) = kind {
        row.kind = Set(kind);
    }
    if let Some(category) = category {
        row.category = Set(category);
    }
    if let Some(day) = expires_on {
        row.expires_on = Set(day);
    }
    row.voivodeship_teryt = Set(voivodeship_teryt);
    Ok(row)
}

async fn replace_sectors<C: ConnectionTrait>(
    db: &C,
    offer_id: i32,
    codes: &Option<Vec<String>>,
) -> DomainResult<()> {
    let Some(codes) = codes else { return Ok(()) };
    let now = Utc::now();
    let rows = sector_ids(db, "sectors", codes)
        .await?
        .into_iter()
        .map(|sector| cooperation_offer_sector::ActiveModel {
            offer_id: Set(offer_id),
            sector_id: Set(sector),
            created_at: Set(now),
            updated_at: Set(now),
        });
    versioned::replace_rows::<cooperation_offer_sector::Entity, _>(
        db,
        cooperation_offer_sector::Column::OfferId,
        offer_id,
        rows.collect(),
    )
    .await
}

/// Posts a notice for an organisation (its members).
pub async fn post(
    db: &DatabaseConnection,
    actor: &Actor,
    organisation_id: i32,
    fields: &OfferFields,
) -> DomainResult<cooperation_offer::Model> {
    actor.require_member(organisation_id)?;
    let mut row = apply(None, organisation_id, fields)?;
    row.created_by_user_id = Set(Some(actor.user_id));
    let txn = begin(db).await?;
    require_exists::<organisation::Entity, _>(&txn, organisation_id, "organisation").await?;
    let created = row.insert(&txn).await?;
    replace_sectors(&txn, created.id, &fields.sector_codes).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::created("CooperationOffer", created.id, &created)
            .scoped(None, Some(organisation_id)),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes a notice (the posting organisation's members).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &OfferFields,
) -> DomainResult<cooperation_offer::Model> {
    let txn = begin(db).await?;
    let before =
        require_exists::<cooperation_offer::Entity, _>(&txn, id, "cooperation offer").await?;
    actor.require_member(before.organisation_id)?;
    check_version::<cooperation_offer::Entity>(&before, version, "cooperation offer")?;
    let row = apply(Some(&before), before.organisation_id, fields)?;
    let after =
        save_versioned::<cooperation_offer::Entity, _>(&txn, id, version, row, "cooperation offer")
            .await?;
    replace_sectors(&txn, id, &fields.sector_codes).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::updated("CooperationOffer", id, &before, &after)
            .scoped(None, Some(after.organisation_id)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Withdraws a notice with its answers.
pub async fn withdraw(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<cooperation_offer::Model> {
    let txn = begin(db).await?;
    let current =
        require_exists::<cooperation_offer::Entity, _>(&txn, id, "cooperation offer").await?;
    actor.require_member(current.organisation_id)?;
    let before =
        delete_versioned::<cooperation_offer::Entity>(&txn, current, version, "cooperation offer")
            .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::deleted("CooperationOffer", id, &before).scoped(None, Some(before.organisation_id)),
    )
    .await?;
    txn.commit().await?;
    Ok(before)
}

/// Answers a notice on behalf of an organisation (its members); not one's own, not an expired one.
pub async fn respond(
    db: &DatabaseConnection,
    actor: &Actor,
    offer_id: i32,
    organisation_id: i32,
    message: &str,
) -> DomainResult<cooperation_response::Model> {
    actor.require_member(organisation_id)?;
    let message = validation::required_text("message", message, 5_000)?;
    let txn = begin(db).await?;
    let offer =
        require_exists::<cooperation_offer::Entity, _>(&txn, offer_id, "cooperation offer").await?;
    require_exists::<organisation::Entity, _>(&txn, organisation_id, "organisation").await?;
    if offer.organisation_id == organisation_id {
        return Err(DomainError::invalid(
            "organisationId",
            FieldErrorCode::NotAllowed,
            "an organisation cannot answer its own notice",
        ));
    }
    if offer.expires_on < polish_today() {
        return Err(DomainError::invalid(
            "offerId",
            FieldErrorCode::Expired,
            "the notice has expired",
        ));
    }
    let now = Utc::now();
    let created = cooperation_response::ActiveModel {
        id: NotSet,
        offer_id: Set(offer_id),
        organisation_id: Set(organisation_id),
        message: Set(message),
        created_by_user_id: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::created("CooperationResponse", created.id, &created)
            .scoped(None, Some(organisation_id)),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Which notices a board shows. Empty lists mean no restriction.
#[derive(Debug, Clone, Default)]
pub struct OfferFilter {
    /// Offers, requests or both.
    pub kinds: Vec<CooperationKind>,
    /// Of these categories.
    pub categories: Vec<CooperationCategory>,
    /// In these voivodeships.
    pub voivodeships: Vec<String>,
    /// In at least one of these sectors (codes).
    pub sectors: Vec<String>,
    /// Title or description contains this, ignoring case and diacritics.
    pub text: Option<String>,
    /// Posted by this organisation.
    pub organisation_id: Option<i32>,
    /// Include notices past their expiry date.
    pub include_expired: bool,
}

/// A page of notices, newest first, either way from a cursor.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    filter: &OfferFilter,
    request: &PageRequest,
) -> DomainResult<Page<cooperation_offer::Model>> {
    check_filter_list("filter.kinds", filter.kinds.len())?;
    check_filter_list("filter.categories", filter.categories.len())?;
    check_filter_list("filter.voivodeships", filter.voivodeships.len())?;
    check_filter_list("filter.sectors", filter.sectors.len())?;
    let mut all = Condition::all();
    if !filter.kinds.is_empty() {
        all = all.add(cooperation_offer::Column::Kind.is_in(filter.kinds.clone()));
    }
    if !filter.categories.is_empty() {
        all = all.add(cooperation_offer::Column::Category.is_in(filter.categories.clone()));
    }
    if !filter.voivodeships.is_empty() {
        all =
            all.add(cooperation_offer::Column::VoivodeshipTeryt.is_in(filter.voivodeships.clone()));
    }
    if !filter.sectors.is_empty() {
        let ids = sector_ids(db, "filter.sectors", &filter.sectors).await?;
        all = all.add(
            cooperation_offer::Column::Id.in_subquery(
                Query::select()
                    .column(cooperation_offer_sector::Column::OfferId)
                    .from(cooperation_offer_sector::Entity)
                    .and_where(Expr::col(cooperation_offer_sector::Column::SectorId).is_in(ids))
                    .to_owned(),
            ),
        );
    }
    if let Some(search) = contains_folded(
        (
            cooperation_offer::Entity,
            cooperation_offer::Column::SearchText,
        ),
        filter.text.as_deref(),
    ) {
        all = all.add(search);
    }
    if let Some(organisation) = filter.organisation_id {
        all = all.add(cooperation_offer::Column::OrganisationId.eq(organisation));
    }
    if !filter.include_expired {
        all = all.add(cooperation_offer::Column::ExpiresOn.gte(polish_today()));
    }
    let order = newest_first::<cooperation_offer::Entity>(cooperation_offer::Column::Id, |row| {
        Keyset::of_id(row.id)
    });
    let query = cooperation_offer::Entity::find().filter(all);
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}

/// Whether `actor` may read an answer: the posting organisation reads all answers to its
/// notice, an answering organisation its own.
pub fn may_read_response(
    actor: &Actor,
    offer: &cooperation_offer::Model,
    response: &cooperation_response::Model,
) -> bool {
    actor.acts_for(offer.organisation_id) || actor.acts_for(response.organisation_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_needs_title_description_kind_and_category() {
        let Err(DomainError::Rejected(errors)) = apply(None, 1, &OfferFields::default()) else {
            panic!("an empty notice was accepted");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "description", "kind", "category"]);
    }

    #[test]
    fn a_notice_expires_within_a_year() {
        let fields = OfferFields {
            kind: Some(CooperationKind::Offer),
            category: Some(CooperationCategory::Recyclates),
            title: Some("Regranulat PP".into()),
            description: Some("20 t miesięcznie".into()),
            expires_on: Some(polish_today() + Duration::days(400)),
            ..Default::default()
        };
        let Err(DomainError::Rejected(errors)) = apply(None, 1, &fields) else {
            panic!("a notice two years ahead was accepted");
        };
        assert_eq!(errors[0].field, "expiresOn");
        let row = apply(
            None,
            1,
            &OfferFields {
                expires_on: None,
                ..fields
            },
        )
        .expect("valid notice");
        assert_eq!(row.search_text.as_ref(), "regranulat pp | 20 t miesiecznie");
    }

    #[test]
    fn answers_show_to_the_poster_and_the_answering_organisation_only() {
        let actor = |organisations: &[i32]| Actor {
            user_id: 1,
            email: "a@b.pl".into(),
            is_operator: false,
            member_organisations: organisations.iter().copied().collect(),
            ..Actor::default()
        };
        let now = Utc::now();
        let offer = cooperation_offer::Model {
            id: 1,
            organisation_id: 10,
            kind: CooperationKind::Offer,
            category: CooperationCategory::Other,
            title: "t".into(),
            description: "d".into(),
            voivodeship_teryt: None,
            expires_on: polish_today(),
            search_text: "t".into(),
            created_by_user_id: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        let response = cooperation_response::Model {
            id: 1,
            offer_id: 1,
            organisation_id: 20,
            message: "m".into(),
            created_by_user_id: None,
            created_at: now,
            updated_at: now,
        };
        assert!(may_read_response(&actor(&[10]), &offer, &response));
        assert!(may_read_response(&actor(&[20]), &offer, &response));
        assert!(!may_read_response(&actor(&[30]), &offer, &response));
    }
}
