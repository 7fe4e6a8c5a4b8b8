//! Signing in and out: sessions, their access and refresh tokens.
//!
//! A sign-in opens a session. Its access token is a short-lived JWT (HS256) naming the account
//! and the session (`sid`); its refresh token, stored only as a SHA-256 hash, is used once:
//! refreshing revokes it and issues the next one of the same session. Every request checks that
//! its session has not ended, so ending a session (signing out, changing the password, a
//! disabled account) stops its access tokens at once rather than when they lapse. A refresh
//! token presented after it was spent means one of its copies was stolen: the whole session
//! ends, the thief's tokens and the owner's alike.

use crate::accounts::actors;
use crate::accounts::{passwords, sign_in_throttle};
use crate::db::transaction;
use crate::platform::secrets::{hash_token, random_text};
use crate::rules::access::Actor;
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use klastry_entity::{app_user, refresh_token, user_session};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set,
};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// The issuer named in, and required of, every access token.
const ISSUER: &str = "klastry";

/// Why a session ended, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// Its holder signed out.
    SignOut,
    /// The account's password was changed (every other session ends).
    PasswordChanged,
    /// A spent refresh token of the session was presented again.
    RefreshTokenReused,
    /// An operator disabled the account.
    AccountDisabled,
    /// The password was reset through a mailed link (every session ends).
    PasswordReset,
    /// The account's holder signed out everywhere.
    SignedOutEverywhere,
    /// The account was deleted.
    AccountDeleted,
}

impl EndReason {
    fn as_str(self) -> &'static str {
        match self {
            EndReason::SignOut => "SIGN_OUT",
            EndReason::PasswordChanged => "PASSWORD_CHANGED",
            EndReason::RefreshTokenReused => "REFRESH_TOKEN_REUSED",
            EndReason::AccountDisabled => "ACCOUNT_DISABLED",
            EndReason::PasswordReset => "PASSWORD_RESET",
            EndReason::SignedOutEverywhere => "SIGNED_OUT_EVERYWHERE",
            EndReason::AccountDeleted => "ACCOUNT_DELETED",
        }
    }
}

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

/// The claims of an access token, as signed.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    /// The account's id.
    sub: String,
    /// The session's id.
    sid: i32,
    /// Issuer.
    iss: String,
    /// Issued at (seconds since the epoch).
    iat: i64,
    /// Expires at (seconds since the epoch).
    exp: i64,
}

/// What a genuine access token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessClaims {
    /// The account.
    pub user_id: i32,
    /// The session the token belongs to.
    pub session_id: i32,
    /// When the token stops working (seconds since the epoch).
    pub expires_at: i64,
}

impl TokenKeys {
    /// Keys from a shared secret (at least 32 bytes), with 15-minute access and 30-day refresh
    /// tokens.
    pub fn from_secret(secret: &[u8]) -> DomainResult<Self> {
        if secret.len() < 32 {
            return Err(FieldError::new(
                "jwtSecret",
                FieldErrorCode::TooShort,
                "the token secret must be at least 32 bytes",
            )
            .min(32)
            .actual(secret.len())
            .into());
        }
        Ok(Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            access_ttl: Duration::minutes(15),
            refresh_ttl: Duration::days(30),
        })
    }

    /// Signs an access token of session `session_id` of `user_id`, valid from `now`.
    pub fn access_token(
        &self,
        user_id: i32,
        session_id: i32,
        now: DateTime<Utc>,
    ) -> DomainResult<String> {
        let claims = Claims {
            sub: user_id.to_string(),
            sid: session_id,
            iss: ISSUER.into(),
            iat: now.timestamp(),
            exp: (now + self.access_ttl).timestamp(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| DomainError::Data(format!("cannot sign a token: {e}")))
    }

    /// What an access token says, if it is genuine, unexpired, HS256 and names a session.
    pub fn verify(&self, token: &str) -> DomainResult<AccessClaims> {
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
        let user_id =
            data.claims.sub.parse().map_err(|_| {
                DomainError::Unauthenticated("the access token is not valid".into())
            })?;
        Ok(AccessClaims {
            user_id,
            session_id: data.claims.sid,
            expires_at: data.claims.exp,
        })
    }
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

/// Issues the next token pair of session `session_id`.
async fn issue<C: ConnectionTrait>(
    db: &C,
    keys: &TokenKeys,
    user: app_user::Model,
    session_id: i32,
) -> DomainResult<Session> {
    let now = Utc::now();
    let refresh = random_text::<32>()?;
    let refresh_expires = now + keys.refresh_ttl;
    refresh_token::ActiveModel {
        id: NotSet,
        user_id: Set(user.id),
        session_id: Set(Some(session_id)),
        token_hash: Set(hash_token(&refresh)),
        expires_at: Set(refresh_expires),
        revoked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(Session {
        access_token: keys.access_token(user.id, session_id, now)?,
        access_token_expires_at: now + keys.access_ttl,
        refresh_token: refresh,
        refresh_token_expires_at: refresh_expires,
        user,
    })
}

/// Opens a new session of `user`.
pub(crate) async fn open<C: ConnectionTrait>(
    db: &C,
    keys: &TokenKeys,
    user: app_user::Model,
) -> DomainResult<Session> {
    let now = Utc::now();
    let session = user_session::ActiveModel {
        id: NotSet,
        user_id: Set(user.id),
        ended_at: Set(None),
        ended_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    issue(db, keys, user, session.id).await
}

fn wrong_credentials() -> DomainError {
    DomainError::Unauthenticated("wrong e-mail or password".into())
}

/// Signs in with e-mail and password, from `address` when the client's address is known.
///
/// Wrong passwords are counted per account and per address; past the allowance a try is
/// refused with `Throttled` before its password is checked. A disabled account is answered
/// like a wrong password, so that the answer does not tell whether an account exists.
pub async fn sign_in(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    email: &str,
    password: &str,
    address: Option<IpAddr>,
) -> DomainResult<Session> {
    let now = Utc::now();
    let mut throttled = vec![sign_in_throttle::account(email)];
    throttled.extend(address.map(sign_in_throttle::address));
    sign_in_throttle::check(db, &throttled, now).await?;
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?
        .filter(|user| user.disabled_at.is_none());
    let matches =
        passwords::verify(password, user.as_ref().map(|u| u.password_hash.as_str())).await?;
    let Some(user) = user.filter(|_| matches) else {
        sign_in_throttle::record_failure(db, &throttled, now).await?;
        return Err(wrong_credentials());
    };
    sign_in_throttle::forget(db, &throttled[0]).await?;
    // Told only to whoever knows the password, so it reveals no account to a guesser.
    if user.email_verified_at.is_none() {
        return Err(DomainError::Unverified(
            "confirm your e-mail address first: follow the link mailed to you at sign-up, or ask for a new one".into(),
        ));
    }
    let txn = transaction::begin(db).await?;
    let session = open(&txn, keys, user).await?;
    txn.commit().await?;
    Ok(session)
}

fn refused_refresh() -> DomainError {
    DomainError::Unauthenticated("the refresh token is not valid; sign in again".into())
}

/// Ends session `session_id`, revoking its refresh tokens; its access tokens stop at once.
pub(crate) async fn end<C: ConnectionTrait>(
    db: &C,
    session_id: i32,
    reason: EndReason,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    user_session::Entity::update_many()
        .col_expr(user_session::Column::EndedAt, Expr::value(now))
        .col_expr(
            user_session::Column::EndedReason,
            Expr::value(reason.as_str()),
        )
        .col_expr(user_session::Column::UpdatedAt, Expr::value(now))
        .filter(user_session::Column::Id.eq(session_id))
        .filter(user_session::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .col_expr(refresh_token::Column::UpdatedAt, Expr::value(now))
        .filter(refresh_token::Column::SessionId.eq(session_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of `user_id` but `keep` (the one asking, when it should go on).
pub(crate) async fn end_all<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    keep: Option<i32>,
    reason: EndReason,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let mut sessions = user_session::Entity::update_many()
        .col_expr(user_session::Column::EndedAt, Expr::value(now))
        .col_expr(
            user_session::Column::EndedReason,
            Expr::value(reason.as_str()),
        )
        .col_expr(user_session::Column::UpdatedAt, Expr::value(now))
        .filter(user_session::Column::UserId.eq(user_id))
        .filter(user_session::Column::EndedAt.is_null());
    let mut tokens = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .col_expr(refresh_token::Column::UpdatedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        sessions = sessions.filter(user_session::Column::Id.ne(keep));
        tokens = tokens.filter(
            sea_orm::Condition::any()
                .add(refresh_token::Column::SessionId.is_null())
                .add(refresh_token::Column::SessionId.ne(keep)),
        );
    }
    sessions.exec(db).await?;
    tokens.exec(db).await?;
    Ok(())
}

/// Exchanges a refresh token for the next pair of its session; the old token stops working.
/// A token that was already spent ends its whole session.
pub async fn refresh(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    token: &str,
) -> DomainResult<Session> {
    let now = Utc::now();
    let txn = transaction::begin(db).await?;
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
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .one(&txn)
        .await?;
    let Some(row) = row else {
        return Err(refused_refresh());
    };
    let Some(session_id) = row.session_id else {
        txn.commit().await?;
        return Err(refused_refresh());
    };
    if revoked.rows_affected != 1 {
        if row.revoked_at.is_some() {
            // Spent before: whoever holds the newer tokens, the session is no longer safe.
            end(&txn, session_id, EndReason::RefreshTokenReused, now).await?;
            txn.commit().await?;
            tracing::warn!(
                session_id,
                user_id = row.user_id,
                "a spent refresh token was presented again; its session is ended"
            );
        }
        return Err(refused_refresh());
    }
    let live = user_session::Entity::find_by_id(session_id)
        .one(&txn)
        .await?
        .is_some_and(|s| s.ended_at.is_none());
    let user = app_user::Entity::find_by_id(row.user_id)
        .one(&txn)
        .await?
        .filter(|u| u.disabled_at.is_none());
    let (true, Some(user)) = (live, user) else {
        return Err(refused_refresh());
    };
    let session = issue(&txn, keys, user, session_id).await?;
    txn.commit().await?;
    Ok(session)
}

/// Signs out: ends the session the refresh token belongs to, so its access tokens stop too.
/// Signing out twice, or with an unknown token, is not an error.
pub async fn sign_out(db: &DatabaseConnection, token: &str) -> DomainResult<()> {
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?;
    let now = Utc::now();
    match row.and_then(|r| r.session_id) {
        Some(session_id) => {
            let txn = transaction::begin(db).await?;
            end(&txn, session_id, EndReason::SignOut, now).await?;
            txn.commit().await?;
        }
        None => {
            refresh_token::Entity::update_many()
                .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
                .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
                .filter(refresh_token::Column::RevokedAt.is_null())
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// The account `user_id` signed in through session `session_id`, with its roles; None when the
/// session has ended, belongs to another account, or the account is gone or disabled.
pub async fn load_session_actor<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    session_id: i32,
) -> DomainResult<Option<Actor>> {
    let live = user_session::Entity::find_by_id(session_id)
        .filter(user_session::Column::UserId.eq(user_id))
        .filter(user_session::Column::EndedAt.is_null())
        .one(db)
        .await?
        .is_some();
    if !live {
        return Ok(None);
    }
    let mut actor = actors::load_actor(db, user_id).await?;
    if let Some(actor) = &mut actor {
        actor.session_id = Some(session_id);
    }
    Ok(actor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn keys() -> TokenKeys {
        TokenKeys::from_secret(&[7u8; 32]).expect("a 32-byte secret is enough")
    }

    #[test]
    fn an_access_token_names_its_account_and_session() {
        let token = keys()
            .access_token(42, 7, Utc::now())
            .expect("signing works");
        let claims = keys().verify(&token).expect("genuine");
        assert_eq!((claims.user_id, claims.session_id), (42, 7));
    }

    #[test]
    fn expired_tampered_sessionless_and_foreign_tokens_are_refused() {
        let expired = keys()
            .access_token(42, 7, Utc::now() - Duration::hours(1))
            .expect("signing works");
        assert!(matches!(
            keys().verify(&expired),
            Err(DomainError::Unauthenticated(m)) if m.contains("expired")
        ));
        let foreign = TokenKeys::from_secret(&[8u8; 32])
            .expect("a 32-byte secret is enough")
            .access_token(42, 7, Utc::now())
            .expect("signing works");
        assert!(keys().verify(&foreign).is_err());
        let genuine = keys()
            .access_token(42, 7, Utc::now())
            .expect("signing works");
        let mut parts: Vec<String> = genuine.split('.').map(String::from).collect();
        parts[1] = URL_SAFE_NO_PAD
            .encode(br#"{"sub":"1","sid":7,"iss":"klastry","iat":0,"exp":9999999999}"#);
        assert!(keys().verify(&parts.join(".")).is_err());
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
            parts[1]
        );
        assert!(keys().verify(&none).is_err());
        // A token from before sessions names none.
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let old_claims = URL_SAFE_NO_PAD.encode(
            format!(
                r#"{{"sub":"42","iss":"klastry","iat":0,"exp":{}}}"#,
                Utc::now().timestamp() + 600
            )
            .as_bytes(),
        );
        let signed = {
            use hmac::{Hmac, Mac};
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&[7u8; 32]).expect("any length");
            mac.update(format!("{header}.{old_claims}").as_bytes());
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        };
        assert!(
            keys()
                .verify(&format!("{header}.{old_claims}.{signed}"))
                .is_err()
        );
    }

    #[test]
    fn short_secrets_are_refused() {
        assert!(TokenKeys::from_secret(b"too short").is_err());
    }
}
