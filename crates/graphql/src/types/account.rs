//! Accounts, their roles, sign-in sessions and the audit trail.

use super::enums::UserRoleKind;
use super::{cluster_by_id, organisation_by_id};
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id};
use crate::types::cluster::Cluster;
use crate::types::organisation::Organisation;
use async_graphql::{Context, ID, Json, Object, Result, SimpleObject};
use klastry_domain::platform::audit;
use klastry_entity::{app_user, audit_entry, user_role};

/// A user account.
pub struct User(pub app_user::Model);

/// A user account.
#[Object]
impl User {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::User, self.0.id)
    }
    /// Sign-in e-mail.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// The name shown for the account.
    async fn display_name(&self) -> &str {
        &self.0.display_name
    }
    /// Whether the account operates the whole registry.
    async fn is_operator(&self) -> bool {
        self.0.is_operator
    }
    /// When the account was made.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// The language the account reads mail and the web app in.
    async fn language(&self) -> super::enums::Language {
        klastry_domain::rules::languages::Language::from_code(&self.0.language).into()
    }
    /// Whether the owner proved the address theirs; an account signs in only then.
    async fn email_verified(&self) -> bool {
        self.0.email_verified_at.is_some()
    }
    /// When an operator disabled the account (or it was deleted); null while it works.
    async fn disabled_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.disabled_at
    }
    /// When its owner deleted it; its personal data was replaced then.
    async fn deleted_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.deleted_at
    }
    /// The roles it holds: shown to the account itself and operators, empty to others.
    async fn roles(&self, ctx: &Context<'_>) -> Result<Vec<UserRole>> {
        let may = crate::context::viewer(ctx)
            .account()
            .is_ok_and(|a| a.may_read_account(self.0.id));
        if !may {
            return Ok(Vec::new());
        }
        Ok(crate::context::loaders(ctx)
            .nodes()
            .roles_of_user
            .load_one(self.0.id)
            .await
            .or_api()?
            .unwrap_or_default()
            .into_iter()
            .map(UserRole)
            .collect())
    }
}

/// A role an account holds over a cluster or an organisation.
pub struct UserRole(pub user_role::Model);

/// A role an account holds over a cluster or an organisation.
#[Object]
impl UserRole {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::UserRole, self.0.id)
    }
    /// The role granted: coordinator of a cluster or member of an organisation.
    async fn role(&self) -> UserRoleKind {
        self.0.role.into()
    }
    /// The cluster a coordinator coordinates.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        match self.0.cluster_id {
            Some(id) => cluster_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The organisation a member acts for.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        organisation_by_id(ctx, self.0.organisation_id).await
    }
    /// Whether a member also manages the organisation: adds and removes its other users and
    /// decides their requests.
    async fn manages(&self) -> bool {
        self.0.manages
    }
    /// The account holding the role.
    async fn user(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        Ok(crate::context::loaders(ctx)
            .nodes()
            .users
            .load_one(self.0.user_id)
            .await
            .or_api()?
            .map(User))
    }
}

/// The signed-in account and what it may do.
pub struct Me {
    /// The signed-in account.
    pub user: app_user::Model,
    /// Its roles.
    pub roles: Vec<user_role::Model>,
}

/// The signed-in account and what it may do.
#[Object]
impl Me {
    /// The signed-in account.
    async fn user(&self) -> User {
        User(self.user.clone())
    }
    /// Its roles over clusters and organisations.
    async fn roles(&self) -> Vec<UserRole> {
        self.roles.iter().cloned().map(UserRole).collect()
    }
}

/// A signed-in session: send `accessToken` as `Authorization: Bearer …`; exchange
/// `refreshToken` for a new session before the access token expires.
#[derive(SimpleObject)]
pub struct Session {
    /// The account now signed in.
    pub user: User,
    /// Short-lived bearer token for the API.
    pub access_token: String,
    /// When the access token expires.
    pub access_token_expires_at: chrono::DateTime<chrono::Utc>,
    /// Works once, for a new session; keep it secret.
    pub refresh_token: String,
    /// When the refresh token expires.
    pub refresh_token_expires_at: chrono::DateTime<chrono::Utc>,
}

impl From<klastry_domain::accounts::sessions::Session> for Session {
    fn from(s: klastry_domain::accounts::sessions::Session) -> Self {
        Self {
            user: User(s.user),
            access_token: s.access_token,
            access_token_expires_at: s.access_token_expires_at,
            refresh_token: s.refresh_token,
            refresh_token_expires_at: s.refresh_token_expires_at,
        }
    }
}

/// One recorded change: who, when, what, before and after.
pub struct AuditEntry(pub audit_entry::Model);

/// One recorded change: who, when, what, before and after.
#[Object]
impl AuditEntry {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::AuditEntry, self.0.id)
    }
    /// When the change was made.
    async fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// The e-mail of the account that made it; null for the registry itself.
    async fn actor_email(&self) -> Option<&str> {
        self.0.actor_email.as_deref()
    }
    /// The global ID of the account that made it, to list its other changes with
    /// `auditTrail(filter: { actorId })`; null for the registry itself.
    async fn actor_id(&self) -> Option<ID> {
        self.0.actor_user_id.map(|id| global_id(NodeKind::User, id))
    }
    /// The name of the object changed (a cluster's or organisation's name, a person's, an
    /// event's), as it was after the change or, when deleted, before; null when it has none.
    async fn object_label(&self) -> Option<String> {
        audit::object_label(self.before_value().as_ref(), self.after_value().as_ref())
    }
    /// Each field the change set, with its value before and after as text, in field order
    /// (bookkeeping such as versions and derived fields left out). A creation lists what it
    /// set, a deletion what the object had.
    async fn changes(&self) -> Vec<AuditFieldChange> {
        audit::field_changes(self.before_value().as_ref(), self.after_value().as_ref())
            .into_iter()
            .map(|c| AuditFieldChange {
                field: c.field,
                before: c.before,
                after: c.after,
            })
            .collect()
    }
    /// What was done: CREATE, UPDATE, DELETE, or a workflow step (APPLY, APPROVE, REJECT,
    /// LEAVE, WITHDRAW, CHANGE_PASSWORD, MERGE when a duplicate was folded into another record,
    /// EXPIRING and LAPSED when a status neared or passed its end).
    async fn action(&self) -> &str {
        &self.0.action
    }
    /// The kind of object changed (Cluster, Membership, KkkCertification, ...).
    async fn object_type(&self) -> &str {
        &self.0.object_type
    }
    /// The global ID of the object changed.
    async fn object_id(&self) -> ID {
        let kind = match self.0.object_type.as_str() {
            "Cluster" => Some(NodeKind::Cluster),
            "Organisation" => Some(NodeKind::Organisation),
            "Membership" => Some(NodeKind::Membership),
            "KkkCertification" => Some(NodeKind::KkkCertification),
            "EscaLabel" => Some(NodeKind::EscaLabel),
            "Project" => Some(NodeKind::Project),
            "Event" => Some(NodeKind::Event),
            "Service" => Some(NodeKind::Service),
            "WorkingGroup" => Some(NodeKind::WorkingGroup),
            "Indicator" => Some(NodeKind::Indicator),
            "ClusterPerson" => Some(NodeKind::ClusterPerson),
            "CooperationOffer" => Some(NodeKind::CooperationOffer),
            "CooperationResponse" => Some(NodeKind::CooperationResponse),
            "User" => Some(NodeKind::User),
            "UserRole" => Some(NodeKind::UserRole),
            _ => None,
        };
        match kind {
            Some(kind) => global_id(kind, self.0.object_id),
            None => ID(self.0.object_id.to_string()),
        }
    }
    /// The object before the change (null when it was created).
    async fn before(&self) -> Option<Json<serde_json::Value>> {
        parse(self.0.before_json.as_deref())
    }
    /// The object after the change (null when it was deleted).
    async fn after(&self) -> Option<Json<serde_json::Value>> {
        parse(self.0.after_json.as_deref())
    }
}

impl AuditEntry {
    fn before_value(&self) -> Option<serde_json::Value> {
        self.0
            .before_json
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
    }
    fn after_value(&self) -> Option<serde_json::Value> {
        self.0
            .after_json
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
    }
}

/// One field a recorded change set.
#[derive(SimpleObject)]
pub struct AuditFieldChange {
    /// The field as the registry stores it (`description_pl`, `valid_until`, `status`); a web
    /// app words it in its language.
    pub field: String,
    /// Its value before the change, as text; null when it had none.
    pub before: Option<String>,
    /// Its value after the change, as text; null when it has none.
    pub after: Option<String>,
}

fn parse(text: Option<&str>) -> Option<Json<serde_json::Value>> {
    text.and_then(|t| serde_json::from_str(t).ok()).map(Json)
}
