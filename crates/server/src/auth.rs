//! Who is asking: the caller behind a request's `Authorization` header or a WebSocket's
//! `connection_init`, and the check of that caller again while a socket stays open.
//!
//! A request with no credential is anonymous; one with a credential that does not hold (a
//! forged, expired or revoked token, an ended session) is refused, never served as anonymous.

use crate::refusal::Refusal;
use crate::state::AppState;
use axum::http::{HeaderMap, header};
use klastry_domain::accounts::api_tokens;
use klastry_domain::accounts::sessions;
use klastry_domain::rules::access::Viewer;

/// What a caller proved who they are with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// Nothing: an anonymous caller.
    None,
    /// An account's access token.
    Account {
        /// The account.
        user_id: i32,
        /// The sign-in session the token belongs to; ending it ends the token.
        session_id: i32,
        /// When the access token stops working (seconds since the epoch).
        expires_at: i64,
    },
    /// A partner's API token.
    ApiToken {
        /// The token's row.
        token_id: i32,
        /// The token's secret, to check it again (kept only in this process's memory).
        secret: String,
        /// What the token may do.
        scopes: Vec<api_tokens::ApiScope>,
    },
}

/// Who is asking, and with what.
#[derive(Debug, Clone)]
pub struct Caller {
    /// What the request may see and do.
    pub viewer: Viewer,
    /// How the caller proved it.
    pub credential: Credential,
}

impl Caller {
    /// Nobody signed in.
    pub fn anonymous() -> Self {
        Self {
            viewer: Viewer::Anonymous,
            credential: Credential::None,
        }
    }

    /// The scopes of the API token the caller holds; None for people and anonymous callers.
    pub fn token_scopes(&self) -> Option<&[api_tokens::ApiScope]> {
        match &self.credential {
            Credential::ApiToken { scopes, .. } => Some(scopes),
            _ => None,
        }
    }
}

const SEND_AS_BEARER: &str = "send the access token as `Authorization: Bearer <token>`";

/// The caller of an HTTP request, from its `Authorization` header.
pub async fn from_headers(state: &AppState, headers: &HeaderMap) -> Result<Caller, Refusal> {
    let authorization = match headers.get(header::AUTHORIZATION) {
        None => None,
        Some(value) => Some(
            value
                .to_str()
                .map_err(|_| Refusal::unauthenticated(SEND_AS_BEARER))?,
        ),
    };
    authenticate(state, authorization).await
}

/// The caller behind the value of an `Authorization` header (or a WebSocket's
/// `connection_init` payload): an account's access token or a partner's API token.
pub async fn authenticate(
    state: &AppState,
    authorization: Option<&str>,
) -> Result<Caller, Refusal> {
    let Some(value) = authorization else {
        return Ok(Caller::anonymous());
    };
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Refusal::unauthenticated(SEND_AS_BEARER))?;
    if token.starts_with(api_tokens::TOKEN_PREFIX) {
        return api_token(state, token).await;
    }
    let claims = state
        .keys
        .verify(token)
        .map_err(|e| Refusal::unauthenticated(e.to_string()))?;
    let actor = sessions::load_session_actor(&state.db, claims.user_id, claims.session_id)
        .await
        .map_err(|error| Refusal::internal("loading the signed-in account", &error))?
        .ok_or_else(|| {
            Refusal::unauthenticated("the session of this token has ended; sign in again")
        })?;
    Ok(Caller {
        viewer: Viewer::Signed(actor),
        credential: Credential::Account {
            user_id: claims.user_id,
            session_id: claims.session_id,
            expires_at: claims.expires_at,
        },
    })
}

async fn api_token(state: &AppState, secret: &str) -> Result<Caller, Refusal> {
    let caller = api_tokens::authenticate(&state.db, secret)
        .await
        .map_err(|error| Refusal::internal("checking an API token", &error))?;
    let Some(token) = caller else {
        return Err(Refusal::unauthenticated(
            "the API token is not valid, was revoked, or its creator no longer holds the role that made it",
        ));
    };
    Ok(Caller {
        credential: Credential::ApiToken {
            token_id: token.token_id,
            secret: secret.to_owned(),
            scopes: token.scopes.clone(),
        },
        viewer: Viewer::Signed(token.actor),
    })
}

/// Checks a caller again, as a WebSocket does before each operation and while subscriptions
/// run: the token must still be live, the session not ended, the access token not expired.
/// Answers the caller as it now stands; a caller whose rights shrank since `caller` was taken
/// is refused with FORBIDDEN, so that a socket never goes on with rights it no longer has.
pub async fn recheck(state: &AppState, caller: &Caller) -> Result<Caller, Refusal> {
    let fresh = match &caller.credential {
        Credential::None => return Ok(caller.clone()),
        Credential::Account {
            user_id,
            session_id,
            expires_at,
        } => {
            if *expires_at <= chrono::Utc::now().timestamp() {
                return Err(Refusal::unauthenticated(
                    "the access token has expired; connect again with a fresh one",
                ));
            }
            let actor = sessions::load_session_actor(&state.db, *user_id, *session_id)
                .await
                .map_err(|error| Refusal::internal("loading the signed-in account", &error))?
                .ok_or_else(|| {
                    Refusal::unauthenticated("the session of this token has ended; sign in again")
                })?;
            Caller {
                viewer: Viewer::Signed(actor),
                credential: caller.credential.clone(),
            }
        }
        Credential::ApiToken { secret, .. } => api_token(state, secret).await?,
    };
    if let (Viewer::Signed(before), Viewer::Signed(now)) = (&caller.viewer, &fresh.viewer)
        && !now.holds_every_right_of(before)
    {
        return Err(Refusal::forbidden(
            "a role of this account was revoked; connect again",
        ));
    }
    Ok(fresh)
}

/// The client's network address: the connection's peer or, when the peer is one of the
/// trusted proxies (`KLASTRY_TRUSTED_PROXIES`), the last address that proxy added to
/// `X-Forwarded-For`. None when the server was not told its peers (a request run in-process).
pub fn client_address(
    state: &AppState,
    extensions: &axum::http::Extensions,
    headers: &HeaderMap,
) -> Option<std::net::IpAddr> {
    let peer = extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip())?;
    if !state.trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|entry| entry.trim().parse::<std::net::IpAddr>().ok())
        .next_back();
    Some(forwarded.unwrap_or(peer))
}
