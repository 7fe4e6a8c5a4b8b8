//! A coordinator keeps a cluster current, the strategy period is written and cleared, identifiers
//! are checked next to their field, one of two concurrent updates wins, and contact details show
//! only to signed-in accounts.

use crate::common::{Backend, COORDINATOR, MEMBER, TestApp};
use crate::on_both_backends;
use crate::{RECYCLING, cluster, my_organisation};
use serde_json::{Value, json};

async fn coordinator_keeps_their_cluster_current(app: TestApp) {
    let token = app.sign_in(COORDINATOR).await;
    let before = cluster(&app, RECYCLING).await;
    let id = before["id"].as_str().expect("id");
    let version = before["version"].as_i64().expect("version");
    let data = app
        .query_as(
            &token,
            "mutation($input: UpdateClusterInput!) { updateCluster(input: $input) { \
             cluster { version descriptionPl website } userErrors { field message } } }",
            json!({ "input": { "id": id, "version": version,
                "descriptionPl": "Gospodarka obiegu zamkniętego na Podkarpaciu.",
                "aliases": ["KGOR"], "specialisations": ["recykling tworzyw"],
                "website": "https://recykling.example.pl" } }),
        )
        .await;
    let updated = &data["updateCluster"];
    assert_eq!(updated["userErrors"], json!([]));
    assert_eq!(updated["cluster"]["version"], json!(version + 1));
    for (mutation, input_type, fields) in [
        (
            "createEvent",
            "CreateEventInput",
            json!({ "name": "Forum Recyklingu 2027", "startsOn": "2027-03-10", "endsOn": "2027-03-11", "location": "Rzeszów" }),
        ),
        (
            "createService",
            "CreateNamedInput",
            json!({ "name": "Audyt gospodarki odpadami" }),
        ),
        (
            "createProject",
            "CreateProjectInput",
            json!({ "name": "Regranulat 2.0", "budgetAmount": 1200000, "budgetCurrency": "PLN", "partners": ["Politechnika Rzeszowska"] }),
        ),
        (
            "createIndicator",
            "CreateIndicatorInput",
            json!({ "year": 2025, "memberCount": 31 }),
        ),
    ] {
        let mut input = fields;
        input["clusterId"] = json!(id);
        let (_, body) = app
            .post_as(
                &token,
                &format!("mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ userErrors {{ field message }} }} }}"),
                json!({ "input": input }),
            )
            .await;
        assert!(body.get("errors").is_none(), "{mutation}: {body}");
        assert_eq!(
            body["data"][mutation]["userErrors"],
            json!([]),
            "{mutation}"
        );
    }
    let after = cluster(&app, RECYCLING).await;
    let found = app
        .query("{ clusters(filter: { text: \"kgor\" }) { edges { node { slug specialisations projects { partners } } } } }", json!({}))
        .await;
    assert_eq!(
        found["clusters"]["edges"][0]["node"]["slug"], RECYCLING,
        "a new alias is searched: {found}"
    );
    assert_eq!(
        found["clusters"]["edges"][0]["node"]["specialisations"],
        json!(["recykling tworzyw"])
    );
    assert!(
        found.to_string().contains("Politechnika Rzeszowska"),
        "{found}"
    );
    assert_eq!(
        after["descriptionPl"],
        json!("Gospodarka obiegu zamkniętego na Podkarpaciu.")
    );
    assert!(
        after["events"]
            .as_array()
            .expect("events")
            .iter()
            .any(|e| e["name"] == "Forum Recyklingu 2027")
    );
    assert!(
        after["services"]
            .as_array()
            .expect("services")
            .iter()
            .any(|e| e["name"] == "Audyt gospodarki odpadami")
    );
    assert!(
        after["projects"]
            .as_array()
            .expect("projects")
            .iter()
            .any(|e| e["name"] == "Regranulat 2.0")
    );
    assert!(
        after["indicators"]
            .as_array()
            .expect("indicators")
            .iter()
            .any(|e| e["year"] == 2025)
    );

    let trail = app
        .query_as(
            &token,
            "query($c: ID!) { auditTrail(clusterId: $c, first: 10) { edges { node { action objectType actorEmail before after } } } }",
            json!({ "c": id }),
        )
        .await;
    let entries = trail["auditTrail"]["edges"]
        .as_array()
        .expect("entries")
        .clone();
    assert_eq!(entries.len(), 5, "{trail}");
    let update = entries
        .iter()
        .find(|e| e["node"]["objectType"] == "Cluster")
        .expect("the update is recorded");
    assert_eq!(update["node"]["action"], "UPDATE");
    assert_eq!(update["node"]["actorEmail"], COORDINATOR.0);
    assert_eq!(
        update["node"]["after"]["website"],
        "https://recykling.example.pl"
    );
    assert_ne!(
        update["node"]["before"]["website"],
        update["node"]["after"]["website"]
    );
    // The whole trail is the operator's only.
    let (_, body) = app
        .post_as(
            &token,
            "{ auditTrail { edges { node { action } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
}

async fn the_strategy_period_is_written_checked_and_cleared(app: TestApp) {
    let token = app.sign_in(COORDINATOR).await;
    let update = "mutation($input: UpdateClusterInput!) { updateCluster(input: $input) { \
                  cluster { version strategyPeriod { from to } } userErrors { field code } } }";
    let current = cluster(&app, RECYCLING).await;
    let (id, version) = (
        current["id"].clone(),
        current["version"].as_i64().expect("version"),
    );
    let set = app
        .query_as(&token, update, json!({ "input": { "id": id, "version": version, "strategyFrom": 2024, "strategyTo": 2030 } }))
        .await;
    assert_eq!(set["updateCluster"]["userErrors"], json!([]), "{set}");
    assert_eq!(
        set["updateCluster"]["cluster"]["strategyPeriod"],
        json!({ "from": 2024, "to": 2030 })
    );
    // Ending before it starts, or a year no strategy names, changes nothing.
    let refused = app
        .query_as(
            &token,
            update,
            json!({ "input": { "id": id, "version": version + 1, "strategyTo": 2020 } }),
        )
        .await;
    assert_eq!(
        refused["updateCluster"]["userErrors"],
        json!([{ "field": "strategyTo", "code": "ENDS_BEFORE_START" }])
    );
    let absurd = app
        .query_as(
            &token,
            update,
            json!({ "input": { "id": id, "version": version + 1, "strategyFrom": 99999 } }),
        )
        .await;
    assert_eq!(
        absurd["updateCluster"]["userErrors"][0]["code"], "OUT_OF_RANGE",
        "{absurd}"
    );
    let cleared = app
        .query_as(
            &token,
            update,
            json!({ "input": { "id": id, "version": version + 1, "strategyTo": null } }),
        )
        .await;
    assert_eq!(
        cleared["updateCluster"]["userErrors"],
        json!([]),
        "{cleared}"
    );
    assert_eq!(
        cleared["updateCluster"]["cluster"],
        json!({ "version": version + 2, "strategyPeriod": { "from": 2024, "to": null } })
    );
}

async fn invalid_identifiers_come_back_next_to_their_field_and_change_nothing(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let (organisation, version) = my_organisation(&app, &member).await;
    let update = "mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { \
                  organisation { nip regon version } userErrors { field message } } }";
    let bad = app
        .query_as(
            &member,
            update,
            json!({ "input": { "id": organisation, "version": version, "nip": "526-025-09-94", "regon": "12345678", "postalCode": "35 959", "email": "biuro(at)ta.pl" } }),
        )
        .await;
    let errors = bad["updateOrganisation"]["userErrors"]
        .as_array()
        .expect("errors")
        .clone();
    let fields: Vec<&str> = errors.iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["nip", "regon", "postalCode", "email"], "{bad}");
    assert!(
        errors[0]["message"]
            .as_str()
            .expect("message")
            .contains("check digit")
    );
    assert_eq!(bad["updateOrganisation"]["organisation"], Value::Null);
    let good = app
        .query_as(&member, update, json!({ "input": { "id": organisation, "version": version, "nip": "PL 526-025-09-95", "regon": "123456785" } }))
        .await;
    assert_eq!(good["updateOrganisation"]["userErrors"], json!([]));
    assert_eq!(
        good["updateOrganisation"]["organisation"]["nip"],
        "5260250995"
    );
    assert_eq!(
        good["updateOrganisation"]["organisation"]["version"],
        json!(version + 1)
    );
}

async fn of_two_concurrent_updates_exactly_one_wins(app: TestApp) {
    let token = app.sign_in(COORDINATOR).await;
    let before = cluster(&app, RECYCLING).await;
    let update = "mutation($input: UpdateClusterInput!) { updateCluster(input: $input) { cluster { version } userErrors { message } } }";
    let send = |text: &'static str| {
        let input = json!({ "input": { "id": before["id"], "version": before["version"], "descriptionPl": text } });
        let app = &app;
        let token = token.clone();
        async move { app.post_as(&token, update, input).await }
    };
    let (first, second) = tokio::join!(send("Pierwsza wersja."), send("Druga wersja."));
    let mut outcomes: Vec<String> = [first, second]
        .into_iter()
        .map(|(status, body)| {
            assert_eq!(status, 200, "{body}");
            match body["errors"][0]["extensions"]["code"].as_str() {
                Some(code) => code.to_string(),
                None => {
                    assert_eq!(
                        body["data"]["updateCluster"]["cluster"]["version"],
                        json!(before["version"].as_i64().unwrap_or_default() + 1)
                    );
                    "OK".to_string()
                }
            }
        })
        .collect();
    outcomes.sort();
    assert_eq!(outcomes, ["CONFLICT", "OK"]);
    // A stale version stays refused afterwards.
    let (_, body) = app
        .post_as(&token, update, json!({ "input": { "id": before["id"], "version": before["version"], "acronym": "KGOiR" } }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "CONFLICT",
        "{body}"
    );
}

async fn contact_details_show_only_to_signed_in_accounts(app: TestApp) {
    let coordinator = app.sign_in(COORDINATOR).await;
    let id = app.cluster_id(RECYCLING).await;
    let added = app
        .query_as(
            &coordinator,
            "mutation($input: AddClusterPersonInput!) { addClusterPerson(input: $input) { clusterPerson { id person { fullName } } userErrors { field message } } }",
            json!({ "input": { "clusterId": id, "fullName": "Anna Nowak", "role": "OFFICE", "email": "anna.nowak@example.pl", "phone": "+48 17 123 45 67" } }),
        )
        .await;
    assert_eq!(
        added["addClusterPerson"]["userErrors"],
        json!([]),
        "{added}"
    );
    let people = "query($slug: String!) { cluster(slug: $slug) { people { person { fullName email phone } } } }";
    let public = app.query(people, json!({ "slug": RECYCLING })).await;
    assert!(public.to_string().contains("Anna Nowak"));
    assert!(
        !public.to_string().contains("anna.nowak@example.pl"),
        "{public}"
    );
    let signed = app
        .query_as(&coordinator, people, json!({ "slug": RECYCLING }))
        .await;
    assert!(
        signed.to_string().contains("anna.nowak@example.pl"),
        "{signed}"
    );
}

on_both_backends! {
    coordinator_cluster => coordinator_keeps_their_cluster_current;
    strategy_period => the_strategy_period_is_written_checked_and_cleared;
    validation => invalid_identifiers_come_back_next_to_their_field_and_change_nothing;
    concurrency => of_two_concurrent_updates_exactly_one_wins;
    contacts => contact_details_show_only_to_signed_in_accounts;
}
