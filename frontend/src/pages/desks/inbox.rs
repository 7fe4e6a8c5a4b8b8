//! The inbox (`/inbox`): the signed-in account's notifications, newest first, all or only the
//! unread, twenty at a time with older ones on request; each with its headline, details, time
//! and a link to what it is about, marked read one by one or all at once. The header's bell
//! follows the count the marking leaves.

use super::Desk;
use crate::account::MeInfo;
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, Loading, Report, ReportView, action, title};
use crate::i18n::{Lang, M, date, use_i18n};
use crate::live::use_unread;
use crate::queries::{
    MarkAllNotificationsRead, MarkNotificationsRead, Notifications, mark_all_notifications_read,
    mark_notifications_read, notifications,
};
use crate::values::{enum_value, items, local_moment, text, text_at};
use leptos::prelude::*;
use serde_json::Value;

/// The signed-in account's notifications.
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::InboxTitle).to_owned(),
        move || i18n.t(M::DescInbox).to_owned(),
    );
    view! {
        <h1>{move || i18n.t(M::InboxTitle)}</h1>
        <p class="meta">{move || i18n.t(M::InboxLead)}</p>
        <Desk children=move |_: MeInfo| view! { <InboxList/> }/>
    }
}

/// One notification as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    id: String,
    kind: String,
    headline: String,
    details: Vec<String>,
    path: Option<String>,
    read: bool,
    created_at: String,
}

impl Item {
    /// A node of `notifications` as the answer has it.
    fn read(node: &Value) -> Self {
        Item {
            id: text(node, "id"),
            kind: text(node, "kind"),
            headline: text(node, "headline"),
            details: items(node, "details")
                .iter()
                .filter_map(|line| line.as_str().map(str::to_owned))
                .collect(),
            path: text_at(node, "path"),
            read: !node["readAt"].is_null(),
            created_at: text(node, "createdAt"),
        }
    }
}

/// When a notification came, in the reader's time zone: `5.03.2024, 14:05`.
fn moment(lang: Lang, instant: &str) -> String {
    match local_moment(instant) {
        Some((day, time)) => format!("{}, {time}", date(lang, &day)),
        None => date(lang, instant),
    }
}

#[component]
fn InboxList() -> impl IntoView {
    let i18n = use_i18n();
    let unread = use_unread();
    let unread_only = RwSignal::new(false);
    let list = RwSignal::new(Vec::<Item>::new());
    // The cursor of the next, older page while there is one.
    let older = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let failure = RwSignal::new(None::<ApiError>);
    // Each load's number: an answer to an earlier one (another filter) is dropped.
    let asked = StoredValue::new(0u32);
    let load = move |after: Option<String>| {
        let number = asked.try_get_value().unwrap_or_default().wrapping_add(1);
        asked.set_value(number);
        let variables = notifications::Variables {
            unread_only: unread_only.get_untracked(),
            after: after.clone(),
            language: enum_value(i18n.0.get_untracked().api()),
        };
        loading.set(true);
        leptos::task::spawn_local(async move {
            let answer = api::read::<Notifications>(variables).await;
            if asked.try_get_value() != Some(number) {
                return;
            }
            loading.set(false);
            match answer {
                Ok(data) => {
                    let page = &data["notifications"];
                    let more = page["pageInfo"]["hasNextPage"]
                        .as_bool()
                        .unwrap_or(false)
                        .then(|| text_at(&page["pageInfo"], "endCursor"))
                        .flatten();
                    let found = items(page, "nodes").iter().map(Item::read);
                    match after {
                        Some(_) => list.update(|all| all.extend(found)),
                        None => list.set(found.collect()),
                    }
                    older.set(more);
                    failure.set(None);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    // The newest page, again when the filter or the language changes...
    Effect::new(move |_| {
        unread_only.track();
        i18n.0.track();
        load(None);
    });
    // ...and when a notification comes while the page is open.
    Effect::new(move |before: Option<Option<i64>>| {
        let now = unread.count.get();
        if let (Some(Some(before)), Some(now)) = (before, now)
            && now > before
        {
            load(None);
        }
        now
    });

    let report = Report::new();
    // Marking read: the given notifications, or all when None.
    let mark = action(move |ids: &Option<Vec<String>>| {
        let ids = ids.clone();
        async move {
            let answer = match &ids {
                Some(ids) => {
                    let variables = mark_notifications_read::Variables { ids: ids.clone() };
                    api::mutate::<MarkNotificationsRead>(variables).await?
                }
                None => {
                    let variables = mark_all_notifications_read::Variables {};
                    api::mutate::<MarkAllNotificationsRead>(variables).await?
                }
            };
            if let Some(left) = answer.number("unreadCount") {
                unread.count.set(Some(left));
            }
            list.update(|all| {
                for item in all.iter_mut() {
                    if ids.as_ref().is_none_or(|ids| ids.contains(&item.id)) {
                        item.read = true;
                    }
                }
            });
            Ok((answer.written, answer.errors))
        }
    });
    Effect::new(move |_| {
        if let Some(result) = mark.value().get() {
            report.settle(result, Some(M::MarkedRead));
        }
    });
    let mark_one = move |id: String| {
        report.clear();
        mark.dispatch(Some(vec![id]));
    };

    let shown = move || {
        list.get()
            .into_iter()
            .map(|item| {
                let unread_item = !item.read;
                let created = item.created_at.clone();
                let headline = match item.path.clone() {
                    // Following the link reads the notification.
                    Some(path) => {
                        let id = item.id.clone();
                        view! {
                            <a href=path class="notification-headline" on:click=move |_| if unread_item { mark_one(id.clone()) }>
                                {item.headline.clone()}
                            </a>
                        }
                        .into_any()
                    }
                    None => view! { <strong class="notification-headline">{item.headline.clone()}</strong> }.into_any(),
                };
                let id = item.id.clone();
                view! {
                    <li class="notification" class:unread=unread_item data-test="notification"
                        data-kind=item.kind.clone() data-read=item.read.to_string()>
                        <p class="notification-title">
                            {unread_item.then(|| view! { <span class="badge badge-unread" data-test="unread-mark">{move || i18n.t(M::UnreadMark)}</span>" " })}
                            {headline}
                        </p>
                        {item.details.into_iter().map(|line| view! { <p class="notification-detail">{line}</p> }).collect_view()}
                        <p class="meta">
                            <time datetime=item.created_at>{move || moment(i18n.lang(), &created)}</time>
                        </p>
                        {unread_item.then(|| view! {
                            <button type="button" class="small secondary" data-test="mark-read"
                                disabled=move || mark.pending().get()
                                on:click=move |_| mark_one(id.clone())>{move || i18n.t(M::MarkRead)}</button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    let empty = move || {
        (!loading.get() && failure.with(Option::is_none) && list.with(Vec::is_empty)).then(|| {
            let text = if unread_only.get() {
                M::NoUnreadNotifications
            } else {
                M::NoNotifications
            };
            view! { <p class="empty" data-test="inbox-empty">{move || i18n.t(text)}</p> }
        })
    };
    view! {
        <section data-test="inbox">
            <div class="filters">
                <fieldset class="choice">
                    <legend class="sr-only">{move || i18n.t(M::InboxFilter)}</legend>
                    <label><input type="radio" name="inbox-filter" prop:checked=move || !unread_only.get()
                        on:change=move |_| unread_only.set(false)/>{move || i18n.t(M::FilterAll)}</label>
                    <label><input type="radio" name="inbox-filter" prop:checked=move || unread_only.get()
                        on:change=move |_| unread_only.set(true)/>{move || i18n.t(M::FilterUnread)}</label>
                </fieldset>
                <button type="button" class="secondary" data-test="mark-all-read"
                    disabled=move || mark.pending().get() || unread.count.get().unwrap_or(0) == 0
                    on:click=move |_| { report.clear(); mark.dispatch(None); }>{move || i18n.t(M::MarkAllRead)}</button>
            </div>
            <ReportView report/>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            <ul class="plain inbox">{shown}</ul>
            {empty}
            {move || loading.get().then(|| view! { <Loading/> })}
            {move || older.get().map(|cursor| view! {
                <button type="button" class="secondary" data-test="load-older" disabled=move || loading.get()
                    on:click=move |_| load(Some(cursor.clone()))>{move || i18n.t(M::LoadOlder)}</button>
            })}
        </section>
    }
}
