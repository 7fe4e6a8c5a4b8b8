//! What the suite's areas share: a server that mails through a real SMTP sink with links under
//! [`PUBLIC_URL`], GraphQL calls as the holder of a bearer (or nobody), accounts made the way a
//! person makes one (sign up, follow the mailed link), and a few readings of the registry.

pub(crate) use crate::common::mailing::{
    PASSWORD, PUBLIC_URL, configured, eventually, mail_through, mailing_app, text, user_errors,
};
use crate::common::smtp::SmtpSink;
use crate::common::{OPERATOR, Over, TestApp, code_of};
use klastry_entity::mail_message;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

/// The cluster the demo coordinator coordinates.
pub(crate) const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";
/// A demo cluster that no account coordinates.
pub(crate) const UNCLAIMED: &str = "klaster-obrobki-metali";
/// Another one.
pub(crate) const OTHER_PASSWORD: &str = "srebrny-księżyc-nad-Odrą-17";

/// The subject of the verification mail, in Polish and in English.
pub(crate) const VERIFY_PL: &str = "Potwierdź adres e-mail w klastry";
pub(crate) const VERIFY_EN: &str = "Confirm your e-mail address for klastry";

// Mutations, as (field, input type).
pub(crate) const SIGN_UP: (&str, &str) = ("signUp", "SignUpInput");
pub(crate) const VERIFY_EMAIL: (&str, &str) = ("verifyEmail", "LinkTokenInput");
pub(crate) const REQUEST_RESET: (&str, &str) = ("requestPasswordReset", "EmailInput");
pub(crate) const RESEND_VERIFICATION: (&str, &str) = ("resendVerification", "EmailInput");
pub(crate) const RESET_PASSWORD: (&str, &str) = ("resetPassword", "ResetPasswordInput");
pub(crate) const REFRESH: (&str, &str) = ("refreshSession", "RefreshTokenInput");
pub(crate) const INVITE: (&str, &str) = ("invite", "InviteInput");
pub(crate) const ACCEPT: (&str, &str) = ("acceptInvitation", "AcceptInvitationInput");
pub(crate) const REQUEST_TO_ACT: (&str, &str) =
    ("requestToActForOrganisation", "RequestToActInput");
pub(crate) const DECIDE_REQUEST: (&str, &str) = ("decideAccessRequest", "DecideAccessRequestInput");
pub(crate) const REGISTER_ORGANISATION: (&str, &str) =
    ("registerOrganisation", "OrganisationFieldsInput");
pub(crate) const SET_DISABLED: (&str, &str) = ("setAccountDisabled", "SetAccountDisabledInput");

/// What a payload with a session selects.
pub(crate) const SESSION: &str = "session { accessToken refreshToken user { id email } }";

/// Sends `query` over HTTP as the holder of `token` (nobody when None) and returns the whole
/// answer.
pub(crate) async fn ask(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> Value {
    app.ask(Over::Http, token, query, variables).await
}

/// The `data` of a request that must succeed.
pub(crate) async fn data(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> Value {
    let answer = ask(app, token, query, variables).await;
    assert!(
        answer.get("errors").is_none(),
        "unexpected errors for {query}: {answer}"
    );
    answer["data"].clone()
}

/// The code of the error a request must be refused with.
pub(crate) async fn refusal(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> String {
    let answer = ask(app, token, query, variables).await;
    let code = code_of(&answer);
    assert!(!code.is_empty(), "{query} was not refused: {answer}");
    code
}

fn document((field, input_type): (&str, &str), selection: &str) -> String {
    format!(
        "mutation ($i: {input_type}!) {{ {field}(input: $i) {{ {selection} \
         userErrors {{ field code message }} }} }}"
    )
}

/// Runs `mutation` with `input` as the holder of `token` and returns its payload (with
/// `selection` and `userErrors`); the request must not fail as a whole.
pub(crate) async fn mutate(
    app: &TestApp,
    token: Option<&str>,
    mutation: (&str, &str),
    input: Value,
    selection: &str,
) -> Value {
    data(
        app,
        token,
        &document(mutation, selection),
        json!({ "i": input }),
    )
    .await[mutation.0]
        .clone()
}

/// As [`mutate`], and the payload must have no user errors.
pub(crate) async fn write(
    app: &TestApp,
    token: Option<&str>,
    mutation: (&str, &str),
    input: Value,
    selection: &str,
) -> Value {
    let payload = mutate(app, token, mutation, input, selection).await;
    assert_eq!(
        payload["userErrors"],
        json!([]),
        "{} refused: {payload}",
        mutation.0
    );
    payload
}

/// The code of the error `mutation` must be refused with as a whole.
pub(crate) async fn refused(
    app: &TestApp,
    token: Option<&str>,
    mutation: (&str, &str),
    input: Value,
) -> String {
    refusal(
        app,
        token,
        &document(mutation, "__typename"),
        json!({ "i": input }),
    )
    .await
}

/// One user error.
pub(crate) fn user_error(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

/// Signs up and returns the payload.
pub(crate) async fn sign_up(
    app: &TestApp,
    email: &str,
    password: &str,
    name: &str,
    language: &str,
) -> Value {
    let input =
        json!({ "email": email, "password": password, "displayName": name, "language": language });
    mutate(app, None, SIGN_UP, input, "ok").await
}

/// Tries to sign in and returns the whole answer (a session, or the refusal).
pub(crate) async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> Value {
    ask(
        app,
        None,
        "mutation ($i: SignInInput!) { signIn(input: $i) { session { accessToken refreshToken } } }",
        json!({ "i": { "email": email, "password": password } }),
    )
    .await
}

/// Signs in with a password that must work and returns the access token.
pub(crate) async fn sign_in(app: &TestApp, email: &str, password: &str) -> String {
    let answer = try_sign_in(app, email, password).await;
    assert_eq!(code_of(&answer), "", "{email} signs in: {answer}");
    text(&answer, "/data/signIn/session/accessToken")
}

/// A person's account, signed in, with the password [`PASSWORD`].
pub(crate) struct Account {
    pub(crate) email: String,
    /// The access token of its session.
    pub(crate) token: String,
    /// The refresh token of its session.
    pub(crate) refresh: String,
    /// Its global ID.
    pub(crate) id: String,
}

impl Account {
    /// The access token, as `TestApp::ask` takes it.
    pub(crate) fn bearer(&self) -> Option<&str> {
        Some(self.token.as_str())
    }
}

/// Follows a verification link and returns the payload (a session, or why not).
pub(crate) async fn verify(app: &TestApp, token: &str) -> Value {
    mutate(app, None, VERIFY_EMAIL, json!({ "token": token }), SESSION).await
}

/// An account made as a person makes one: signs up in `language` (PL or EN), reads the mail
/// from the sink and follows its link, which signs it in.
pub(crate) async fn signed_up(
    app: &TestApp,
    sink: &SmtpSink,
    email: &str,
    name: &str,
    language: &str,
) -> Account {
    let answer = sign_up(app, email, PASSWORD, name, language).await;
    assert_eq!(answer["ok"], true, "{email} signs up: {answer}");
    let subject = if language == "EN" {
        VERIFY_EN
    } else {
        VERIFY_PL
    };
    let mail = sink.wait_for(email, Some(subject)).await;
    let verified = verify(app, &mail.token("/verify-email")).await;
    assert_eq!(verified["userErrors"], json!([]), "{verified}");
    Account {
        email: email.to_owned(),
        token: text(&verified, "/session/accessToken"),
        refresh: text(&verified, "/session/refreshToken"),
        id: text(&verified, "/session/user/id"),
    }
}

/// The demo operator, signed in.
pub(crate) async fn operator(app: &TestApp) -> String {
    app.sign_in(OPERATOR).await
}

const ME: &str = "{ me { user { id email displayName } roles { id role manages \
                  cluster { id slug } organisation { id name } } } }";

/// `me` as the holder of `token`: its user and roles.
pub(crate) async fn me(app: &TestApp, token: &str) -> Value {
    data(app, Some(token), ME, json!({})).await["me"].clone()
}

/// The code `me` is refused with for `token`: UNAUTHENTICATED for a token that no longer
/// works; empty when it works.
pub(crate) async fn me_refusal(app: &TestApp, token: &str) -> String {
    code_of(&ask(app, Some(token), ME, json!({})).await)
}

/// The roles in a `me`, as (role, cluster ID or organisation ID, manages).
pub(crate) fn roles(me: &Value) -> Vec<(String, String, bool)> {
    me["roles"]
        .as_array()
        .unwrap_or_else(|| panic!("no roles in {me}"))
        .iter()
        .map(|r| {
            let target = r["cluster"]["id"]
                .as_str()
                .or(r["organisation"]["id"].as_str())
                .unwrap_or_default()
                .to_owned();
            let role = r["role"].as_str().unwrap_or_default().to_owned();
            (role, target, r["manages"] == true)
        })
        .collect()
}

/// The cluster the holder of `token` coordinates, by its ID (found through `me`).
pub(crate) async fn coordinated_cluster(app: &TestApp, token: &str) -> String {
    let me = me(app, token).await;
    roles(&me)
        .into_iter()
        .find(|(role, _, _)| role == "COORDINATOR")
        .map(|(_, cluster, _)| cluster)
        .unwrap_or_else(|| panic!("the account coordinates no cluster: {me}"))
}

/// The accounts an operator finds by `search`: their global IDs and e-mails.
pub(crate) async fn users_found(app: &TestApp, operator: &str, search: &str) -> Vec<Value> {
    let found = data(
        app,
        Some(operator),
        "query ($s: String) { users(search: $s, first: 100) { nodes { id email displayName } } }",
        json!({ "s": search }),
    )
    .await;
    found["users"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no users list: {found}"))
}

const OUTBOX: &str = "{ mailOutbox(first: 100) { nodes { id recipient template language status \
                      attemptCount lastError sentAt attempts { number error durationMs } } } }";

/// The mail outbox as an operator reads it, newest first.
pub(crate) async fn outbox(app: &TestApp, operator: &str) -> Vec<Value> {
    let found = data(app, Some(operator), OUTBOX, json!({})).await;
    found["mailOutbox"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no outbox: {found}"))
}

/// The outbox's mails to `to`, oldest first.
pub(crate) async fn outbox_to(app: &TestApp, operator: &str, to: &str) -> Vec<Value> {
    let mut mails: Vec<Value> = outbox(app, operator)
        .await
        .into_iter()
        .filter(|m| m["recipient"] == to)
        .collect();
    mails.reverse();
    mails
}

/// A NIP with a right check digit, different for each `seed`.
pub(crate) fn nip(seed: u32) -> String {
    const WEIGHTS: [u32; 9] = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    let mut base = 526_100_000 + seed * 37;
    loop {
        let digits: Vec<u32> = format!("{base:09}")
            .chars()
            .filter_map(|c| c.to_digit(10))
            .collect();
        let check = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum::<u32>() % 11;
        if check < 10 {
            return format!("{base:09}{check}");
        }
        base += 1;
    }
}

/// Makes the mail queued so far for `email` three minutes old, as if the minute that must pass
/// between two mails of one kind to one address (`resendVerification`, `resendInvitation`) had
/// passed.
pub(crate) async fn a_few_minutes_pass_for_mail_to(app: &TestApp, email: &str) {
    mail_message::Entity::update_many()
        .col_expr(
            mail_message::Column::CreatedAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(3)),
        )
        .filter(mail_message::Column::Recipient.eq(email))
        .exec(&app.db)
        .await
        .expect("the mail is backdated");
}
