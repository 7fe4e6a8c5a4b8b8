//! The signed-in session, kept in the browser's local storage so a reload stays signed in.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const KEY: &str = "klastry.session";

/// What the app keeps of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub email: String,
    pub display_name: String,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

thread_local! {
    // One signal for the whole app: the API client renews and ends sessions from async tasks,
    // where the reactive context is not at hand.
    static SIGNAL: std::cell::OnceCell<RwSignal<Option<Session>>> = const { std::cell::OnceCell::new() };
}

/// The session as a signal, for views that change when someone signs in or out.
pub fn signal() -> RwSignal<Option<Session>> {
    SIGNAL.with(|cell| *cell.get_or_init(|| RwSignal::new(current())))
}

/// The stored session, if any.
pub fn current() -> Option<Session> {
    let raw = storage()?.get_item(KEY).ok()??;
    serde_json::from_str(&raw).ok()
}

/// The access token to sign requests with.
pub fn access_token() -> Option<String> {
    current().map(|s| s.access_token)
}

/// Keeps a new or renewed session.
pub fn store(session: Session) {
    if let (Some(storage), Ok(raw)) = (storage(), serde_json::to_string(&session)) {
        let _ = storage.set_item(KEY, &raw);
    }
    signal().set(Some(session));
}

/// Forgets the session.
pub fn end() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
    signal().set(None);
}

/// Keeps a session the API opened: any operation's generated `Session` (with `accessToken`,
/// `refreshToken` and `user { email displayName }`).
macro_rules! keep {
    ($session:expr) => {{
        let s = $session;
        $crate::session::store($crate::session::Session {
            access_token: s.access_token,
            refresh_token: s.refresh_token,
            email: s.user.email,
            display_name: s.user.display_name,
        })
    }};
}
pub(crate) use keep;
