//! Accounts, passwords, sign-in sessions and role grants.
//!
//! Passwords are stored as Argon2id hashes. A session is a short-lived JWT access token (HS256,
//! checked without the database) and a long-lived refresh token, stored only as its SHA-256 hash
//! so that a copy of the database cannot sign anyone in. A refresh token is used once: refreshing
//! revokes it and issues a new pair; signing out or changing the password revokes them.

use crate::rules::access::Actor;
use crate::rules::validation::{self, Checks};
use crate::services::audit::{self, Change};
use crate::{DomainError, DomainResult};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use klastry_entity::{UserRoleKind, app_user, refresh_token, user_role};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The issuer named in, and required of, every access token.
const ISSUER: &str = "klastry";

/// Keys and lifetimes of sign-in tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// How long an access token works.
    pub access_ttl: Duration,
    /// How long a refresh token works.
    pub refresh_ttl: Duration,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("access_ttl", &self.access_ttl)
            .field("refresh_ttl", &self.refresh_ttl)
            .finish_non_exhaustive()
    }
}

/// The claims of an access token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The account's id.
    pub sub: String,
    /// Issuer.
    pub iss: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
}

impl TokenKeys {
    /// Keys from a shared secret (at least 32 bytes), with 15-minute access and 30-day refresh tokens.
    pub fn from_secret(secret: &[u8]) -> DomainResult<Self> {
        if secret.len() < 32 {
            return Err(DomainError::invalid(
                "jwtSecret",
                "the token secret must be at least 32 bytes",
            ));
        }
        Ok(Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            access_ttl: Duration::minutes(15),
            refresh_ttl: Duration::days(30),
        })
    }

    /// Signs an access token for `user_id` valid from `now`.
    pub fn access_token(&self, user_id: i32, now: DateTime<Utc>) -> DomainResult<String> {
        let claims = Claims {
            sub: user_id.to_string(),
            iss: ISSUER.into(),
            iat: now.timestamp(),
            exp: (now + self.access_ttl).timestamp(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| DomainError::Data(format!("cannot sign a token: {e}")))
    }

    /// The account id an access token names, if the token is genuine, unexpired and HS256.
    pub fn verify(&self, token: &str) -> DomainResult<i32> {
        let mut rules = Validation::new(Algorithm::HS256);
        rules.leeway = 5;
        rules.set_issuer(&[ISSUER]);
        rules.set_required_spec_claims(&["exp", "iss", "sub"]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &rules).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind;
            let why = match e.kind() {
                ErrorKind::ExpiredSignature => "the access token has expired; refresh it",
                ErrorKind::InvalidSignature => "the access token's signature is not valid",
                ErrorKind::InvalidAlgorithm => "the access token is not signed with HS256",
                _ => "the access token is not valid",
            };
            DomainError::Unauthenticated(why.into())
        })?;
        data.claims
            .sub
            .parse()
            .map_err(|_| DomainError::Unauthenticated("the access token is not valid".into()))
    }
}

/// A fresh random secret for signing tokens, base64url.
pub fn random_secret() -> DomainResult<String> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<48>()?))
}

pub(crate) fn random_bytes<const N: usize>() -> DomainResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| DomainError::Data(format!("no randomness available: {e}")))?;
    Ok(bytes)
}

pub(crate) fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Hashes a password with Argon2id and a random salt.
pub fn hash_password(password: &str) -> DomainResult<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| DomainError::Data(format!("cannot hash a password: {e}")))
}

/// Whether `password` matches a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// What a new account is made of.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Sign-in e-mail.
    pub email: String,
    /// Password in clear; only its hash is kept.
    pub password: String,
    /// Name shown for the account.
    pub display_name: String,
    /// Whether the account operates the registry.
    pub is_operator: bool,
}

/// Checks a new account's fields, returning the normalised e-mail and name.
fn check_new_user(user: &NewUser) -> DomainResult<(String, String)> {
    let mut checks = Checks::default();
    let email = checks.check(validation::email("email", &user.email));
    checks.check(validation::password("password", &user.password));
    let name = checks.check(validation::required_text(
        "displayName",
        &user.display_name,
        200,
    ));
    checks.finish()?;
    match (email, name) {
        (Some(email), Some(name)) => Ok((email.to_lowercase(), name)),
        _ => Err(DomainError::invalid("email", "is required")),
    }
}

/// Creates an account; the e-mail must be new. `actor` is recorded in the audit trail.
pub async fn create_user<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    user: &NewUser,
) -> DomainResult<app_user::Model> {
    let (email, display_name) = check_new_user(user)?;
    if app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some()
    {
        return Err(DomainError::invalid(
            "email",
            "an account with this e-mail already exists",
        ));
    }
    let now = Utc::now();
    let created = app_user::ActiveModel {
        id: NotSet,
        email: Set(email),
        password_hash: Set(hash_password(&user.password)?),
        display_name: Set(display_name),
        is_operator: Set(user.is_operator),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        actor,
        Change::created("User", created.id, &created).scoped(None, None),
    )
    .await?;
    Ok(created)
}

/// A signed-in session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The account.
    pub user: app_user::Model,
    /// Short-lived bearer token for the API.
    pub access_token: String,
    /// When the access token expires.
    pub access_token_expires_at: DateTime<Utc>,
    /// Token that gets a new session once; keep it secret.
    pub refresh_token: String,
    /// When the refresh token expires.
    pub refresh_token_expires_at: DateTime<Utc>,
}

async fn open_session<C: ConnectionTrait>(
    db: &C,
    keys: &TokenKeys,
    user: app_user::Model,
) -> DomainResult<Session> {
    let now = Utc::now();
    let refresh = URL_SAFE_NO_PAD.encode(random_bytes::<32>()?);
    let refresh_expires = now + keys.refresh_ttl;
    refresh_token::ActiveModel {
        id: NotSet,
        user_id: Set(user.id),
        token_hash: Set(hash_token(&refresh)),
        expires_at: Set(refresh_expires),
        revoked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(Session {
        access_token: keys.access_token(user.id, now)?,
        access_token_expires_at: now + keys.access_ttl,
        refresh_token: refresh,
        refresh_token_expires_at: refresh_expires,
        user,
    })
}

fn wrong_credentials() -> DomainError {
    DomainError::Unauthenticated("wrong e-mail or password".into())
}

/// Signs in with e-mail and password.
pub async fn sign_in<C: ConnectionTrait>(
    db: &C,
    keys: &TokenKeys,
    email: &str,
    password: &str,
) -> DomainResult<Session> {
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?;
    let Some(user) = user else {
        // Hash anyway, so the answer takes as long whether or not the account exists.
        let _ = hash_password(password);
        return Err(wrong_credentials());
    };
    if !verify_password(password, &user.password_hash) {
        return Err(wrong_credentials());
    }
    open_session(db, keys, user).await
}

fn refused_refresh() -> DomainError {
    DomainError::Unauthenticated("the refresh token is not valid; sign in again".into())
}

/// Exchanges a refresh token for a new session; the old token stops working.
pub async fn refresh(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    token: &str,
) -> DomainResult<Session> {
    let txn = crate::services::writes::begin(db).await?;
    let now = Utc::now();
    // Revoking first and counting what was revoked makes a token usable exactly once, even by
    // two requests racing with it.
    let revoked = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .col_expr(refresh_token::Column::UpdatedAt, Expr::value(now))
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .filter(refresh_token::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if revoked.rows_affected != 1 {
        return Err(refused_refresh());
    }
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .one(&txn)
        .await?
        .ok_or_else(refused_refresh)?;
    let user = app_user::Entity::find_by_id(row.user_id)
        .one(&txn)
        .await?
        .ok_or_else(refused_refresh)?;
    let session = open_session(&txn, keys, user).await?;
    txn.commit().await?;
    Ok(session)
}

/// Revokes a refresh token. Signing out twice is not an error.
pub async fn sign_out<C: ConnectionTrait>(db: &C, token: &str) -> DomainResult<()> {
    let now = Utc::now();
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .col_expr(refresh_token::Column::UpdatedAt, Expr::value(now))
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Changes the signed-in account's password and revokes all its refresh tokens.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: &Actor,
    current: &str,
    new: &str,
) -> DomainResult<()> {
    validation::password("newPassword", new)?;
    let txn = crate::services::writes::begin(db).await?;
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::Unauthenticated("the account no longer exists".into()))?;
    if !verify_password(current, &user.password_hash) {
        return Err(DomainError::invalid(
            "currentPassword",
            "the current password is wrong",
        ));
    }
    let now = Utc::now();
    let mut row: app_user::ActiveModel = user.into();
    row.password_hash = Set(hash_password(new)?);
    row.updated_at = Set(now);
    row.update(&txn).await?;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(actor.user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(actor),
        Change::action("CHANGE_PASSWORD", "User", actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The account `user_id` with its roles, if it exists.
pub async fn load_actor<C: ConnectionTrait>(db: &C, user_id: i32) -> DomainResult<Option<Actor>> {
    let Some(user) = app_user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    Ok(Some(Actor {
        user_id: user.id,
        email: user.email,
        is_operator: user.is_operator,
        coordinated_clusters: roles
            .iter()
            .filter(|r| r.role == UserRoleKind::Coordinator)
            .filter_map(|r| r.cluster_id)
            .collect(),
        member_organisations: roles
            .iter()
            .filter(|r| r.role == UserRoleKind::Member)
            .filter_map(|r| r.organisation_id)
            .collect(),
    }))
}

/// The account `user_id`, if it exists.
pub async fn user<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> DomainResult<Option<app_user::Model>> {
    Ok(app_user::Entity::find_by_id(user_id).one(db).await?)
}

/// The roles an account holds.
pub async fn roles<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> DomainResult<Vec<user_role::Model>> {
    Ok(user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?)
}

/// What a role grant names: a cluster to coordinate or an organisation to act for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// Coordinate this cluster.
    Coordinator(i32),
    /// Act for this organisation.
    Member(i32),
}

/// Gives `user_id` a role. Operators may grant anything; a coordinator may make further
/// coordinators of their own cluster.
pub async fn grant_role(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    grant: Grant,
) -> DomainResult<user_role::Model> {
    match grant {
        Grant::Coordinator(cluster) => actor.require_coordinator(cluster)?,
        Grant::Member(_) => actor.require_operator()?,
    }
    let txn = crate::services::writes::begin(db).await?;
    if user(&txn, user_id).await?.is_none() {
        return Err(DomainError::not_found("user", user_id));
    }
    let (role, cluster_id, organisation_id) = match grant {
        Grant::Coordinator(cluster) => {
            crate::services::writes::require_exists::<klastry_entity::cluster::Entity, _>(
                &txn, cluster, "cluster",
            )
            .await?;
            (UserRoleKind::Coordinator, Some(cluster), None)
        }
        Grant::Member(organisation) => {
            crate::services::writes::require_exists::<klastry_entity::organisation::Entity, _>(
                &txn,
                organisation,
                "organisation",
            )
            .await?;
            (UserRoleKind::Member, None, Some(organisation))
        }
    };
    let existing = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(role))
        .filter(match cluster_id {
            Some(c) => user_role::Column::ClusterId.eq(c),
            None => user_role::Column::ClusterId.is_null(),
        })
        .filter(match organisation_id {
            Some(o) => user_role::Column::OrganisationId.eq(o),
            None => user_role::Column::OrganisationId.is_null(),
        })
        .one(&txn)
        .await?;
    if let Some(existing) = existing {
        return Ok(existing);
    }
    let now = Utc::now();
    let created = user_role::ActiveModel {
        id: NotSet,
        user_id: Set(user_id),
        role: Set(role),
        cluster_id: Set(cluster_id),
        organisation_id: Set(organisation_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor),
        Change::created("UserRole", created.id, &created).scoped(cluster_id, organisation_id),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Takes a role away, with the same rights as granting it.
pub async fn revoke_role(
    db: &DatabaseConnection,
    actor: &Actor,
    role_id: i32,
) -> DomainResult<user_role::Model> {
    let txn = crate::services::writes::begin(db).await?;
    let role = user_role::Entity::find_by_id(role_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("role", role_id))?;
    match (role.role, role.cluster_id) {
        (UserRoleKind::Coordinator, Some(cluster)) => actor.require_coordinator(cluster)?,
        _ => actor.require_operator()?,
    }
    user_role::Entity::delete_by_id(role_id).exec(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        Change::deleted("UserRole", role.id, &role).scoped(role.cluster_id, role.organisation_id),
    )
    .await?;
    txn.commit().await?;
    Ok(role)
}

/// The demo accounts made with the demo registry: (e-mail, password, what it may do).
pub const DEMO_ACCOUNTS: &[(&str, &str, &str)] = &[
    (
        "operator@klastry.demo",
        "demo-operator-2026",
        "operator of the whole registry",
    ),
    (
        "koordynator@klastry.demo",
        "demo-koordynator-2026",
        "coordinator of the first demo cluster",
    ),
    (
        "czlonek@klastry.demo",
        "demo-czlonek-2026",
        "member acting for the first demo organisation",
    ),
];

/// Creates the demo accounts unless they exist: an operator, the coordinator of the cluster
/// `cluster_slug` and a member acting for organisation `organisation_id`. Returns whether any
/// was created.
pub async fn ensure_demo_accounts<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    cluster_id: i32,
    organisation_id: i32,
) -> DomainResult<bool> {
    let mut created_any = false;
    for (index, (email, password, _)) in DEMO_ACCOUNTS.iter().enumerate() {
        let exists = app_user::Entity::find()
            .filter(app_user::Column::Email.eq(*email))
            .one(db)
            .await?;
        if exists.is_some() {
            continue;
        }
        let user = create_user(
            db,
            None,
            &NewUser {
                email: (*email).into(),
                password: (*password).into(),
                display_name: match index {
                    0 => "Operator (demo)",
                    1 => "Koordynator klastra (demo)",
                    _ => "Członek klastra (demo)",
                }
                .into(),
                is_operator: index == 0,
            },
        )
        .await?;
        let now = Utc::now();
        let grant = match index {
            1 => Some((UserRoleKind::Coordinator, Some(cluster_id), None)),
            2 => Some((UserRoleKind::Member, None, Some(organisation_id))),
            _ => None,
        };
        if let Some((role, cluster_id, organisation_id)) = grant {
            user_role::ActiveModel {
                id: NotSet,
                user_id: Set(user.id),
                role: Set(role),
                cluster_id: Set(cluster_id),
                organisation_id: Set(organisation_id),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
        }
        created_any = true;
    }
    Ok(created_any)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::from_secret(&[7u8; 32]).expect("a 32-byte secret is enough")
    }

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("correct horse battery").expect("hashing works");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse battery!", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn an_access_token_names_its_account() {
        let token = keys().access_token(42, Utc::now()).expect("signing works");
        assert_eq!(keys().verify(&token).ok(), Some(42));
    }

    #[test]
    fn expired_tampered_and_foreign_tokens_are_refused() {
        let expired = keys()
            .access_token(42, Utc::now() - Duration::hours(1))
            .expect("signing works");
        assert!(matches!(
            keys().verify(&expired),
            Err(DomainError::Unauthenticated(m)) if m.contains("expired")
        ));
        let foreign = TokenKeys::from_secret(&[8u8; 32])
            .expect("a 32-byte secret is enough")
            .access_token(42, Utc::now())
            .expect("signing works");
        assert!(keys().verify(&foreign).is_err());
        let genuine = keys().access_token(42, Utc::now()).expect("signing works");
        let mut parts: Vec<String> = genuine.split('.').map(String::from).collect();
        parts[1] =
            URL_SAFE_NO_PAD.encode(br#"{"sub":"1","iss":"klastry","iat":0,"exp":9999999999}"#);
        assert!(keys().verify(&parts.join(".")).is_err());
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
            parts[1]
        );
        assert!(keys().verify(&none).is_err());
    }

    #[test]
    fn short_secrets_are_refused() {
        assert!(TokenKeys::from_secret(b"too short").is_err());
    }

    #[test]
    fn refresh_tokens_are_stored_as_hashes() {
        let hash = hash_token("abc");
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, "abc");
    }
}
