//! What the suite's areas share: servers that mail through a real SMTP sink (and, for the
//! notifier, run on a test clock), the demo people signed in, GraphQL calls with a bearer, the
//! membership workflow that makes most notifications, and readings of inboxes and the outbox.

pub(crate) use crate::common::mailing::{
    PASSWORD, PUBLIC_URL, configured, eventually, mail_through, mailing_app, text, user_errors,
};
use crate::common::smtp::{SinkMail, SmtpSink};
use crate::common::{COORDINATOR, MEMBER, OPERATOR, Over, TestApp, code_of};
use klastry::config::Config;
use serde_json::{Value, json};
use std::time::Duration;

/// The cluster the demo coordinator coordinates.
pub(crate) const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";
/// A demo cluster that no account coordinates.
pub(crate) const UNCLAIMED: &str = "klaster-obrobki-metali";
/// How often the notifier runs on servers that test it.
pub(crate) const NOTIFY_EVERY_MS: u64 = 100;

/// Runs the notifier every [`NOTIFY_EVERY_MS`] on a clock that starts at `clock` (an RFC 3339
/// instant or a day, as KLASTRY_TEST_CLOCK takes it).
pub(crate) fn notifier_at(config: &mut Config, clock: &str) {
    config.test_clock = Some(clock.to_owned());
    config.notify_interval_ms = NOTIFY_EVERY_MS;
}

/// The `data` of a request over HTTP as the holder of `token` (nobody when None) that must
/// succeed.
pub(crate) async fn data(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> Value {
    let answer = app.ask(Over::Http, token, query, variables).await;
    assert!(
        answer.get("errors").is_none(),
        "unexpected errors for {query}: {answer}"
    );
    answer["data"].clone()
}

/// The code a request over `over` must be refused with.
pub(crate) async fn refusal(
    app: &TestApp,
    over: Over,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> String {
    let answer = app.ask(over, token, query, variables).await;
    let code = code_of(&answer);
    assert!(
        !code.is_empty(),
        "{over:?}: {query} was not refused: {answer}"
    );
    code
}

/// Long enough for a notifier running every [`NOTIFY_EVERY_MS`] to make several passes: how
/// long a test waits to see that something does not happen.
pub(crate) async fn a_few_notifier_passes() {
    tokio::time::sleep(Duration::from_millis(NOTIFY_EVERY_MS * 8)).await;
}

/// The demo people, signed in, and what they act for.
pub(crate) struct People {
    /// The demo operator's access token.
    pub(crate) operator: String,
    /// The access token of the coordinator of [`RECYCLING`].
    pub(crate) coordinator: String,
    /// The access token of the demo member, who acts for one organisation.
    pub(crate) member: String,
    /// The global ID of [`RECYCLING`].
    pub(crate) cluster: String,
    /// The global ID of the member's organisation.
    pub(crate) organisation: String,
    /// Its name.
    pub(crate) organisation_name: String,
}

/// Signs in the demo operator, coordinator and member.
pub(crate) async fn people(app: &TestApp) -> People {
    let member = app.sign_in(MEMBER).await;
    let me = data(
        app,
        Some(&member),
        "{ me { roles { organisation { id name } } } }",
        json!({}),
    )
    .await;
    People {
        operator: app.sign_in(OPERATOR).await,
        coordinator: app.sign_in(COORDINATOR).await,
        cluster: app.cluster_id(RECYCLING).await,
        organisation: text(&me, "/me/roles/0/organisation/id"),
        organisation_name: text(&me, "/me/roles/0/organisation/name"),
        member,
    }
}

/// The member's organisation applies to join [`RECYCLING`]; returns the membership (`id`,
/// `version`).
pub(crate) async fn apply(app: &TestApp, people: &People) -> Value {
    let payload = data(
        app,
        Some(&people.member),
        "mutation ($i: ApplyForMembershipInput!) { applyForMembership(input: $i) { \
         membership { id version status } userErrors { field code message } } }",
        json!({ "i": { "clusterId": people.cluster, "organisationId": people.organisation } }),
    )
    .await["applyForMembership"]
        .clone();
    assert_eq!(payload["userErrors"], json!([]), "{payload}");
    assert_eq!(payload["membership"]["status"], "PENDING", "{payload}");
    payload["membership"].clone()
}

/// The coordinator approves (`approve`) or rejects the application `membership`.
pub(crate) async fn decide(app: &TestApp, people: &People, membership: &Value, approve: bool) {
    let (field, reason) = if approve {
        ("approveMembership", Value::Null)
    } else {
        (
            "rejectMembership",
            json!("Profil działalności nie pasuje do klastra"),
        )
    };
    let payload = data(
        app,
        Some(&people.coordinator),
        &format!(
            "mutation ($i: DecideMembershipInput!) {{ {field}(input: $i) {{ \
             membership {{ status }} userErrors {{ field code message }} }} }}"
        ),
        json!({ "i": { "id": membership["id"], "version": membership["version"], "reason": reason } }),
    )
    .await[field]
        .clone();
    assert_eq!(payload["userErrors"], json!([]), "{payload}");
}

/// What the suite reads of a notification.
pub(crate) const NOTIFICATION: &str = "id kind headline details params { cluster organisation \
    title label action approved days endsOn endsLatest uncertain person reason } clusterId organisationId \
    path email emailedAt readAt createdAt";

/// The inbox of the holder of `token`, newest first (up to 100).
pub(crate) async fn inbox(app: &TestApp, token: &str) -> Vec<Value> {
    let found = data(
        app,
        Some(token),
        &format!("{{ notifications(first: 100) {{ nodes {{ {NOTIFICATION} }} }} }}"),
        json!({}),
    )
    .await;
    found["notifications"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no notifications: {found}"))
}

/// The kinds in an inbox, newest first.
pub(crate) fn kinds(notifications: &[Value]) -> Vec<String> {
    notifications
        .iter()
        .map(|n| n["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The notifications of `kind` in an inbox.
pub(crate) fn of_kind(notifications: &[Value], kind: &str) -> Vec<Value> {
    notifications
        .iter()
        .filter(|n| n["kind"] == kind)
        .cloned()
        .collect()
}

/// The unread count of the holder of `token`.
pub(crate) async fn unread(app: &TestApp, token: &str) -> i64 {
    data(app, Some(token), "{ unreadNotificationCount }", json!({})).await
        ["unreadNotificationCount"]
        .as_i64()
        .expect("a count")
}

/// Waits until the holder of `token` has a notification that `wanted` picks, and returns it.
pub(crate) async fn notified(
    app: &TestApp,
    token: &str,
    what: &str,
    wanted: impl Fn(&Value) -> bool,
) -> Value {
    eventually(what, async || {
        inbox(app, token).await.into_iter().find(|n| wanted(n))
    })
    .await
}

/// The outbox's mails to `to` (template, status), oldest first, as the operator reads them.
pub(crate) async fn outbox_to(app: &TestApp, operator: &str, to: &str) -> Vec<Value> {
    let found = data(
        app,
        Some(operator),
        "{ mailOutbox(first: 100) { nodes { recipient template language status } } }",
        json!({}),
    )
    .await;
    let mut mails: Vec<Value> = found["mailOutbox"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("no outbox: {found}"))
        .iter()
        .filter(|m| m["recipient"] == to)
        .cloned()
        .collect();
    mails.reverse();
    mails
}

/// The templates of the outbox's mails to `to`, oldest first.
pub(crate) async fn templates_to(app: &TestApp, operator: &str, to: &str) -> Vec<String> {
    outbox_to(app, operator, to)
        .await
        .iter()
        .map(|m| m["template"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The one-click address a notification mail names in its List-Unsubscribe header, checked
/// to be the RFC 8058 pair of headers; returns the token.
pub(crate) fn one_click_token(mail: &SinkMail) -> String {
    let header = mail.header("List-Unsubscribe").unwrap_or_else(|| {
        panic!(
            "the mail \"{}\" has no List-Unsubscribe header: {}",
            mail.subject, mail.headers
        )
    });
    assert_eq!(
        mail.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click"),
        "the mail \"{}\" offers no one-click unsubscribe: {}",
        mail.subject,
        mail.headers
    );
    let prefix = format!("<{PUBLIC_URL}/unsubscribe/");
    let token = header
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix('>'))
        .unwrap_or_else(|| panic!("List-Unsubscribe is {header}, not {prefix}TOKEN>"));
    // The tokens are base64url, as every link token of the registry.
    assert!(
        !token.is_empty()
            && token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{header}"
    );
    token.to_owned()
}

/// A person's account made by signing up and following the mailed link.
pub(crate) struct Account {
    pub(crate) email: String,
    /// The access token of its session.
    pub(crate) token: String,
}

/// Signs up `email` in `language` (PL or EN), follows the verification link from the sink
/// and returns the account, signed in.
pub(crate) async fn signed_up(
    app: &TestApp,
    sink: &SmtpSink,
    email: &str,
    name: &str,
    language: &str,
) -> Account {
    let signed = data(
        app,
        None,
        "mutation ($i: SignUpInput!) { signUp(input: $i) { ok userErrors { field code } } }",
        json!({ "i": { "email": email, "password": PASSWORD, "displayName": name, "language": language } }),
    )
    .await;
    assert_eq!(signed["signUp"]["ok"], true, "{email} signs up: {signed}");
    let subject = if language == "EN" {
        "Confirm your e-mail address"
    } else {
        "Potwierdź adres e-mail"
    };
    let mail = sink.wait_for(email, Some(subject)).await;
    let verified = data(
        app,
        None,
        "mutation ($i: LinkTokenInput!) { verifyEmail(input: $i) { \
         session { accessToken } userErrors { field code } } }",
        json!({ "i": { "token": mail.token("/verify-email") } }),
    )
    .await;
    Account {
        email: email.to_owned(),
        token: text(&verified, "/verifyEmail/session/accessToken"),
    }
}

/// Follows with `input` as the holder of `token`; returns the follow.
pub(crate) async fn follow(app: &TestApp, token: &str, input: Value) -> Value {
    let payload = data(
        app,
        Some(token),
        "mutation ($i: FollowInput!) { follow(input: $i) { \
         follow { id target sector voivodeship cluster { slug } } userErrors { field code } } }",
        json!({ "i": input }),
    )
    .await["follow"]
        .clone();
    assert_eq!(payload["userErrors"], json!([]), "{payload}");
    payload["follow"].clone()
}

/// Chooses how the holder of `token` has `kind` mailed.
pub(crate) async fn prefer(app: &TestApp, token: &str, kind: &str, email: &str) {
    let payload = data(
        app,
        Some(token),
        "mutation ($k: NotificationKind!, $e: EmailFrequency!) { \
         setNotificationPreference(kind: $k, email: $e) { \
         preference { kind email isDefault } userErrors { field code } } }",
        json!({ "k": kind, "e": email }),
    )
    .await["setNotificationPreference"]
        .clone();
    assert_eq!(
        payload,
        json!({ "preference": { "kind": kind, "email": email, "isDefault": false }, "userErrors": [] })
    );
}

/// How the holder of `token` has `kind` mailed: (email, isDefault).
pub(crate) async fn preference(app: &TestApp, token: &str, kind: &str) -> (String, bool) {
    let found = data(
        app,
        Some(token),
        "{ notificationPreferences { kind email isDefault } }",
        json!({}),
    )
    .await;
    let chosen = found["notificationPreferences"]
        .as_array()
        .unwrap_or_else(|| panic!("no preferences: {found}"))
        .iter()
        .find(|p| p["kind"] == kind)
        .unwrap_or_else(|| panic!("{kind} is not among the preferences: {found}"))
        .clone();
    (text(&chosen, "/email"), chosen["isDefault"] == true)
}
