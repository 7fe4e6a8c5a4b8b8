//! Who is told of a change: an application reaches the cluster's coordinators, in the inbox and
//! by mail with a one-click unsubscribe, and its decision the applicant's people; followers hear
//! only of what anyone may read; nobody is told of their own change, nor of anything that is
//! not theirs.

use crate::common::{Backend, COORDINATOR, MEMBER};
use crate::helpers::{
    PUBLIC_URL, RECYCLING, apply, data, decide, follow, inbox, kinds, mailing_app, one_click_token,
    people, signed_up, text, unread,
};
use crate::on_both_backends;
use serde_json::{Value, json};

async fn an_application_reaches_the_coordinator_and_its_decision_the_applicant(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let people = people(&app).await;
    assert_eq!(inbox(&app, &people.coordinator).await, Vec::<Value>::new());
    assert_eq!(unread(&app, &people.coordinator).await, 0);

    let application = apply(&app, &people).await;

    // The coordinator's inbox has it, unread, at once: it is written with the application.
    let received = inbox(&app, &people.coordinator).await;
    assert_eq!(kinds(&received), ["APPLICATION_RECEIVED"], "{received:?}");
    let notice = &received[0];
    assert_eq!(notice["clusterId"], people.cluster.as_str());
    assert_eq!(notice["organisationId"], people.organisation.as_str());
    assert_eq!(
        notice["params"]["organisation"],
        people.organisation_name.as_str()
    );
    assert_eq!(notice["params"]["action"], "APPLY");
    assert_eq!(notice["path"], format!("/clusters/{RECYCLING}"));
    assert_eq!(notice["email"], "IMMEDIATE");
    assert_eq!(notice["readAt"], json!(null));
    let headline = text(notice, "/headline");
    assert!(
        headline.contains(&people.organisation_name),
        "the headline names the applicant: {headline}"
    );
    assert_eq!(unread(&app, &people.coordinator).await, 1);
    // The member who applied is not told of its own application.
    assert_eq!(inbox(&app, &people.member).await, Vec::<Value>::new());

    // And by mail, whose subject is the headline, with the RFC 8058 headers.
    let mail = sink.wait_for(COORDINATOR.0, Some(&headline)).await;
    assert_eq!(mail.subject, headline);
    one_click_token(&mail);
    assert!(mail.text.contains(&headline), "{}", mail.text);
    assert_eq!(
        mail.link("/clusters/"),
        format!("{PUBLIC_URL}/clusters/{RECYCLING}")
    );
    let mailed = inbox(&app, &people.coordinator).await;
    assert!(mailed[0]["emailedAt"].is_string(), "{mailed:?}");

    // The decision reaches the applicant's people, in the inbox and by mail.
    decide(&app, &people, &application, true).await;
    let decided = inbox(&app, &people.member).await;
    assert_eq!(kinds(&decided), ["APPLICATION_DECIDED"], "{decided:?}");
    assert_eq!(decided[0]["params"]["approved"], true);
    assert_eq!(decided[0]["clusterId"], people.cluster.as_str());
    assert_eq!(unread(&app, &people.member).await, 1);
    let headline = text(&decided[0], "/headline");
    let mail = sink.wait_for(MEMBER.0, Some(&headline)).await;
    one_click_token(&mail);
    // The coordinator who decided is not told of its own decision.
    assert_eq!(
        kinds(&inbox(&app, &people.coordinator).await),
        ["APPLICATION_RECEIVED"]
    );
    assert_eq!(
        sink.count_to(COORDINATOR.0),
        1,
        "one mail to the coordinator"
    );
}

async fn nobody_is_told_what_they_may_not_read_nor_of_their_own_change(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let people = people(&app).await;
    let follower = signed_up(&app, &sink, "obserwator@example.org", "Obserwator", "EN").await;
    let stranger = signed_up(&app, &sink, "obcy@example.org", "Obcy", "PL").await;
    // The follower follows the cluster and the applicant; the coordinator follows its own
    // cluster too.
    let cluster = json!({ "clusterId": people.cluster });
    follow(&app, &follower.token, cluster.clone()).await;
    follow(
        &app,
        &follower.token,
        json!({ "organisationId": people.organisation }),
    )
    .await;
    follow(&app, &people.coordinator, cluster).await;

    // An application and its rejection are private: the follower hears of neither.
    let application = apply(&app, &people).await;
    decide(&app, &people, &application, false).await;
    assert_eq!(
        kinds(&inbox(&app, &people.coordinator).await),
        ["APPLICATION_RECEIVED"]
    );
    let rejected = inbox(&app, &people.member).await;
    assert_eq!(kinds(&rejected), ["APPLICATION_DECIDED"]);
    assert_eq!(rejected[0]["params"]["approved"], false);
    assert_eq!(inbox(&app, &follower.token).await, Vec::<Value>::new());
    assert_eq!(unread(&app, &follower.token).await, 0);

    // An admission is public: the follower hears of it, the coordinator who admitted, though
    // following the cluster, does not; the applicant's member is told once, of the decision.
    let again = apply(&app, &people).await;
    decide(&app, &people, &again, true).await;
    let heard = inbox(&app, &follower.token).await;
    assert_eq!(kinds(&heard), ["FOLLOWED_ACTIVITY"], "{heard:?}");
    assert_eq!(heard[0]["clusterId"], people.cluster.as_str());
    assert_eq!(heard[0]["email"], "WEEKLY");
    assert_eq!(
        kinds(&inbox(&app, &people.coordinator).await),
        ["APPLICATION_RECEIVED", "APPLICATION_RECEIVED"]
    );
    assert_eq!(
        kinds(&inbox(&app, &people.member).await),
        ["APPLICATION_DECIDED", "APPLICATION_DECIDED"]
    );

    // A change the coordinator makes to its cluster: the follower's activity of the day is
    // told once already; the coordinator, the one who made it, hears nothing.
    let current = data(
        &app,
        None,
        "query ($s: String!) { cluster(slug: $s) { id version } }",
        json!({ "s": RECYCLING }),
    )
    .await;
    let updated = data(
        &app,
        Some(&people.coordinator),
        "mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { userErrors { field code } } }",
        json!({ "i": { "id": current["cluster"]["id"], "version": current["cluster"]["version"], "acronym": "KGOR-N" } }),
    )
    .await;
    assert_eq!(updated["updateCluster"]["userErrors"], json!([]));
    assert_eq!(
        kinds(&inbox(&app, &follower.token).await),
        ["FOLLOWED_ACTIVITY"]
    );
    assert_eq!(inbox(&app, &people.coordinator).await.len(), 2);

    // The stranger, who follows nothing and holds no role, was told of nothing at all, and
    // nobody's mail went to it beyond its verification.
    assert_eq!(inbox(&app, &stranger.token).await, Vec::<Value>::new());
    assert_eq!(unread(&app, &stranger.token).await, 0);
    assert_eq!(sink.count_to(&stranger.email), 1);

    // The rejection told the applicant why, as the coordinator wrote it.
    assert_eq!(
        rejected[0]["params"]["reason"], "Profil działalności nie pasuje do klastra",
        "{}",
        rejected[0]
    );
    let details: Vec<String> =
        serde_json::from_value(rejected[0]["details"].clone()).expect("lines");
    assert!(
        details
            .iter()
            .any(|line| line.contains("Profil działalności nie pasuje do klastra")),
        "{details:?}"
    );
}

on_both_backends! {
    backend =>
    an_application_reaches_the_coordinator_and_its_decision_the_applicant =>
        an_application_reaches_the_coordinator_and_its_decision_the_applicant;
    nobody_is_told_what_they_may_not_read_nor_of_their_own_change =>
        nobody_is_told_what_they_may_not_read_nor_of_their_own_change;
}
