//! Notifications as their account reads them, how it wants them mailed, what it follows, the
//! searches it saved, and the pipeline as operators watch it.

use super::enums::VoivodeshipCode;
use crate::context::loaders;
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id};
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use klastry_domain::mail::notices::word;
use klastry_domain::notifications::pipeline;
use klastry_domain::notifications::preferences::Preference;
use klastry_domain::rules::languages::Language;
use klastry_domain::rules::notifications::{NoticeParams, SavedFilter};
use klastry_entity::{follow, notification, saved_search};

/// What a notification tells its account of.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::NotificationKind")]
pub enum NotificationKind {
    /// An organisation applied to join a cluster you coordinate.
    ApplicationReceived,
    /// A cluster decided the application of an organisation you act for.
    ApplicationDecided,
    /// Someone answered a cooperation notice you posted.
    NoticeAnswered,
    /// A new notice or cluster matches what you follow on the board or a search you saved.
    NewMatch,
    /// A cluster or organisation you follow changed (at most one a day for each).
    FollowedActivity,
    /// A KKK certification or ESCA label of a cluster you coordinate was recorded, corrected
    /// or withdrawn.
    StatusRecorded,
    /// A KKK status or ESCA label of a cluster you coordinate (or, for operators, any) ends in
    /// 180, 90, 30 or 7 days or just lapsed; or a notice you posted ends in 7 days.
    LapseWarning,
    /// A request for access or a submitted cluster waits for your decision.
    RequestToDecide,
    /// Your request for access or submitted cluster was decided.
    RequestDecided,
    /// You were invited to act for an organisation or co-coordinate a cluster (the invitation
    /// itself is always mailed, with its link).
    Invitation,
}

/// How a kind of notification is mailed.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::EmailFrequency")]
pub enum EmailFrequency {
    /// One mail for each, as it comes.
    Immediate,
    /// One mail a day (about 7 in the morning, Polish time) with the day's notifications.
    Daily,
    /// One mail a week, on Monday morning.
    Weekly,
    /// Not by e-mail: in the inbox only.
    None,
}

/// What a follow is of.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::FollowTarget")]
pub enum FollowTarget {
    /// A cluster: its changes and admissions.
    Cluster,
    /// An organisation: its changes and the notices it posts.
    Organisation,
    /// The cooperation board: new notices of a sector and/or voivodeship.
    Board,
}

/// Where a saved search looks.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "klastry_entity::SearchScope")]
pub enum SearchScope {
    /// The directory of clusters: a cluster newly matching notifies.
    Directory,
    /// The cooperation board: a new notice matching notifies.
    Board,
}

/// One notification in the signed-in account's inbox.
pub struct Notification(pub notification::Model);

/// One notification.
#[Object]
impl Notification {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Notification, self.0.id)
    }
    /// What it tells of.
    async fn kind(&self) -> NotificationKind {
        self.0.kind.into()
    }
    /// What happened, in one line in the account's language (or `language`).
    async fn headline(
        &self,
        ctx: &Context<'_>,
        language: Option<super::enums::Language>,
    ) -> async_graphql::Result<String> {
        let language = self.language(ctx, language).await?;
        Ok(word(self.0.kind, &self.stored(), language).headline)
    }
    /// What else to know, in the account's language (or `language`): for a lapse warning whose
    /// sources leave the end open, that it is uncertain and by when it ends at the latest.
    async fn details(
        &self,
        ctx: &Context<'_>,
        language: Option<super::enums::Language>,
    ) -> async_graphql::Result<Vec<String>> {
        let language = self.language(ctx, language).await?;
        Ok(word(self.0.kind, &self.stored(), language).lines)
    }
    /// The values it is written from, for clients that put it into their own words.
    async fn params(&self) -> NotificationParams {
        self.stored().into()
    }
    /// The cluster it concerns, by global ID.
    async fn cluster_id(&self) -> Option<ID> {
        self.0.cluster_id.map(|id| global_id(NodeKind::Cluster, id))
    }
    /// The organisation it concerns, by global ID.
    async fn organisation_id(&self) -> Option<ID> {
        self.0
            .organisation_id
            .map(|id| global_id(NodeKind::Organisation, id))
    }
    /// The web app's page that shows what it is about ("/clusters/…"), if any.
    async fn path(&self) -> Option<String> {
        self.stored().path
    }
    /// How it is mailed, as your preference was when it came.
    async fn email(&self) -> EmailFrequency {
        self.0.email.into()
    }
    /// When it was mailed (at once or in a digest); null while it waits or when not mailed.
    async fn emailed_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.emailed_at
    }
    /// When you read it; null while unread.
    async fn read_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.read_at
    }
    /// When it came.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}

impl Notification {
    fn stored(&self) -> NoticeParams {
        serde_json::from_str(&self.0.params).unwrap_or_default()
    }

    /// The language asked for, else the account's own (read once per request by the loader).
    async fn language(
        &self,
        ctx: &Context<'_>,
        asked: Option<super::enums::Language>,
    ) -> async_graphql::Result<Language> {
        if let Some(language) = asked {
            return Ok(language.into());
        }
        let account = loaders(ctx)
            .nodes()
            .users
            .load_one(self.0.user_id)
            .await
            .or_api()?;
        Ok(account
            .map(|u| Language::from_code(&u.language))
            .unwrap_or_default())
    }
}

/// The values a notification is written from; which are set depends on its kind.
#[derive(SimpleObject)]
pub struct NotificationParams {
    /// The cluster's name.
    pub cluster: Option<String>,
    /// The organisation's name.
    pub organisation: Option<String>,
    /// A notice's title, or the name of the saved search matched.
    pub title: Option<String>,
    /// What ends or was recorded: KKK, or ESCA and its level.
    pub label: Option<String>,
    /// What was done (CREATE, UPDATE, DELETE, APPLY, APPROVE, REJECT, EXPIRING, or LAPSED for
    /// a lapse warning after the last possible day, …).
    pub action: Option<String>,
    /// Whether an application or request was approved.
    pub approved: Option<bool>,
    /// Days left before the end (lapse warnings); 0 once lapsed.
    pub days: Option<i32>,
    /// The end as precise as its source: "2027-06-30", "2027-06" or "2027".
    pub ends_on: Option<String>,
    /// The last day it can end, when the sources leave the end open.
    pub ends_latest: Option<String>,
    /// Whether the sources leave the end uncertain (the warning then counts to the first day
    /// it may end).
    pub uncertain: bool,
    /// Who asked or invited.
    pub person: Option<String>,
    /// Why it was declined.
    pub reason: Option<String>,
}

impl From<NoticeParams> for NotificationParams {
    fn from(p: NoticeParams) -> Self {
        Self {
            cluster: p.cluster,
            organisation: p.organisation,
            title: p.title,
            label: p.label,
            action: p.action,
            approved: p.approved,
            days: p.days,
            ends_on: p.ends_on,
            ends_latest: p.ends_latest,
            uncertain: p.uncertain,
            person: p.person,
            reason: p.reason,
        }
    }
}

/// How one kind of notification is mailed to the signed-in account.
#[derive(SimpleObject)]
pub struct NotificationPreference {
    /// The kind.
    pub kind: NotificationKind,
    /// How it is mailed.
    pub email: EmailFrequency,
    /// True while the account has not chosen (the registry's default applies).
    pub is_default: bool,
}

impl From<Preference> for NotificationPreference {
    fn from(p: Preference) -> Self {
        Self {
            kind: p.kind.into(),
            email: p.email.into(),
            is_default: p.is_default,
        }
    }
}

/// The signed-in account's inbox, as a live subscription sends it.
#[derive(SimpleObject)]
pub struct InboxState {
    /// How many notifications are unread.
    pub unread_count: i32,
    /// The newest notification, if any.
    pub latest: Option<Notification>,
}

/// Something the signed-in account follows.
pub struct Follow(pub follow::Model);

/// Something followed.
#[Object]
impl Follow {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Follow, self.0.id)
    }
    /// What kind of thing.
    async fn target(&self) -> FollowTarget {
        self.0.target.into()
    }
    /// The cluster followed.
    async fn cluster(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<super::cluster::Cluster>> {
        match self.0.cluster_id {
            Some(id) => super::cluster_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The organisation followed.
    async fn organisation(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<super::organisation::Organisation>> {
        super::organisation_by_id(ctx, self.0.organisation_id).await
    }
    /// The sector of the board's notices followed (its code).
    async fn sector(&self) -> Option<&str> {
        self.0.sector_code.as_deref()
    }
    /// The voivodeship of the board's notices followed.
    async fn voivodeship(&self) -> Option<VoivodeshipCode> {
        self.0
            .voivodeship_teryt
            .as_deref()
            .and_then(VoivodeshipCode::from_teryt)
    }
    /// When it was followed.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}

/// A search the signed-in account saved.
pub struct SavedSearch(pub saved_search::Model);

/// A saved search.
#[Object]
impl SavedSearch {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::SavedSearch, self.0.id)
    }
    /// Its name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Where it looks.
    async fn scope(&self) -> SearchScope {
        self.0.scope.into()
    }
    /// The filter, as saved.
    async fn filter(&self) -> SavedSearchFilter {
        let filter: SavedFilter = serde_json::from_str(&self.0.filter).unwrap_or_default();
        SavedSearchFilter {
            text: filter.text,
            voivodeships: filter
                .voivodeships
                .iter()
                .filter_map(|t| VoivodeshipCode::from_teryt(t))
                .collect(),
            sectors: filter.sectors,
            kinds: filter.kinds,
            categories: filter.categories,
            kkk_active: filter.kkk_active,
            esca_levels: filter.esca_levels,
        }
    }
    /// When it was saved.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}

/// A saved search's filter; an empty field matches anything.
#[derive(SimpleObject)]
pub struct SavedSearchFilter {
    /// Words the name or description must contain.
    pub text: Option<String>,
    /// Voivodeships, any of which.
    pub voivodeships: Vec<VoivodeshipCode>,
    /// Sector codes, any of which.
    pub sectors: Vec<String>,
    /// Notice kinds, any of which (BOARD).
    pub kinds: Vec<String>,
    /// Notice categories, any of which (BOARD).
    pub categories: Vec<String>,
    /// Only clusters holding a KKK status (DIRECTORY).
    pub kkk_active: bool,
    /// ESCA levels, any of which (DIRECTORY).
    pub esca_levels: Vec<String>,
}

/// The notification pipeline, for operators.
#[derive(SimpleObject)]
pub struct NotificationPipeline {
    /// Notifications written in the last 24 hours.
    pub notifications_last_day: u64,
    /// Notifications not yet read.
    pub unread: u64,
    /// Notifications waiting for a daily or weekly digest.
    pub awaiting_digest: u64,
    /// Notifications mailed, at once or in a digest.
    pub mailed: u64,
    /// Notifications their accounts chose not to have mailed.
    pub not_mailed: u64,
    /// Mails waiting to be sent (a first try or a retry).
    pub mails_pending: u64,
    /// Mails the SMTP server accepted.
    pub mails_sent: u64,
    /// Mails given up on after a day of tries, or refused for good.
    pub mails_failed: u64,
    /// Mails that needed more than one try.
    pub mails_retried: u64,
}

impl From<pipeline::Pipeline> for NotificationPipeline {
    fn from(p: pipeline::Pipeline) -> Self {
        Self {
            notifications_last_day: p.notifications_last_day,
            unread: p.unread,
            awaiting_digest: p.awaiting_digest,
            mailed: p.mailed,
            not_mailed: p.not_mailed,
            mails_pending: p.mails_pending,
            mails_sent: p.mails_sent,
            mails_failed: p.mails_failed,
            mails_retried: p.mails_retried,
        }
    }
}
