//! The cluster's API tokens on the coordinator's desk.

use crate::api::{self, ApiError, FieldError};
use crate::components::*;
use crate::i18n::{M, date, use_i18n};
use crate::queries::*;
use crate::values::code;
use leptos::prelude::*;

/// The coordinator's API tokens: create one (its secret shown once, kept only in memory until
/// "I have copied it — hide"), see when each was last used, revoke one after confirming.
#[component]
pub fn ApiTokensPanel(cluster_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let list_cluster = cluster_id.clone();
    let tokens = LocalResource::new(move || {
        reload.get();
        let cluster_id = Some(list_cluster.clone());
        async move { api::run::<ApiTokens>(api_tokens::Variables { cluster_id }).await }
    });
    let name = RwSignal::new(String::new());
    let read_private = RwSignal::new(true);
    let write_members = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let shown = RwSignal::new(None::<String>);
    let create = Action::new_local(move |_: &()| {
        let mut scopes = vec![create_api_token::ApiScope::READ_PUBLIC];
        if read_private.get_untracked() {
            scopes.push(create_api_token::ApiScope::READ_CLUSTER_PRIVATE);
        }
        if write_members.get_untracked() {
            scopes.push(create_api_token::ApiScope::WRITE_CLUSTER_MEMBERS);
        }
        let input = create_api_token::CreateApiTokenInput {
            name: name.get_untracked(),
            cluster_id: Some(cluster_id.clone()),
            scopes,
        };
        async move { api::mutate::<CreateApiToken>(create_api_token::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = create.value().get() {
            match result {
                Ok(answer) => match answer.text(&["token"]) {
                    Some(token) => {
                        errors.set(vec![]);
                        shown.set(Some(token));
                        name.set(String::new());
                        reload.update(|r| *r += 1);
                    }
                    None => errors.set(answer.errors),
                },
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let revoke = Action::new_local(move |id: &String| {
        let input = revoke_api_token::RevokeApiTokenInput { id: id.clone() };
        async move { api::change::<RevokeApiToken>(revoke_api_token::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = revoke.value().get() {
            match result {
                Ok(_) => reload.update(|r| *r += 1),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    view! {
        <section data-test="api-tokens">
            <h2>{move || i18n.t(M::ApiTokensTitle)}</h2>
            <p class="meta">{move || i18n.t(M::ApiTokensLead)}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(data) if data.api_tokens.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NoTokens)}</p> }.into_any(),
                        Ok(data) => view! {
                            <ul class="plain">
                                {data.api_tokens.nodes.into_iter().map(|t| {
                                    let id = t.id.clone();
                                    let revoked = t.revoked_at.is_some();
                                    let used = t.last_used_at.clone();
                                    let scopes = t.scopes.iter().map(code).collect::<Vec<_>>().join(", ");
                                    view! {
                                        <li data-test="api-token">
                                            <strong>{t.name.clone()}</strong>" "<code>{format!("{}…", t.prefix)}</code>
                                            " · "<span class="meta">{scopes}</span>" · "
                                            <span class="meta">{move || match (&used, revoked) {
                                                (_, true) => i18n.t(M::Revoked).to_owned(),
                                                (Some(at), false) => format!("{} {}", i18n.t(M::LastUsed), date(i18n.lang(), at)),
                                                (None, false) => i18n.t(M::NeverUsed).to_owned(),
                                            }}</span>
                                            {(!revoked).then(|| {
                                                let on_confirm = Callback::new(move |()| { revoke.dispatch(id.clone()); });
                                                view! {
                                                    " "<Confirm label=M::Revoke question=M::RevokeTokenQuestion confirm=M::Revoke
                                                        test="revoke-token" on_confirm disabled=revoke.pending()/>
                                                }
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            {move || shown.get().map(|token| view! {
                <div class="notice" role="status" data-test="new-token-notice">
                    <p>{move || i18n.t(M::TokenShownOnce)}</p>
                    <code data-test="new-token">{token}</code>
                    " "<button type="button" class="small secondary" data-test="hide-token"
                        on:click=move |_| shown.set(None)>
                        {move || i18n.t(M::TokenCopiedHide)}
                    </button>
                </div>
            })}
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            <form class="form" data-test="token-form" on:submit=move |ev| { ev.prevent_default(); shown.set(None); failure.set(None); create.dispatch(()); }>
                <Field name="name" label=M::TokenName value=name errors/>
                <fieldset class="choice">
                    <legend class="sr-only">{move || i18n.t(M::ApiTokensTitle)}</legend>
                    <label><input type="checkbox" prop:checked=move || read_private.get() on:change=move |_| read_private.update(|v| *v = !*v)/>{move || i18n.t(M::ScopeReadPrivate)}</label>
                    <label><input type="checkbox" prop:checked=move || write_members.get() on:change=move |_| write_members.update(|v| *v = !*v)/>{move || i18n.t(M::ScopeWriteMembers)}</label>
                </fieldset>
                <p class="field-error" role="alert">{move || errors.get().into_iter().find(|e| e.field == "clusterId" || e.field == "scopes").map(|e| e.text(i18n.lang()))}</p>
                <button type="submit" disabled=move || create.pending().get()>{move || i18n.t(M::CreateToken)}</button>
            </form>
        </section>
    }
}
