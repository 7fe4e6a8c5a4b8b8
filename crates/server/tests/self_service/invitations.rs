//! Invitations by e-mail: a coordinator invites a new address or an existing account to
//! co-coordinate the cluster; the link works once; an open invitation is resent with a new link
//! (at most once a minute) or revoked; and only whoever may send an invitation may send, resend
//! or revoke it.

use crate::common::{Backend, COORDINATOR, MEMBER, TestApp};
use crate::helpers::{
    ACCEPT, INVITE, PASSWORD, RECYCLING, SESSION, a_few_minutes_pass_for_mail_to, data,
    mailing_app, me, mutate, operator, refusal, refused, roles, sign_in, text, user_error,
    user_errors, users_found, write,
};
use crate::on_both_backends;
use serde_json::{Value, json};

const RESEND: (&str, &str) = ("resendInvitation", "InvitationIdInput");
const REVOKE: (&str, &str) = ("revokeInvitation", "InvitationIdInput");
const INVITATION: &str = "invitation { id email role status sentCount cluster { id } }";
const PREVIEW: &str = "query ($t: String!) { invitation(token: $t) { email role clusterName \
                       organisationName accountExists } }";
const CLUSTER_NAME: &str = "Klaster Gospodarki Odpadowej i Recyklingu";

/// The holder of `token` invites `email` to co-coordinate `cluster`; the payload.
async fn invite_to_coordinate(
    app: &TestApp,
    token: &str,
    cluster: &str,
    email: &str,
    language: &str,
) -> Value {
    let input = json!({ "email": email, "role": "COORDINATOR", "clusterId": cluster, "language": language });
    mutate(app, Some(token), INVITE, input, INVITATION).await
}

/// What an invitation's link offers, or the code it is refused with.
async fn preview(app: &TestApp, token: &str) -> Result<Value, String> {
    let answer = crate::helpers::ask(app, None, PREVIEW, json!({ "t": token })).await;
    match crate::common::code_of(&answer).as_str() {
        "" => Ok(answer["data"]["invitation"].clone()),
        code => Err(code.to_owned()),
    }
}

async fn a_new_address_accepts_with_a_password_and_then_coordinates(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster = crate::helpers::coordinated_cluster(&app, &coordinator).await;
    assert_eq!(cluster, app.cluster_id(RECYCLING).await);
    let email = "nowa.koordynatorka@example.org";
    let invited = invite_to_coordinate(&app, &coordinator, &cluster, email, "EN").await;
    assert_eq!(invited["userErrors"], json!([]), "{invited}");
    assert_eq!(invited["invitation"]["status"], "OPEN");
    assert_eq!(invited["invitation"]["sentCount"], 1);

    let mail = sink.wait_for(email, Some("invites you to klastry")).await;
    assert!(
        mail.text
            .contains(&format!("co-coordinate the cluster {CLUSTER_NAME}")),
        "{}",
        mail.text
    );
    let token = mail.token("/invitation");
    let offered = preview(&app, &token).await.expect("the link works");
    assert_eq!(
        offered,
        json!({ "email": email, "role": "COORDINATOR", "clusterName": CLUSTER_NAME,
                "organisationName": null, "accountExists": false })
    );

    let accept = json!({ "token": token, "password": PASSWORD, "displayName": "Nowa Koordynatorka", "language": "EN" });
    let selection = format!("invitation {{ status }} {SESSION}");
    let accepted = write(&app, None, ACCEPT, accept.clone(), &selection).await;
    assert_eq!(accepted["invitation"]["status"], "ACCEPTED");
    assert_eq!(accepted["session"]["user"]["email"], email);
    let session = text(&accepted, "/session/accessToken");
    assert!(
        roles(&me(&app, &session).await).contains(&("COORDINATOR".into(), cluster.clone(), false)),
        "the new account coordinates the cluster"
    );
    // It acts as a coordinator: it reads the cluster's invitations.
    let listed = data(
        &app,
        Some(&session),
        "query ($c: ID) { invitations(clusterId: $c) { nodes { email status } } }",
        json!({ "c": cluster }),
    )
    .await;
    assert_eq!(
        listed["invitations"]["nodes"],
        json!([{ "email": email, "status": "ACCEPTED" }])
    );
    // The link proved the address: the password signs in at once.
    sign_in(&app, email, PASSWORD).await;

    // The link works once.
    let again = mutate(&app, None, ACCEPT, accept, &selection).await;
    assert_eq!(user_errors(&again), user_error("token", "EXPIRED"));
    assert_eq!(again["session"], Value::Null);
    assert_eq!(preview(&app, &token).await, Err("BAD_USER_INPUT".into()));
}

async fn an_existing_account_accepts_with_its_password_and_gets_the_role(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster = crate::helpers::coordinated_cluster(&app, &coordinator).await;
    let invited = invite_to_coordinate(&app, &coordinator, &cluster, MEMBER.0, "PL").await;
    assert_eq!(invited["userErrors"], json!([]), "{invited}");
    let mail = sink
        .wait_for(MEMBER.0, Some("zaprasza Cię do klastry"))
        .await;
    let token = mail.token("/invitation");
    assert_eq!(
        preview(&app, &token).await.expect("the link works")["accountExists"],
        true
    );

    // The account's own password is asked for; a wrong one grants nothing.
    let wrong = json!({ "token": token, "password": "nie-to-hasło-123" });
    let refused_accept = mutate(&app, None, ACCEPT, wrong, SESSION).await;
    assert_eq!(
        user_errors(&refused_accept),
        user_error("password", "WRONG_PASSWORD")
    );
    let member = app.sign_in(MEMBER).await;
    let before = roles(&me(&app, &member).await);
    assert!(
        before.iter().all(|(role, _, _)| role == "MEMBER"),
        "{before:?}"
    );

    let right = json!({ "token": token, "password": MEMBER.1 });
    let accepted = write(&app, None, ACCEPT, right.clone(), SESSION).await;
    assert_eq!(accepted["session"]["user"]["email"], MEMBER.0);
    let after = roles(&me(&app, &text(&accepted, "/session/accessToken")).await);
    assert!(
        after.contains(&("COORDINATOR".into(), cluster.clone(), false)),
        "{after:?}"
    );
    assert!(
        before.iter().all(|role| after.contains(role)),
        "the roles it held stay: {after:?}"
    );
    let again = mutate(&app, None, ACCEPT, right, SESSION).await;
    assert_eq!(user_errors(&again), user_error("token", "EXPIRED"));
}

async fn an_open_invitation_is_resent_with_a_new_link_or_revoked(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster = crate::helpers::coordinated_cluster(&app, &coordinator).await;
    let email = "zaproszona@example.org";
    let invited = invite_to_coordinate(&app, &coordinator, &cluster, email, "PL").await;
    let id = text(&invited, "/invitation/id");
    let first = sink.wait_for(email, None).await.token("/invitation");

    // The same address is not invited twice to the same role while an invitation is open.
    let twice = invite_to_coordinate(&app, &coordinator, &cluster, email, "PL").await;
    assert_eq!(user_errors(&twice), user_error("email", "NOT_UNIQUE"));

    // At most one mail a minute to one address: resent at once, it waits.
    let by_id = json!({ "invitationId": id });
    let too_soon = refused(&app, Some(&coordinator), RESEND, by_id.clone()).await;
    assert_eq!(too_soon, "RATE_LIMITED");
    a_few_minutes_pass_for_mail_to(&app, email).await;
    let resent = write(&app, Some(&coordinator), RESEND, by_id.clone(), INVITATION).await;
    assert_eq!(resent["invitation"]["sentCount"], 2);
    assert_eq!(resent["invitation"]["status"], "OPEN");
    let mails = sink.wait_for_count(email, 2).await;
    let second = mails[1].token("/invitation");
    assert_ne!(first, second, "a resent invitation has a new link");
    assert_eq!(preview(&app, &first).await, Err("BAD_USER_INPUT".into()));
    assert_eq!(
        preview(&app, &second).await.expect("the new link works")["email"],
        email
    );

    let revoked = write(&app, Some(&coordinator), REVOKE, by_id.clone(), INVITATION).await;
    assert_eq!(revoked["invitation"]["status"], "REVOKED");
    assert_eq!(preview(&app, &second).await, Err("BAD_USER_INPUT".into()));
    let accept = json!({ "token": second, "password": PASSWORD, "displayName": "Za późno" });
    let late = mutate(&app, None, ACCEPT, accept, SESSION).await;
    assert_eq!(user_errors(&late), user_error("token", "EXPIRED"));
    let operator = operator(&app).await;
    assert!(
        users_found(&app, &operator, email).await.is_empty(),
        "no account opened"
    );
    // A revoked invitation is not resent.
    let dead = mutate(&app, Some(&coordinator), RESEND, by_id, INVITATION).await;
    assert_eq!(
        user_errors(&dead),
        user_error("invitationId", "NOT_ALLOWED")
    );
    assert_eq!(sink.count_to(email), 2);
}

async fn only_whoever_may_send_an_invitation_sends_resends_or_revokes_it(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let coordinator = app.sign_in(COORDINATOR).await;
    let member = app.sign_in(MEMBER).await;
    let cluster = app.cluster_id(RECYCLING).await;
    let email = "wspolpraca@example.org";
    let input = json!({ "email": email, "role": "COORDINATOR", "clusterId": cluster });
    assert_eq!(
        refused(&app, Some(&member), INVITE, input.clone()).await,
        "FORBIDDEN",
        "a member does not invite coordinators"
    );
    assert_eq!(
        refused(&app, None, INVITE, input.clone()).await,
        "UNAUTHENTICATED"
    );
    let operator = operator(&app).await;
    let invite_operator = json!({ "email": email, "role": "OPERATOR" });
    assert_eq!(
        refused(&app, Some(&coordinator), INVITE, invite_operator).await,
        "FORBIDDEN",
        "only operators invite operators"
    );

    let invited = write(&app, Some(&coordinator), INVITE, input, INVITATION).await;
    let by_id = json!({ "invitationId": text(&invited, "/invitation/id") });
    for mutation in [RESEND, REVOKE] {
        assert_eq!(
            refused(&app, Some(&member), mutation, by_id.clone()).await,
            "FORBIDDEN",
            "{} by a member",
            mutation.0
        );
    }
    let private = "query ($id: ID!) { node(id: $id) { ... on Invitation { email } } }";
    let id = json!({ "id": by_id["invitationId"] });
    assert_eq!(
        data(&app, Some(&member), private, id.clone()).await["node"],
        Value::Null
    );
    assert_eq!(
        data(&app, Some(&operator), private, id).await["node"]["email"],
        email
    );
    assert_eq!(
        refusal(
            &app,
            Some(&member),
            "query ($c: ID) { invitations(clusterId: $c) { nodes { id } } }",
            json!({ "c": cluster }),
        )
        .await,
        "FORBIDDEN"
    );

    // What a member may do: invite colleagues to the organisation it manages.
    let technology = app.acting_organisation(&member).await;
    let colleague =
        json!({ "email": "kolega@example.org", "role": "MEMBER", "organisationId": technology });
    let own = write(&app, Some(&member), INVITE, colleague, INVITATION).await;
    assert_eq!(own["invitation"]["status"], "OPEN");
    sink.wait_for("kolega@example.org", None).await;
    assert_eq!(
        sink.count_to(email),
        1,
        "only the coordinator's invitation was mailed"
    );
}

on_both_backends! {
    backend =>
    new_address_accepts_and_coordinates => a_new_address_accepts_with_a_password_and_then_coordinates;
    existing_account_accepts_with_its_password => an_existing_account_accepts_with_its_password_and_gets_the_role;
    resent_with_a_new_link_or_revoked => an_open_invitation_is_resent_with_a_new_link_or_revoked;
    only_whoever_may_send_it => only_whoever_may_send_an_invitation_sends_resends_or_revokes_it;
}
