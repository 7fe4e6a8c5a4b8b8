//! What the app knows of the signed-in account: its roles, as a context for the whole app that
//! is refetched when the session changes.

use crate::api;
use crate::queries::{Me, me};
use crate::session;
use crate::values::code;
use leptos::prelude::*;

/// What the app needs to know of the signed-in account.
#[derive(Debug, Clone, PartialEq)]
pub struct MeInfo {
    pub is_operator: bool,
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
            let member_of = me
                .roles
                .iter()
                .find(|r| code(&r.role) == "MEMBER")
                .and_then(|r| {
                    r.organisation
                        .as_ref()
                        .map(|o| (o.id.clone(), o.name.clone()))
                });
            let coordinates = me
                .roles
                .iter()
                .find(|r| code(&r.role) == "COORDINATOR")
                .and_then(|r| {
                    r.cluster
                        .as_ref()
                        .map(|c| (c.id.clone(), c.slug.clone(), c.name.clone()))
                });
            Some(MeInfo {
                is_operator: me.user.is_operator,
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
