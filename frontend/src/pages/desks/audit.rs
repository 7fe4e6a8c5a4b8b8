//! The audit trail as people read it, on the coordinator's desk (their cluster's) and the
//! operator's (the whole registry's): each change a sentence (who did what to which object,
//! when, to the minute in the reader's time), its fields before → after; filtered by the kind
//! of object, the action and the person, kept in the URL (`trail_kind`, `trail_action`,
//! `trail_by`), paged towards older changes with "more".

use crate::api;
use crate::components::{ErrorNote, Loading};
use crate::format::excerpt;
use crate::i18n::{Lang, M, date, label, use_i18n};
use crate::queries::*;
use crate::url_state::url;
use crate::values::{items, text, text_at};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use serde_json::Value;

/// The kinds of object a filter offers, as `objectType` spells them, with their names.
const KINDS: &[(&str, M)] = &[
    ("Cluster", M::KindCluster),
    ("Membership", M::KindMembership),
    ("KkkCertification", M::KindKkk),
    ("EscaLabel", M::KindEsca),
    ("Organisation", M::KindOrganisation),
    ("Event", M::KindEvent),
    ("Project", M::KindProject),
    ("User", M::KindUser),
    ("ApiToken", M::KindApiToken),
    ("Invitation", M::KindInvitation),
    ("AccessRequest", M::KindAccessRequest),
    ("ClusterSubmission", M::KindSubmission),
    ("CooperationOffer", M::KindOffer),
];

/// The actions a filter offers, as `action` spells them, with their names.
const ACTIONS: &[(&str, M)] = &[
    ("CREATE", M::ActCreate),
    ("UPDATE", M::ActUpdate),
    ("DELETE", M::ActDelete),
    ("APPLY", M::ActApply),
    ("APPROVE", M::ActApprove),
    ("REJECT", M::ActReject),
    ("LEAVE", M::ActLeave),
    ("WITHDRAW", M::ActWithdraw),
    ("MERGE", M::ActMerge),
    ("ACCEPT", M::ActAccept),
    ("REVOKE", M::ActRevoke),
    ("DISABLE", M::ActDisable),
    ("ENABLE", M::ActEnable),
];

/// The object of a sentence: an `objectType` in the accusative ("klaster", "the cluster").
fn object_noun(object_type: &str) -> Option<M> {
    Some(match object_type {
        "Cluster" => M::ObjCluster,
        "Membership" => M::ObjMembership,
        "KkkCertification" => M::ObjKkk,
        "EscaLabel" => M::ObjEsca,
        "Organisation" => M::ObjOrganisation,
        "Event" => M::ObjEvent,
        "Project" => M::ObjProject,
        "User" => M::ObjUser,
        "ApiToken" => M::ObjApiToken,
        "Invitation" => M::ObjInvitation,
        "AccessRequest" => M::ObjAccessRequest,
        "ClusterSubmission" => M::ObjSubmission,
        "CooperationOffer" => M::ObjOffer,
        "OperatorContact" => M::ObjOperatorContact,
        _ => return None,
    })
}

/// What was done, as words: a verb that takes the object after it, or (`true`) a whole phrase
/// that names its object itself ("zmienił(a) hasło").
fn verb(action: &str, object_type: &str) -> (M, bool) {
    match (action, object_type) {
        ("APPLY", "Membership") => (M::VerbApplyMembership, true),
        ("CREATE", _) => (M::VerbCreate, false),
        ("UPDATE", _) => (M::VerbUpdate, false),
        ("DELETE", _) => (M::VerbDelete, false),
        ("APPLY", _) => (M::VerbApply, false),
        ("APPROVE", _) => (M::VerbApprove, false),
        ("REJECT", _) => (M::VerbReject, false),
        ("LEAVE", _) => (M::VerbLeave, false),
        ("WITHDRAW", _) => (M::VerbWithdraw, false),
        ("MERGE", _) => (M::VerbMerge, false),
        ("ACCEPT", _) => (M::VerbAccept, false),
        ("REVOKE", _) => (M::VerbRevoke, false),
        ("DISABLE", _) => (M::VerbDisable, false),
        ("ENABLE", _) => (M::VerbEnable, false),
        ("RESEND", _) => (M::VerbResend, false),
        ("IMPORT", _) => (M::VerbImport, false),
        ("EXPIRING", _) => (M::VerbExpiring, false),
        ("CHANGE_PASSWORD", _) => (M::VerbChangePassword, true),
        ("RESET_PASSWORD", _) => (M::VerbResetPassword, true),
        ("SIGN_UP", _) => (M::VerbSignUp, true),
        ("VERIFY_EMAIL", _) => (M::VerbVerifyEmail, true),
        ("SIGN_OUT_EVERYWHERE", _) => (M::VerbSignOutEverywhere, true),
        ("DELETE_ACCOUNT", _) => (M::VerbDeleteAccount, true),
        _ => (M::VerbOther, false),
    }
}

/// What the entry says was done to what: "zmienił(a) klaster", "changed the cluster".
pub fn deed(lang: Lang, action: &str, object_type: &str) -> String {
    let (verb, whole) = verb(action, object_type);
    if whole {
        return verb.text(lang).to_owned();
    }
    let noun = object_noun(object_type)
        .map(|n| n.text(lang).to_owned())
        .unwrap_or_else(|| object_type.to_owned());
    format!("{} {noun}", verb.text(lang))
}

/// A stored field's name in words; None for a field without them (shown as it is).
fn field_words(field: &str) -> Option<M> {
    Some(match field {
        "name_pl" => M::FieldNamePl,
        "name_en" => M::FieldNameEn,
        "name" => M::FieldName,
        "description_pl" => M::FieldDescriptionPl,
        "description_en" => M::FieldDescriptionEn,
        "description" => M::FieldDescription,
        "website" => M::FieldWebsite,
        "status" => M::FieldStatus,
        "valid_until" => M::FieldValidUntil,
        "awarded_on" => M::FieldAwardedOn,
        "confirmed_on" => M::FieldConfirmedOn,
        "role" => M::FieldRole,
        "acronym" => M::FieldAcronym,
        "city" => M::FieldCity,
        "address" => M::FieldAddress,
        "postal_code" => M::FieldPostalCode,
        "phone" => M::FieldPhone,
        "email" => M::FieldEmail,
        "voivodeship" | "voivodeship_code" => M::FieldVoivodeship,
        "level" => M::FieldLevel,
        "round_number" | "round" | "kkk_round_number" => M::FieldRound,
        "note" => M::FieldNote,
        "message" | "application_message" => M::FieldMessage,
        "founded_on" => M::FieldFounded,
        "strategy_from" => M::FieldStrategyFrom,
        "strategy_to" => M::FieldStrategyTo,
        "kind" => M::FieldKind,
        "starts_on" => M::FieldStartsOn,
        "ends_on" => M::FieldEndsOn,
        "location" => M::FieldLocation,
        "display_name" => M::FieldDisplayName,
        "reason" | "decision_reason" => M::FieldReason,
        "email_verified_at" => M::FieldEmailVerified,
        "is_operator" => M::FieldIsOperator,
        "language" => M::FieldLanguage,
        "disabled" | "disabled_at" => M::FieldDisabled,
        "nip" => M::FieldNip,
        "regon" => M::FieldRegon,
        "krs" => M::FieldKrs,
        "slug" => M::FieldSlug,
        "joined_on" => M::FieldJoinedOn,
        "left_on" => M::FieldLeftOn,
        "contact_person" => M::FieldContactPerson,
        "postal_address" => M::FieldPostalAddress,
        _ => return None,
    })
}

/// A field's name in `lang`, or as stored.
pub fn field_name(lang: Lang, field: &str) -> String {
    field_words(field).map_or_else(|| field.to_owned(), |m| m.text(lang).to_owned())
}

/// A field's value in `lang`: enum codes worded, dates written as the language writes them,
/// long texts cut; "—" for none.
pub fn field_value(lang: Lang, field: &str, value: Option<&str>) -> String {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return "—".to_owned();
    };
    if matches!(field, "status" | "role" | "level" | "kind") {
        return label(lang, value);
    }
    match value {
        "true" => return M::ValueYes.text(lang).to_owned(),
        "false" => return M::ValueNo.text(lang).to_owned(),
        _ => {}
    }
    // An instant (`2026-12-06T23:51:40Z`), to the minute in the reader's time.
    if value.len() > 16
        && value.as_bytes().get(10) == Some(&b'T')
        && let Some((day, time)) = moment(value)
    {
        return format!("{} {time}", date(lang, &day));
    }
    let dated = field.ends_with("_on") || field == "valid_until";
    if dated && value.len() >= 4 && value.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return date(lang, value);
    }
    excerpt(value, 140)
}

/// An instant in the reader's time zone (the browser's); in unit tests, as UTC.
fn moment(instant: &str) -> Option<(String, String)> {
    #[cfg(target_arch = "wasm32")]
    {
        crate::values::local_moment(instant)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some((
            instant.get(..10)?.to_owned(),
            instant.get(11..16)?.to_owned(),
        ))
    }
}

/// The trail's filters as the URL keeps them.
#[derive(Clone, PartialEq, Default)]
struct Filter {
    kind: String,
    action: String,
    by: String,
}

/// The audit trail: a cluster's (`cluster_id`) or the whole registry's, with its filters;
/// `me` is the reader's account ID (for "only my changes").
#[component]
pub fn AuditTrailPanel(cluster_id: Option<String>, me: String) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| {
        let p = params.read();
        Filter {
            kind: p.get("trail_kind").unwrap_or_default(),
            action: p.get("trail_action").unwrap_or_default(),
            by: p.get("trail_by").unwrap_or_default(),
        }
    });
    // The page's address with the filters changed (other parameters are the page's own).
    let address = move |f: &Filter| {
        url(
            &location.pathname.get_untracked(),
            &[
                ("trail_kind", f.kind.clone()),
                ("trail_action", f.action.clone()),
                ("trail_by", f.by.clone()),
            ],
        )
    };
    let go = {
        let navigate = navigate.clone();
        move |f: Filter| {
            navigate(
                &address(&f),
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            )
        }
    };
    let go_kind = go.clone();
    let go_action = go.clone();
    let go_mine = go.clone();
    let me_for_check = me.clone();
    let person_link = move |actor: String| {
        let mut f = filter.get_untracked();
        f.by = actor;
        address(&f)
    };
    view! {
        <section id="audit" data-test="audit-trail">
            <h2>{move || i18n.t(M::AuditTrail)}</h2>
            <div class="filters audit-filters">
                <div class="field">
                    <label for="trail-kind">{move || i18n.t(M::AuditKindFilter)}</label>
                    <select id="trail-kind" data-test="trail-kind" on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        f.kind = event_target_value(&ev);
                        go_kind(f);
                    }>
                        <option value="" selected=move || filter.get().kind.is_empty()>{move || i18n.t(M::AuditAny)}</option>
                        {KINDS.iter().map(|(code, words)| view! {
                            <option value=*code selected=move || filter.get().kind == *code>{move || i18n.t(*words)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="trail-action">{move || i18n.t(M::AuditActionFilter)}</label>
                    <select id="trail-action" data-test="trail-action" on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        f.action = event_target_value(&ev);
                        go_action(f);
                    }>
                        <option value="" selected=move || filter.get().action.is_empty()>{move || i18n.t(M::AuditAny)}</option>
                        {ACTIONS.iter().map(|(code, words)| view! {
                            <option value=*code selected=move || filter.get().action == *code>{move || i18n.t(*words)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <label class="check">
                    <input type="checkbox" data-test="trail-mine" prop:checked=move || filter.get().by == me_for_check
                        on:change=move |ev| {
                            let mut f = filter.get_untracked();
                            f.by = if event_target_checked(&ev) { me.clone() } else { String::new() };
                            go_mine(f);
                        }/>
                    {move || i18n.t(M::AuditOnlyMine)}
                </label>
            </div>
            {move || {
                let f = filter.get();
                (!f.by.is_empty()).then(|| {
                    let everyone = address(&Filter { by: String::new(), ..f });
                    view! {
                        <p class="meta" data-test="trail-person">{move || i18n.t(M::AuditPersonFilter)}" · "
                            <A href=everyone attr:data-test="trail-everyone">{move || i18n.t(M::AuditEveryone)}</A></p>
                    }
                })
            }}
            {move || {
                let f = filter.get();
                view! { <Pages cluster_id=cluster_id.clone() filter=f person_link=Callback::new(person_link)/> }
            }}
        </section>
    }
}

/// The pages of entries read so far for one filter, and "more" after the last.
#[component]
fn Pages(
    cluster_id: Option<String>,
    filter: Filter,
    person_link: Callback<String, String>,
) -> impl IntoView {
    let cursors = RwSignal::new(vec![None::<String>]);
    view! {
        <ol class="plain audit-trail" data-test="audit-entries">
            <For each=move || cursors.get() key=|c| c.clone() let:after>
                <Page cluster_id=cluster_id.clone() filter=filter.clone() after person_link cursors/>
            </For>
        </ol>
    }
}

/// One page of entries (after `after`); the last one offers the next.
#[component]
fn Page(
    cluster_id: Option<String>,
    filter: Filter,
    after: Option<String>,
    person_link: Callback<String, String>,
    cursors: RwSignal<Vec<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let first_page = after.is_none();
    let data = LocalResource::new(move || {
        let f = filter.clone();
        let variables = audit_trail::Variables {
            cluster_id: cluster_id.clone(),
            filter: Some(audit_trail::AuditFilter {
                object_types: (!f.kind.is_empty()).then(|| vec![f.kind.clone()]),
                actions: (!f.action.is_empty()).then(|| vec![f.action.clone()]),
                actor_id: (!f.by.is_empty()).then(|| f.by.clone()),
                object_id: None,
            }),
            first: Some(20),
            after: after.clone(),
        };
        api::read::<AuditTrail>(variables)
    });
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let trail = &d["auditTrail"];
                        let nodes = items(trail, "nodes").to_vec();
                        let next = trail["pageInfo"]["hasNextPage"].as_bool().unwrap_or(false)
                            .then(|| text_at(&trail["pageInfo"], "endCursor")).flatten();
                        let empty = first_page && nodes.is_empty();
                        view! {
                            {empty.then(|| view! { <li class="empty">{move || i18n.t(M::AuditEmpty)}</li> })}
                            {nodes.into_iter().map(|e| view! { <Entry entry=e person_link/> }).collect_view()}
                            {next.map(|cursor| {
                                let shown = cursor.clone();
                                view! {
                                    <li class="more">
                                        <Show when=move || cursors.get().last().cloned().flatten().as_deref() != Some(shown.as_str())>
                                            {
                                                let cursor = cursor.clone();
                                                view! {
                                                    <button type="button" class="secondary" data-test="audit-more" on:click=move |_| {
                                                        let cursor = cursor.clone();
                                                        cursors.update(|c| c.push(Some(cursor)));
                                                    }>{move || i18n.t(M::AuditMore)}</button>
                                                }
                                            }
                                        </Show>
                                    </li>
                                }
                            })}
                        }.into_any()
                    }
                    Err(error) => view! { <li><ErrorNote error/></li> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One change as a sentence, with its fields before → after.
#[component]
fn Entry(entry: Value, person_link: Callback<String, String>) -> impl IntoView {
    let i18n = use_i18n();
    let actor = text_at(&entry, "actorEmail");
    let actor_id = text_at(&entry, "actorId");
    let action = text(&entry, "action");
    let object_type = text(&entry, "objectType");
    let object_label = text_at(&entry, "objectLabel");
    let at = text(&entry, "at");
    let when = move || match moment(&at) {
        Some((day, time)) => format!("{} {time}", date(i18n.lang(), &day)),
        None => at.clone(),
    };
    let changes: Vec<(String, Option<String>, Option<String>)> = items(&entry, "changes")
        .iter()
        .map(|c| (text(c, "field"), text_at(c, "before"), text_at(c, "after")))
        .collect();
    let (deed_action, deed_type) = (action.clone(), object_type.clone());
    view! {
        <li class="audit-entry" data-test="audit-entry" data-action=action data-object=object_type>
            <p class="sentence">
                <strong data-test="audit-actor">{move || actor.clone().unwrap_or_else(|| i18n.t(M::AuditRegistry).to_owned())}</strong>" "
                <span data-test="audit-deed">{move || deed(i18n.lang(), &deed_action, &deed_type)}</span>
                {object_label.map(|l| view! { " " <q data-test="audit-object">{l}</q> })}
                " · "<time class="meta">{when}</time>
                {actor_id.map(|id| {
                    let href = person_link.run(id);
                    view! { " · " <A href=href attr:class="meta" attr:data-test="only-person">{move || i18n.t(M::AuditOnlyPerson)}</A> }
                })}
            </p>
            {(!changes.is_empty()).then(|| view! {
                <ul class="changes" data-test="audit-changes">
                    {changes.into_iter().map(|(field, before, after)| {
                        let (f1, f2, f3) = (field.clone(), field.clone(), field.clone());
                        view! {
                            <li data-field=field>
                                <span class="change-field">{move || field_name(i18n.lang(), &f1)}</span>": "
                                <span class="before">{move || field_value(i18n.lang(), &f2, before.as_deref())}</span>
                                " → "
                                <span class="after">{move || field_value(i18n.lang(), &f3, after.as_deref())}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_as_a_sentence_in_both_languages() {
        assert_eq!(deed(Lang::Pl, "UPDATE", "Cluster"), "zmienił(a) klaster");
        assert_eq!(deed(Lang::En, "UPDATE", "Cluster"), "changed the cluster");
        assert_eq!(
            deed(Lang::Pl, "APPROVE", "Membership"),
            "zatwierdził(a) członkostwo"
        );
        assert_eq!(
            deed(Lang::En, "APPLY", "Membership"),
            "applied for membership"
        );
        assert_eq!(
            deed(Lang::En, "CHANGE_PASSWORD", "User"),
            "changed their password"
        );
        assert_eq!(deed(Lang::En, "UPDATE", "Widget"), "changed Widget");
    }

    #[test]
    fn common_fields_are_worded_and_others_shown_as_they_are() {
        assert_eq!(field_name(Lang::Pl, "description_pl"), "opis (pl)");
        assert_eq!(field_name(Lang::En, "valid_until"), "valid until");
        assert_eq!(field_name(Lang::En, "gadget_count"), "gadget_count");
        assert_eq!(
            field_value(Lang::En, "valid_until", Some("2025-12-17")),
            "17 Dec 2025"
        );
        assert_eq!(field_value(Lang::En, "website", None), "—");
        assert_eq!(field_value(Lang::Pl, "is_operator", Some("true")), "tak");
        assert_eq!(
            field_value(
                Lang::En,
                "email_verified_at",
                Some("2026-12-06T23:51:40.3Z")
            ),
            "6 Dec 2026 23:51"
        );
    }
}
