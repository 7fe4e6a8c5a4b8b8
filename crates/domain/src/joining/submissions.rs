//! Clusters submitted to the registry by their own people. A submission is seen only by its
//! submitter and the operators until an operator publishes it (it becomes a cluster with its
//! coordinating organisation as a member, and the submitter its coordinator) or rejects it
//! with a reason; either way the submitter is mailed.

use super::tell_each;
use crate::accounts::users::{self, Grant};
use crate::db::pagination::{Keyset, Page, PagePlan, PageRequest, fetch_page, newest_first};
use crate::db::rows::ColumnSet;
use crate::db::transaction;
use crate::mail::Template;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::joining::{DeclaredMembers, ListingCheck, listing_check};
use crate::rules::notifications::NoticeParams;
use crate::rules::text::slugify;
use crate::rules::validation::{self, Checks};
use crate::writes::clusters::{self, ClusterFields};
use crate::writes::memberships;
use crate::writes::organisations::{self, OrganisationFields};
use crate::{DomainError, DomainResult, FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::NotificationKind;
use klastry_entity::{
    ClusterStatus, MembershipRole, ReviewStatus, cluster, cluster_submission, organisation, sector,
    voivodeship,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

const OBJECT: &str = "ClusterSubmission";

/// The most members of one kind a submission may declare.
const MAX_DECLARED: u32 = 1_000_000;

/// What a submitter tells about their cluster.
#[derive(Debug, Clone, Default)]
pub struct SubmissionFields {
    /// Name (Polish or the cluster's own).
    pub name: String,
    /// Name in English.
    pub name_en: Option<String>,
    /// Acronym.
    pub acronym: Option<String>,
    /// Voivodeship of the seat (TERYT code).
    pub voivodeship_teryt: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Website in English.
    pub website_en: Option<String>,
    /// What the cluster does.
    pub description: String,
    /// Sector codes.
    pub sector_codes: Vec<String>,
    /// Members by kind, as declared.
    pub declared_members: Vec<DeclaredMembers>,
    /// The coordinating organisation's name.
    pub coordinator_name: String,
    /// Its NIP.
    pub coordinator_nip: Option<String>,
    /// Its REGON.
    pub coordinator_regon: Option<String>,
    /// Its KRS number.
    pub coordinator_krs: Option<String>,
}

/// The checked row of a submission, every refusal at once.
async fn check<C: ConnectionTrait>(
    db: &C,
    fields: &SubmissionFields,
) -> DomainResult<cluster_submission::ActiveModel> {
    let mut checks = Checks::default();
    let optional = |checks: &mut Checks, field: &str, value: &Option<String>, max: usize| {
        checks
            .check(validation::optional_text(field, value.as_deref(), max))
            .flatten()
    };
    let name = checks.check(validation::required_text("name", &fields.name, 300));
    let name_en = optional(&mut checks, "nameEn", &fields.name_en, 300);
    let acronym = optional(&mut checks, "acronym", &fields.acronym, 40);
    let description = checks.check(validation::required_text(
        "description",
        &fields.description,
        5_000,
    ));
    let coordinator_name = checks.check(validation::required_text(
        "coordinatorName",
        &fields.coordinator_name,
        300,
    ));
    let url = |checks: &mut Checks, field: &str, value: &Option<String>| match value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        Some(v) => checks.check(validation::url(field, v)),
        None => None,
    };
    let website = url(&mut checks, "website", &fields.website);
    let website_en = url(&mut checks, "websiteEn", &fields.website_en);
    let identifier = |checks: &mut Checks,
                      field: &str,
                      value: &Option<String>,
                      rule: fn(&str, &str) -> Result<String, DomainError>| {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => checks.check(rule(field, v)),
            None => None,
        }
    };
    let nip = identifier(
        &mut checks,
        "coordinatorNip",
        &fields.coordinator_nip,
        validation::nip,
    );
    let regon = identifier(
        &mut checks,
        "coordinatorRegon",
        &fields.coordinator_regon,
        validation::regon,
    );
    let krs = identifier(
        &mut checks,
        "coordinatorKrs",
        &fields.coordinator_krs,
        validation::krs,
    );
    let voivodeship = fields
        .voivodeship_teryt
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty());
    if let Some(teryt) = voivodeship
        && voivodeship::Entity::find_by_id(teryt.to_owned())
            .one(db)
            .await?
            .is_none()
    {
        checks.fail(FieldError::new(
            "voivodeship",
            FieldErrorCode::NotFound,
            format!("no voivodeship has the TERYT code {teryt}"),
        ));
    }
    if fields.sector_codes.len() > 20 {
        checks.fail(
            FieldError::new("sectors", FieldErrorCode::OutOfRange, "at most 20 sectors")
                .max(20u64)
                .actual(fields.sector_codes.len() as i64),
        );
    } else if !fields.sector_codes.is_empty() {
        let known = sector::Entity::find()
            .filter(sector::Column::Code.is_in(fields.sector_codes.iter().cloned()))
            .count(db)
            .await?;
        if known as usize != fields.sector_codes.len() {
            checks.fail(FieldError::new(
                "sectors",
                FieldErrorCode::NotFound,
                "a sector code is not one of the registry's sectors",
            ));
        }
    }
    if fields.declared_members.len() > 20 {
        checks.fail(
            FieldError::new(
                "declaredMembers",
                FieldErrorCode::OutOfRange,
                "at most 20 kinds",
            )
            .max(20u64)
            .actual(fields.declared_members.len() as i64),
        );
    }
    if let Some(too_many) = fields
        .declared_members
        .iter()
        .find(|d| d.count > MAX_DECLARED)
    {
        checks.fail(
            FieldError::new(
                "declaredMembers",
                FieldErrorCode::OutOfRange,
                format!("at most {MAX_DECLARED} members of one kind"),
            )
            .min(0u64)
            .max(u64::from(MAX_DECLARED))
            .actual(i64::from(too_many.count)),
        );
    }
    checks.finish()?;
    let declared = serde_json::to_string(&fields.declared_members)
        .map_err(|e| DomainError::Data(format!("declared members: {e}")))?;
    let now = Utc::now();
    Ok(cluster_submission::ActiveModel {
        name: Set(name.unwrap_or_default()),
        name_en: Set(name_en),
        acronym: Set(acronym),
        voivodeship_teryt: Set(voivodeship.map(str::to_owned)),
        website: Set(website),
        website_en: Set(website_en),
        description: Set(description.unwrap_or_default()),
        sectors: Set(fields.sector_codes.join(",")),
        declared_members: Set(declared),
        coordinator_name: Set(coordinator_name.unwrap_or_default()),
        coordinator_nip: Set(nip),
        coordinator_regon: Set(regon),
        coordinator_krs: Set(krs),
        reason: Set(None),
        cluster_id: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
}

/// The members a submission declares.
pub fn declared_members(submission: &cluster_submission::Model) -> Vec<DeclaredMembers> {
    serde_json::from_str(&submission.declared_members).unwrap_or_default()
}

/// How a submission stands against the EU platform's listing rules, as submitted.
pub fn listing(submission: &cluster_submission::Model) -> ListingCheck {
    listing_check(
        &declared_members(submission),
        submission.website_en.as_deref(),
    )
}

/// The signed-in account submits a cluster for review; the operators are mailed.
pub async fn submit(
    db: &DatabaseConnection,
    actor: &Actor,
    fields: &SubmissionFields,
) -> DomainResult<cluster_submission::Model> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    let mut row = check(&txn, fields).await?;
    row.submitted_by = Set(actor.user_id);
    row.status = Set(ReviewStatus::Pending);
    let created = row.insert(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::created(OBJECT, created.id, &created).scoped(None, None),
    )
    .await?;
    let submitter = users::user(&txn, actor.user_id)
        .await?
        .map(|u| format!("{} <{}>", u.display_name, u.email))
        .unwrap_or_else(|| actor.email.clone());
    let operators = users::operators(&txn).await?;
    let params = NoticeParams {
        person: Some(submitter.clone()),
        cluster: Some(created.name.clone()),
        path: Some("/operator".into()),
        ..NoticeParams::default()
    };
    tell_each(
        &txn,
        &operators,
        NotificationKind::RequestToDecide,
        params,
        || Template::ClusterSubmitted {
            submitter: submitter.clone(),
            cluster: created.name.clone(),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// A slug for `name` that no cluster has yet.
async fn free_slug<C: ConnectionTrait>(db: &C, name: &str) -> DomainResult<String> {
    let base: String = slugify(name).chars().take(80).collect();
    let base = if base.is_empty() {
        "klaster".to_owned()
    } else {
        base
    };
    for n in 1..1000 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if cluster::Entity::find()
            .filter(cluster::Column::Slug.eq(&candidate))
            .one(db)
            .await?
            .is_none()
        {
            return Ok(candidate);
        }
    }
    Err(DomainError::invalid(
        "name",
        FieldErrorCode::NotUnique,
        "too many clusters have this name",
    ))
}

/// An operator publishes a waiting submission: the coordinating organisation is found by its
/// NIP or added, the cluster is added with it as coordinating member, and the submitter becomes
/// its coordinator. Or rejects it, `reason` required. The submitter is mailed either way.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    submission_id: i32,
    publish: bool,
    reason: Option<&str>,
) -> DomainResult<cluster_submission::Model> {
    actor.require_operator()?;
    let reason = validation::optional_text("reason", reason, 2_000)?;
    if !publish && reason.is_none() {
        return Err(validation::required("reason"));
    }
    let txn = transaction::begin(db).await?;
    let found = cluster_submission::Entity::find_by_id(submission_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("cluster submission", submission_id))?;
    if found.status != ReviewStatus::Pending {
        return Err(DomainError::invalid(
            "submissionId",
            FieldErrorCode::NotAllowed,
            "this submission was decided or withdrawn already",
        ));
    }
    let mut published: Option<cluster::Model> = None;
    if publish {
        let existing = match &found.coordinator_nip {
            Some(nip) => {
                organisation::Entity::find()
                    .filter(organisation::Column::Nip.eq(nip))
                    .one(&txn)
                    .await?
            }
            None => None,
        };
        let coordinator = match existing {
            Some(organisation) => organisation,
            None => {
                organisations::insert(
                    &txn,
                    Some(actor),
                    &OrganisationFields {
                        name: Some(found.coordinator_name.clone()),
                        nip: Some(found.coordinator_nip.clone()),
                        regon: Some(found.coordinator_regon.clone()),
                        krs: Some(found.coordinator_krs.clone()),
                        voivodeship_teryt: Some(found.voivodeship_teryt.clone()),
                        ..Default::default()
                    },
                )
                .await?
            }
        };
        let sectors: Vec<String> = found
            .sectors
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let created = clusters::insert(
            &txn,
            Some(actor),
            &ClusterFields {
                slug: Some(free_slug(&txn, &found.name).await?),
                name_pl: Some(Some(found.name.clone())),
                name_en: Some(found.name_en.clone()),
                acronym: Some(found.acronym.clone()),
                description_pl: Some(Some(found.description.clone())),
                voivodeship_teryt: Some(found.voivodeship_teryt.clone()),
                website: Some(found.website.clone()),
                status: Some(ClusterStatus::Active),
                coordinator_id: Some(Some(coordinator.id)),
                sector_codes: Some(sectors),
                ..Default::default()
            },
        )
        .await?;
        memberships::insert_active(
            &txn,
            Some(actor),
            created.id,
            coordinator.id,
            MembershipRole::Coordinator,
            None,
        )
        .await?;
        users::insert_role(
            &txn,
            Some(actor),
            found.submitted_by,
            Grant::Coordinator(created.id),
        )
        .await?;
        published = Some(created);
    }
    let now = Utc::now();
    let before = found.clone();
    let mut row: cluster_submission::ActiveModel = found.into();
    row.status = Set(if publish {
        ReviewStatus::Approved
    } else {
        ReviewStatus::Rejected
    });
    row.reason = Set(reason.clone());
    row.cluster_id = Set(published.as_ref().map(|c| c.id));
    row.decided_by = Set(Some(actor.user_id));
    row.decided_at = Set(Some(now));
    row.version = Set(before.version + 1);
    row.updated_at = Set(now);
    let after = row.update(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action(if publish { "PUBLISH" } else { "REJECT" }, OBJECT, after.id)
            .before(&before)
            .after(&after)
            .scoped(after.cluster_id, None),
    )
    .await?;
    if let Some(submitter) = users::user(&txn, after.submitted_by).await? {
        let params = NoticeParams {
            cluster: Some(after.name.clone()),
            approved: Some(published.is_some()),
            reason: reason.clone(),
            path: published.as_ref().map(|c| format!("/clusters/{}", c.slug)),
            ..NoticeParams::default()
        };
        let kind = NotificationKind::RequestDecided;
        tell_each(&txn, std::slice::from_ref(&submitter), kind, params, || {
            Template::ClusterSubmissionDecided {
                name: submitter.display_name.clone(),
                cluster: after.name.clone(),
                slug: published.as_ref().map(|c| c.slug.clone()),
                reason: reason.clone(),
            }
        })
        .await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// The submitter takes a waiting submission back.
pub async fn withdraw(
    db: &DatabaseConnection,
    actor: &Actor,
    submission_id: i32,
) -> DomainResult<cluster_submission::Model> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    let found = cluster_submission::Entity::find_by_id(submission_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("cluster submission", submission_id))?;
    if found.submitted_by != actor.user_id {
        return Err(DomainError::forbidden(
            "only the one who submitted a cluster may withdraw it",
        ));
    }
    if found.status != ReviewStatus::Pending {
        return Err(DomainError::invalid(
            "submissionId",
            FieldErrorCode::NotAllowed,
            "this submission was decided or withdrawn already",
        ));
    }
    let before = found.clone();
    let mut row: cluster_submission::ActiveModel = found.into();
    row.status = Set(ReviewStatus::Withdrawn);
    row.version = Set(before.version + 1);
    row.updated_at = Set(Utc::now());
    let after = row.update(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action("WITHDRAW", OBJECT, after.id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Whether `actor` may read `submission`: its submitter and operators.
pub fn may_read(actor: &Actor, submission: &cluster_submission::Model) -> bool {
    actor.api_token.is_none() && (actor.is_operator || submission.submitted_by == actor.user_id)
}

/// A page of submissions, newest first: every one for operators (those in `status` when
/// given), the account's own for anyone else.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    status: Option<ReviewStatus>,
    request: &PageRequest,
) -> DomainResult<Page<cluster_submission::Model>> {
    actor.require_account()?;
    let mut query = cluster_submission::Entity::find();
    if !actor.is_operator {
        query = query.filter(cluster_submission::Column::SubmittedBy.eq(actor.user_id));
    }
    if let Some(status) = status {
        query = query.filter(cluster_submission::Column::Status.eq(status));
    }
    let order = newest_first::<cluster_submission::Entity>(cluster_submission::Column::Id, |row| {
        Keyset::of_id(row.id)
    });
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}
