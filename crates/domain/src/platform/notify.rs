//! From a recorded change to the notifications it owes (`journal::record` calls it): the rules
//! name the audiences (`rules::notifications::route`), this loads who is in each, only those
//! the change needs, and hands the notices to `notices::deliver`.

use super::notices::{Notice, deliver};
use crate::DomainResult;
use crate::platform::change::Change;
use crate::rules::calendar::polish_today;
use crate::rules::notifications::{
    Audience, Candidate, NoticeParams, SavedFilter, board_follow_covers, matches,
    membership_status, recipients, route,
};
use crate::rules::text::fold;
use klastry_entity::{
    FollowTarget, NotificationKind, SearchScope, UserRoleKind, app_user, cluster, cluster_sector,
    cooperation_offer, cooperation_offer_sector, esca_label, follow, kkk_certification,
    organisation, saved_search, sector, user_role,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// Writes the notifications `change` owes, made by the account `actor_id` (None for the
/// registry itself); `is_public` is whether anyone may read of the change.
pub(crate) async fn on_change<C: ConnectionTrait>(
    db: &C,
    actor_id: Option<i32>,
    change: &Change,
    is_public: bool,
) -> DomainResult<()> {
    let before = change.before.as_ref();
    let after = change.after.as_ref();
    let routes = route(
        change.object_type,
        change.action,
        membership_status(before, after),
    );
    if routes.is_empty() {
        return Ok(());
    }
    let snapshot = after.or(before);
    let field_id = |name: &str| {
        snapshot
            .and_then(|s| s.get(name))
            .and_then(Value::as_i64)
            .and_then(|id| i32::try_from(id).ok())
    };
    let cluster_id = change.cluster_id.or_else(|| field_id("cluster_id"));
    let organisation_id = change
        .organisation_id
        .or_else(|| field_id("organisation_id"));
    // The notice concerned: the offer itself, or the one answered.
    let offer_id = match change.object_type {
        "CooperationOffer" => Some(change.object_id),
        "CooperationResponse" => field_id("offer_id"),
        _ => None,
    };
    let offer = match offer_id {
        Some(id) => cooperation_offer::Entity::find_by_id(id).one(db).await?,
        None => None,
    };

    let mut members: BTreeMap<Audience, Vec<i32>> = BTreeMap::new();
    // Per account reached through a saved search: its name and the key that tells it once.
    let mut searches: HashMap<i32, (String, String)> = HashMap::new();
    for &(audience, _) in &routes {
        if audience.is_public_only() && !is_public {
            continue;
        }
        let ids = match audience {
            Audience::ClusterCoordinators => match cluster_id {
                Some(c) => role_holders(db, UserRoleKind::Coordinator, Some(c), None).await?,
                None => Vec::new(),
            },
            Audience::OrganisationUsers => match organisation_id {
                Some(o) => role_holders(db, UserRoleKind::Member, None, Some(o)).await?,
                None => Vec::new(),
            },
            Audience::NoticeAuthor => offer
                .as_ref()
                .and_then(|o| o.created_by_user_id)
                .into_iter()
                .collect(),
            Audience::Operators => {
                app_user::Entity::find()
                    .select_only()
                    .column(app_user::Column::Id)
                    .filter(app_user::Column::IsOperator.eq(true))
                    .into_tuple()
                    .all(db)
                    .await?
            }
            Audience::ClusterFollowers => match cluster_id {
                Some(c) => {
                    followers(db, follow::Column::ClusterId.eq(c), FollowTarget::Cluster).await?
                }
                None => Vec::new(),
            },
            Audience::OrganisationFollowers => match organisation_id {
                Some(o) => {
                    followers(
                        db,
                        follow::Column::OrganisationId.eq(o),
                        FollowTarget::Organisation,
                    )
                    .await?
                }
                None => Vec::new(),
            },
            Audience::BoardFollowers => {
                let follows = follow::Entity::find()
                    .filter(follow::Column::Target.eq(FollowTarget::Board))
                    .all(db)
                    .await?;
                match (&offer, follows.is_empty()) {
                    (Some(offer), false) => {
                        let candidate = notice_candidate(db, offer).await?;
                        follows
                            .into_iter()
                            .filter(|f| {
                                board_follow_covers(
                                    f.sector_code.as_deref(),
                                    f.voivodeship_teryt.as_deref(),
                                    &candidate,
                                )
                            })
                            .map(|f| f.user_id)
                            .collect()
                    }
                    _ => Vec::new(),
                }
            }
            Audience::BoardSearches | Audience::DirectorySearches => {
                let scope = if audience == Audience::BoardSearches {
                    SearchScope::Board
                } else {
                    SearchScope::Directory
                };
                let saved = saved_search::Entity::find()
                    .filter(saved_search::Column::Scope.eq(scope))
                    .all(db)
                    .await?;
                if saved.is_empty() {
                    Vec::new()
                } else {
                    let (candidate, subject) = match (scope, &offer, cluster_id) {
                        (SearchScope::Board, Some(offer), _) => (
                            notice_candidate(db, offer).await?,
                            format!("notice:{}", offer.id),
                        ),
                        (SearchScope::Directory, _, Some(c)) => {
                            (cluster_candidate(db, c).await?, format!("cluster:{c}"))
                        }
                        _ => continue,
                    };
                    let mut ids = Vec::new();
                    for search in saved {
                        let filter: SavedFilter =
                            serde_json::from_str(&search.filter).unwrap_or_default();
                        if matches(&filter, &candidate) {
                            searches.entry(search.user_id).or_insert_with(|| {
                                (search.name.clone(), format!("search:{subject}"))
                            });
                            ids.push(search.user_id);
                        }
                    }
                    ids
                }
            }
        };
        members.entry(audience).or_default().extend(ids);
    }
    let told = recipients(&routes, &members, actor_id, is_public);
    if told.is_empty() {
        return Ok(());
    }

    let cluster = match cluster_id {
        Some(id) => cluster::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let organisation_name = match organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    let text = |name: &str| {
        after
            .and_then(|s| s.get(name))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let base = NoticeParams {
        cluster: cluster.as_ref().map(cluster_name),
        organisation: organisation_name,
        title: offer.as_ref().map(|o| o.title.clone()),
        label: label_of(change.object_type, snapshot),
        action: Some(
            if after.and_then(|s| s.get("lapsed")).and_then(Value::as_bool) == Some(true) {
                "LAPSED".to_owned()
            } else {
                change.action.to_owned()
            },
        ),
        approved: match change.action {
            "APPROVE" => Some(true),
            "REJECT" => Some(false),
            _ => None,
        },
        days: after
            .and_then(|s| s.get("days"))
            .and_then(Value::as_i64)
            .and_then(|d| i32::try_from(d).ok()),
        ends_on: text("endsOn"),
        ends_latest: text("endsLatest"),
        uncertain: after
            .and_then(|s| s.get("uncertain"))
            .and_then(Value::as_bool)
            .unwrap_or(false),
        person: None,
        // A membership keeps its decision's reason as `decision_reason`; requests as `reason`.
        reason: text("decision_reason").or_else(|| text("reason")),
        path: path_of(cluster.as_ref(), offer.is_some()),
    };
    let notices = told
        .into_iter()
        .map(|(user_id, kind)| {
            let mut params = base.clone();
            let mut dedupe_key = None;
            if kind == NotificationKind::NewMatch
                && let Some((name, key)) = searches.get(&user_id)
            {
                if offer.is_none() {
                    params.title = Some(name.clone());
                }
                dedupe_key = Some(key.clone());
            }
            if kind == NotificationKind::FollowedActivity {
                // One a day per followed cluster or organisation, however busy it is.
                let subject = cluster_id
                    .map(|c| format!("cluster:{c}"))
                    .or_else(|| organisation_id.map(|o| format!("organisation:{o}")));
                dedupe_key = subject.map(|s| format!("activity:{s}:{}", polish_today()));
            }
            Notice {
                user_id,
                kind,
                cluster_id,
                organisation_id,
                subject: Some((change.object_type, change.object_id)),
                params,
                dedupe_key,
                letter: None,
            }
        })
        .collect();
    deliver(db, notices).await
}

/// The accounts holding `role` on a cluster or an organisation.
async fn role_holders<C: ConnectionTrait>(
    db: &C,
    role: UserRoleKind,
    cluster_id: Option<i32>,
    organisation_id: Option<i32>,
) -> DomainResult<Vec<i32>> {
    let mut query = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::UserId)
        .filter(user_role::Column::Role.eq(role));
    if let Some(c) = cluster_id {
        query = query.filter(user_role::Column::ClusterId.eq(c));
    }
    if let Some(o) = organisation_id {
        query = query.filter(user_role::Column::OrganisationId.eq(o));
    }
    Ok(query.into_tuple().all(db).await?)
}

async fn followers<C: ConnectionTrait>(
    db: &C,
    condition: sea_orm::sea_query::SimpleExpr,
    target: FollowTarget,
) -> DomainResult<Vec<i32>> {
    Ok(follow::Entity::find()
        .select_only()
        .column(follow::Column::UserId)
        .filter(follow::Column::Target.eq(target))
        .filter(condition)
        .into_tuple()
        .all(db)
        .await?)
}

/// What a board follow or search is matched against: the notice's facts and sectors.
async fn notice_candidate<C: ConnectionTrait>(
    db: &C,
    offer: &cooperation_offer::Model,
) -> DomainResult<Candidate> {
    let sector_ids: Vec<i32> = cooperation_offer_sector::Entity::find()
        .select_only()
        .column(cooperation_offer_sector::Column::SectorId)
        .filter(cooperation_offer_sector::Column::OfferId.eq(offer.id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(Candidate {
        text: offer.search_text.clone(),
        voivodeship: offer.voivodeship_teryt.clone(),
        sectors: sector_codes(db, sector_ids).await?,
        kind: Some(sea_orm::ActiveEnum::to_value(&offer.kind)),
        category: Some(sea_orm::ActiveEnum::to_value(&offer.category)),
        ..Candidate::default()
    })
}

/// What a directory search is matched against: the cluster's facts as of today.
async fn cluster_candidate<C: ConnectionTrait>(db: &C, cluster_id: i32) -> DomainResult<Candidate> {
    let Some(cluster) = cluster::Entity::find_by_id(cluster_id).one(db).await? else {
        return Ok(Candidate::default());
    };
    let sector_ids: Vec<i32> = cluster_sector::Entity::find()
        .select_only()
        .column(cluster_sector::Column::SectorId)
        .filter(cluster_sector::Column::ClusterId.eq(cluster_id))
        .into_tuple()
        .all(db)
        .await?;
    let today = polish_today();
    let kkk_active = kkk_certification::Entity::find()
        .filter(kkk_certification::Column::ClusterId.eq(cluster_id))
        .filter(kkk_certification::Column::HeldFrom.lte(today))
        .filter(kkk_certification::Column::HeldUntil.gte(today))
        .one(db)
        .await?
        .is_some();
    let esca_levels = esca_label::Entity::find()
        .filter(esca_label::Column::ClusterId.eq(cluster_id))
        .filter(esca_label::Column::HeldFrom.lte(today))
        .filter(esca_label::Column::HeldUntil.gte(today))
        .all(db)
        .await?
        .into_iter()
        .map(|l| sea_orm::ActiveEnum::to_value(&l.level))
        .collect();
    let text = [
        cluster.search_text.as_deref(),
        cluster.name_pl.as_deref(),
        cluster.name_en.as_deref(),
        cluster.acronym.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(fold)
    .collect::<Vec<_>>()
    .join(" ");
    Ok(Candidate {
        text,
        voivodeship: cluster.voivodeship_teryt.clone(),
        sectors: sector_codes(db, sector_ids).await?,
        kkk_active,
        esca_levels,
        ..Candidate::default()
    })
}

async fn sector_codes<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> DomainResult<Vec<String>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(sector::Entity::find()
        .select_only()
        .column(sector::Column::Code)
        .filter(sector::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?)
}

/// What a status record is called in a notification: "KKK", or "ESCA" and its level.
fn label_of(object_type: &str, snapshot: Option<&Value>) -> Option<String> {
    match object_type {
        "KkkCertification" => Some("KKK".into()),
        "EscaLabel" => Some(
            match snapshot
                .and_then(|s| s.get("level"))
                .and_then(Value::as_str)
            {
                Some(level) => format!("ESCA {level}"),
                None => "ESCA".into(),
            },
        ),
        _ => None,
    }
}

/// The web app's page for what a notification is about: the board for a notice, else the
/// cluster's page.
fn path_of(cluster: Option<&cluster::Model>, about_a_notice: bool) -> Option<String> {
    if about_a_notice {
        return Some("/cooperation".into());
    }
    cluster.map(|c| format!("/clusters/{}", c.slug))
}

/// How a notification names a cluster: its Polish name, else its English one, else its slug.
pub(crate) fn cluster_name(cluster: &cluster::Model) -> String {
    cluster
        .name_pl
        .clone()
        .or_else(|| cluster.name_en.clone())
        .unwrap_or_else(|| cluster.slug.clone())
}
