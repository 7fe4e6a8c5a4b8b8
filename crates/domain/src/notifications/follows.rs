//! What an account follows (a cluster, an organisation, a sector and/or voivodeship of the
//! cooperation board) and the searches it saved; what newly matches either notifies it.

use crate::db::pagination::check_filter_list;
use crate::rules::access::Actor;
use crate::rules::notifications::SavedFilter;
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{
    FollowTarget, SearchScope, cluster, follow, organisation, saved_search, sector, voivodeship,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

/// Most follows one account keeps.
pub const MAX_FOLLOWS: u64 = 200;
/// Most searches one account saves.
pub const MAX_SAVED_SEARCHES: u64 = 20;

/// What to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowWhat {
    /// A cluster.
    Cluster(i32),
    /// An organisation.
    Organisation(i32),
    /// New board notices of a sector (code), a voivodeship (TERYT), or both.
    Board {
        /// The sector's code.
        sector: Option<String>,
        /// The voivodeship's TERYT code.
        voivodeship: Option<String>,
    },
}

/// Follows `what` for `actor`'s account; following what it follows already returns that follow.
pub async fn follow<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    what: FollowWhat,
) -> DomainResult<follow::Model> {
    actor.require_account()?;
    let (target, key) = match &what {
        FollowWhat::Cluster(id) => {
            if cluster::Entity::find_by_id(*id).one(db).await?.is_none() {
                return Err(DomainError::not_found("cluster", *id));
            }
            (FollowTarget::Cluster, format!("cluster:{id}"))
        }
        FollowWhat::Organisation(id) => {
            if organisation::Entity::find_by_id(*id)
                .one(db)
                .await?
                .is_none()
            {
                return Err(DomainError::not_found("organisation", *id));
            }
            (FollowTarget::Organisation, format!("organisation:{id}"))
        }
        FollowWhat::Board {
            sector: sector_code,
            voivodeship: teryt,
        } => {
            if sector_code.is_none() && teryt.is_none() {
                return Err(DomainError::invalid(
                    "board",
                    FieldErrorCode::Required,
                    "name a sector, a voivodeship or both: following the whole board is a saved search",
                ));
            }
            if let Some(code) = sector_code
                && sector::Entity::find()
                    .filter(sector::Column::Code.eq(code.as_str()))
                    .one(db)
                    .await?
                    .is_none()
            {
                return Err(DomainError::invalid(
                    "board.sector",
                    FieldErrorCode::NotFound,
                    format!("no sector has the code {code}"),
                ));
            }
            if let Some(teryt) = teryt
                && voivodeship::Entity::find_by_id(teryt.clone())
                    .one(db)
                    .await?
                    .is_none()
            {
                return Err(DomainError::invalid(
                    "board.voivodeship",
                    FieldErrorCode::NotFound,
                    format!("no voivodeship has the code {teryt}"),
                ));
            }
            (
                FollowTarget::Board,
                format!(
                    "board:{}:{}",
                    sector_code.as_deref().unwrap_or("*"),
                    teryt.as_deref().unwrap_or("*")
                ),
            )
        }
    };
    let mine = || follow::Entity::find().filter(follow::Column::UserId.eq(actor.user_id));
    if let Some(existing) = mine()
        .filter(follow::Column::TargetKey.eq(key.as_str()))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    if mine().count(db).await? >= MAX_FOLLOWS {
        return Err(DomainError::invalid(
            "target",
            FieldErrorCode::OutOfRange,
            format!("an account follows at most {MAX_FOLLOWS} things; unfollow some first"),
        ));
    }
    let now = Utc::now();
    let (cluster_id, organisation_id, sector_code, teryt) = match what {
        FollowWhat::Cluster(id) => (Some(id), None, None, None),
        FollowWhat::Organisation(id) => (None, Some(id), None, None),
        FollowWhat::Board {
            sector,
            voivodeship,
        } => (None, None, sector, voivodeship),
    };
    Ok(follow::ActiveModel {
        user_id: Set(actor.user_id),
        target: Set(target),
        cluster_id: Set(cluster_id),
        organisation_id: Set(organisation_id),
        sector_code: Set(sector_code),
        voivodeship_teryt: Set(teryt),
        target_key: Set(key),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Stops the follow `id` of `actor`'s account (NOT_FOUND for anyone else's).
pub async fn unfollow<C: ConnectionTrait>(db: &C, actor: &Actor, id: i32) -> DomainResult<()> {
    actor.require_account()?;
    let deleted = follow::Entity::delete_many()
        .filter(follow::Column::Id.eq(id))
        .filter(follow::Column::UserId.eq(actor.user_id))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(DomainError::not_found("follow", id));
    }
    Ok(())
}

/// Everything `actor`'s account follows, newest first (at most [`MAX_FOLLOWS`]).
pub async fn follows<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> DomainResult<Vec<follow::Model>> {
    actor.require_account()?;
    Ok(follow::Entity::find()
        .filter(follow::Column::UserId.eq(actor.user_id))
        .order_by_desc(follow::Column::Id)
        .all(db)
        .await?)
}

/// Saves a search of `scope` named `name` for `actor`'s account.
pub async fn save_search<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    name: &str,
    scope: SearchScope,
    filter: SavedFilter,
) -> DomainResult<saved_search::Model> {
    actor.require_account()?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(DomainError::invalid(
            "name",
            if name.is_empty() {
                FieldErrorCode::Required
            } else {
                FieldErrorCode::TooLong
            },
            "a saved search needs a name of 1 to 120 characters",
        ));
    }
    for (field, len) in [
        ("filter.voivodeships", filter.voivodeships.len()),
        ("filter.sectors", filter.sectors.len()),
        ("filter.kinds", filter.kinds.len()),
        ("filter.categories", filter.categories.len()),
        ("filter.escaLevels", filter.esca_levels.len()),
    ] {
        check_filter_list(field, len)?;
    }
    if filter
        .text
        .as_deref()
        .is_some_and(|t| t.chars().count() > 200)
    {
        return Err(DomainError::invalid(
            "filter.text",
            FieldErrorCode::TooLong,
            "the words searched for are at most 200 characters",
        ));
    }
    let mine = saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(actor.user_id))
        .count(db)
        .await?;
    if mine >= MAX_SAVED_SEARCHES {
        return Err(DomainError::invalid(
            "name",
            FieldErrorCode::OutOfRange,
            format!("an account saves at most {MAX_SAVED_SEARCHES} searches; delete one first"),
        ));
    }
    let stored = serde_json::to_string(&filter)
        .map_err(|e| DomainError::Data(format!("a saved search's filter: {e}")))?;
    let now = Utc::now();
    Ok(saved_search::ActiveModel {
        user_id: Set(actor.user_id),
        name: Set(name.to_owned()),
        scope: Set(scope),
        filter: Set(stored),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Deletes the saved search `id` of `actor`'s account (NOT_FOUND for anyone else's).
pub async fn delete_search<C: ConnectionTrait>(db: &C, actor: &Actor, id: i32) -> DomainResult<()> {
    actor.require_account()?;
    let deleted = saved_search::Entity::delete_many()
        .filter(saved_search::Column::Id.eq(id))
        .filter(saved_search::Column::UserId.eq(actor.user_id))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(DomainError::not_found("saved search", id));
    }
    Ok(())
}

/// The searches `actor`'s account saved, newest first.
pub async fn saved_searches<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> DomainResult<Vec<saved_search::Model>> {
    actor.require_account()?;
    Ok(saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(actor.user_id))
        .order_by_desc(saved_search::Column::Id)
        .all(db)
        .await?)
}
