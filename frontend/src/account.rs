//! What the app knows of the signed-in account: its roles, as a context for the whole app that
//! is refetched when the session changes.

use crate::api;
use crate::queries::{Me, me};
use crate::session;
use crate::values::code;
use leptos::prelude::*;

/// A role the signed-in account holds.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleInfo {
    /// The role's global ID.
    pub id: String,
    /// COORDINATOR or MEMBER.
    pub kind: String,
    /// (id, slug, name) of the cluster a coordinator coordinates.
    pub cluster: Option<(String, String, String)>,
    /// (id, name) of the organisation a member acts for.
    pub organisation: Option<(String, String)>,
}

/// What the app needs to know of the signed-in account.
#[derive(Debug, Clone, PartialEq)]
pub struct MeInfo {
    /// The account's global ID.
    pub id: String,
    pub email: String,
    /// The account's language: the API's `Language` (`PL`, `EN`).
    pub language: String,
    pub is_operator: bool,
    /// Every role it holds.
    pub roles: Vec<RoleInfo>,
    /// (organisation id, name) the account acts for as a member.
    pub member_of: Option<(String, String)>,
    /// (cluster id, slug, name) the account coordinates.
    pub coordinates: Option<(String, String, String)>,
}

/// The signed-in account's roles, refetched when the session changes.
#[derive(Clone, Copy)]
pub struct MeResource(pub LocalResource<Option<MeInfo>>);

/// Provides the account resource to the whole app.
pub fn provide_me() {
    let signal = session::signal();
    let resource = LocalResource::new(move || {
        let signed_in = signal.get().is_some();
        async move {
            if !signed_in {
                return None;
            }
            let data = api::run::<Me>(me::Variables {}).await.ok()?;
            let me = data.me?;
            let roles: Vec<RoleInfo> = me
                .roles
                .into_iter()
                .map(|r| RoleInfo {
                    id: r.id,
                    kind: code(&r.role),
                    cluster: r.cluster.map(|c| (c.id, c.slug, c.name)),
                    organisation: r.organisation.map(|o| (o.id, o.name)),
                })
                .collect();
            let member_of = roles
                .iter()
                .find(|r| r.kind == "MEMBER")
                .and_then(|r| r.organisation.clone());
            let coordinates = roles
                .iter()
                .find(|r| r.kind == "COORDINATOR")
                .and_then(|r| r.cluster.clone());
            Some(MeInfo {
                id: me.user.id,
                email: me.user.email,
                language: code(&me.user.language),
                is_operator: me.user.is_operator,
                roles,
                member_of,
                coordinates,
            })
        }
    });
    provide_context(MeResource(resource));
}

/// The signed-in account's roles (None while loading or when signed out).
pub fn use_me() -> LocalResource<Option<MeInfo>> {
    expect_context::<MeResource>().0
}
