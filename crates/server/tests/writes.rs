//! Writes through the API: a coordinator keeps a cluster current, an organisation applies and is
//! approved, the operator records a KKK renewal, validation answers in userErrors, stale versions
//! get CONFLICT, and every change lands in the audit trail.

mod common;

use common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp};
use serde_json::{Value, json};

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

async fn cluster(app: &TestApp, slug: &str) -> Value {
    app.query(
        "query($slug: String!) { cluster(slug: $slug) { id version descriptionPl \
         kkkCertifications { id awardedOn validUntil } events { name } services { name } \
         projects { name } indicators { year memberCount } } }",
        json!({ "slug": slug }),
    )
    .await["cluster"]
        .clone()
}

async fn my_organisation(app: &TestApp, token: &str) -> (String, i64) {
    let data = app
        .query_as(
            token,
            "{ me { roles { role organisation { id version } } } }",
            json!({}),
        )
        .await;
    let organisation = &data["me"]["roles"][0]["organisation"];
    (
        organisation["id"]
            .as_str()
            .expect("member of an organisation")
            .to_string(),
        organisation["version"].as_i64().expect("version"),
    )
}

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

async fn an_organisation_applies_and_is_approved(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster_id = app.cluster_id(RECYCLING).await;
    let (organisation, _) = my_organisation(&app, &member).await;
    let applied = app
        .query_as(
            &member,
            "mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { \
             membership { id version status } userErrors { field message } } }",
            json!({ "input": { "clusterId": cluster_id, "organisationId": organisation, "message": "Chcemy dołączyć." } }),
        )
        .await;
    let membership = applied["applyForMembership"]["membership"].clone();
    assert_eq!(membership["status"], "PENDING");

    // The application is not public.
    let memberships = "query($id: ID!) { node(id: $id) { ... on Organisation { memberships { status cluster { slug } } } } }";
    let public = app.query(memberships, json!({ "id": organisation })).await;
    assert!(!public.to_string().contains("PENDING"), "{public}");
    let seen = app
        .query_as(&coordinator, memberships, json!({ "id": organisation }))
        .await;
    assert!(seen.to_string().contains("PENDING"), "{seen}");

    let desk = "query($slug: String!) { cluster(slug: $slug) { membershipApplications { id applicationMessage } } }";
    let pending = app
        .query_as(&coordinator, desk, json!({ "slug": RECYCLING }))
        .await;
    assert_eq!(
        pending["cluster"]["membershipApplications"][0]["id"],
        membership["id"]
    );
    assert_eq!(
        pending["cluster"]["membershipApplications"][0]["applicationMessage"],
        "Chcemy dołączyć."
    );
    let hidden = app.query(desk, json!({ "slug": RECYCLING })).await;
    assert_eq!(hidden["cluster"]["membershipApplications"], json!([]));

    // Applying twice is refused.
    let again = app
        .query_as(
            &member,
            "mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { userErrors { field message } } }",
            json!({ "input": { "clusterId": cluster_id, "organisationId": organisation } }),
        )
        .await;
    assert_eq!(
        again["applyForMembership"]["userErrors"][0]["field"],
        "clusterId"
    );

    let approved = app
        .query_as(
            &coordinator,
            "mutation($input: DecideMembershipInput!) { approveMembership(input: $input) { \
             membership { id version status joinedOn } userErrors { field message } } }",
            json!({ "input": { "id": membership["id"], "version": membership["version"] } }),
        )
        .await;
    let membership = approved["approveMembership"]["membership"].clone();
    assert_eq!(membership["status"], "ACTIVE");
    assert!(membership["joinedOn"].is_string());

    let members = app
        .query(
            "query($slug: String!) { cluster(slug: $slug) { members { totalCount edges { node { organisation { id } } } } } }",
            json!({ "slug": RECYCLING }),
        )
        .await;
    assert!(members.to_string().contains(&organisation), "{members}");
    assert_eq!(members["cluster"]["members"]["totalCount"], 2);

    let left = app
        .query_as(
            &member,
            "mutation($input: LeaveClusterInput!) { leaveCluster(input: $input) { membership { status leftOn } userErrors { field message } } }",
            json!({ "input": { "id": membership["id"], "version": membership["version"] } }),
        )
        .await;
    assert_eq!(left["leaveCluster"]["membership"]["status"], "LEFT");
    let members = app
        .query(
            "query($slug: String!) { cluster(slug: $slug) { members { totalCount } } }",
            json!({ "slug": RECYCLING }),
        )
        .await;
    assert_eq!(members["cluster"]["members"]["totalCount"], 1);
}

async fn a_rejection_needs_a_reason_the_applicant_can_read(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster_id = app.cluster_id(RECYCLING).await;
    let (organisation, _) = my_organisation(&app, &member).await;
    let applied = app
        .query_as(
            &member,
            "mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { membership { id version } } }",
            json!({ "input": { "clusterId": cluster_id, "organisationId": organisation } }),
        )
        .await;
    let membership = applied["applyForMembership"]["membership"].clone();
    let reject = "mutation($input: DecideMembershipInput!) { rejectMembership(input: $input) { \
                  membership { status decisionReason } userErrors { field message } } }";
    let without = app
        .query_as(
            &coordinator,
            reject,
            json!({ "input": { "id": membership["id"], "version": membership["version"] } }),
        )
        .await;
    assert_eq!(
        without["rejectMembership"]["userErrors"][0]["field"],
        "reason"
    );
    let with = app
        .query_as(
            &coordinator,
            reject,
            json!({ "input": { "id": membership["id"], "version": membership["version"], "reason": "Profil poza specjalizacją klastra." } }),
        )
        .await;
    assert_eq!(with["rejectMembership"]["membership"]["status"], "REJECTED");
    let seen = app
        .query_as(
            &member,
            "query($id: ID!) { node(id: $id) { ... on Membership { status decisionReason } } }",
            json!({ "id": membership["id"] }),
        )
        .await;
    assert_eq!(
        seen["node"]["decisionReason"],
        "Profil poza specjalizacją klastra."
    );
    let anonymous = app
        .query(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": membership["id"] }),
        )
        .await;
    assert_eq!(anonymous["node"], Value::Null);
}

async fn the_operator_records_a_kkk_renewal_without_overlaps(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let slug = "klaster-obrobki-metali";
    let before = cluster(&app, slug).await;
    let id = before["id"].as_str().expect("id");
    let count = before["kkkCertifications"].as_array().expect("list").len();
    let record = "mutation($input: RecordKkkCertificationInput!) { recordKkkCertification(input: $input) { \
                  certification { id awardedOn validUntil statusOn: status } userErrors { field message } } }";
    let latest_end = before["kkkCertifications"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|c| c["validUntil"].as_str())
        .max()
        .expect("the cluster holds a KKK certification")
        .to_string();
    // Starting on the last day of the current certification overlaps it.
    let overlapping = app
        .query_as(
            &operator,
            record,
            json!({ "input": { "clusterId": id, "awardedOn": latest_end, "roundNumber": 6 } }),
        )
        .await;
    assert_eq!(
        overlapping["recordKkkCertification"]["userErrors"][0]["field"], "awardedOn",
        "{overlapping}"
    );
    let reversed = app
        .query_as(&operator, record, json!({ "input": { "clusterId": id, "awardedOn": "2031-01-01", "validUntil": "2030-12-31" } }))
        .await;
    assert_eq!(
        reversed["recordKkkCertification"]["userErrors"][0]["field"],
        "validUntil"
    );
    let renewal = app
        .query_as(&operator, record, json!({ "input": { "clusterId": id, "awardedOn": "2031-01-01", "validUntil": "2033-12-31", "renewal": 2 } }))
        .await;
    assert_eq!(
        renewal["recordKkkCertification"]["userErrors"],
        json!([]),
        "{renewal}"
    );
    assert_eq!(
        renewal["recordKkkCertification"]["certification"]["statusOn"],
        "NOT_YET_VALID"
    );
    let after = cluster(&app, slug).await;
    assert_eq!(
        after["kkkCertifications"].as_array().expect("list").len(),
        count + 1
    );
    let trail = app
        .query_as(&operator, "query($c: ID!) { auditTrail(clusterId: $c) { edges { node { action objectType actorEmail } } } }", json!({ "c": id }))
        .await;
    assert_eq!(
        trail["auditTrail"]["edges"][0]["node"]["objectType"],
        "KkkCertification"
    );
    assert_eq!(
        trail["auditTrail"]["edges"][0]["node"]["actorEmail"],
        OPERATOR.0
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

async fn cooperation_offers_are_posted_found_and_answered(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let operator = app.sign_in(OPERATOR).await;
    let (organisation, _) = my_organisation(&app, &member).await;
    let posted = app
        .query_as(
            &member,
            "mutation($input: PostCooperationOfferInput!) { postCooperationOffer(input: $input) { offer { id kind title } userErrors { field message } } }",
            json!({ "input": { "organisationId": organisation, "kind": "OFFER", "category": "RECYCLATES", "title": "Sprzedamy regranulat PP", "description": "Około 20 ton miesięcznie, Śląsk.", "voivodeship": "SLASKIE" } }),
        )
        .await;
    assert_eq!(
        posted["postCooperationOffer"]["userErrors"],
        json!([]),
        "{posted}"
    );
    let offer = posted["postCooperationOffer"]["offer"]["id"].clone();
    let found = app
        .query("{ cooperationOffers(filter: { text: \"slask\" }) { edges { node { id title organisation { name } } } } }", json!({}))
        .await;
    assert_eq!(
        found["cooperationOffers"]["edges"][0]["node"]["id"], offer,
        "{found}"
    );
    let own = app
        .query_as(
            &member,
            "mutation($input: RespondToCooperationOfferInput!) { respondToCooperationOffer(input: $input) { userErrors { field } } }",
            json!({ "input": { "offerId": offer, "organisationId": organisation, "message": "?" } }),
        )
        .await;
    assert_eq!(
        own["respondToCooperationOffer"]["userErrors"][0]["field"],
        "organisationId"
    );
    // The operator answers for another organisation.
    let other = app
        .query("{ organisations(filter: { text: \"Politechnika Bialostocka\" }) { edges { node { id } } } }", json!({}))
        .await["organisations"]["edges"][0]["node"]["id"]
        .clone();
    let answered = app
        .query_as(
            &operator,
            "mutation($input: RespondToCooperationOfferInput!) { respondToCooperationOffer(input: $input) { response { message } userErrors { field } } }",
            json!({ "input": { "offerId": offer, "organisationId": other, "message": "Jesteśmy zainteresowani badaniami." } }),
        )
        .await;
    assert_eq!(
        answered["respondToCooperationOffer"]["response"]["message"],
        "Jesteśmy zainteresowani badaniami."
    );
    let responses = "{ cooperationOffers { edges { node { responses { message } } } } }";
    let seen = app.query_as(&member, responses, json!({})).await;
    assert!(seen.to_string().contains("zainteresowani"), "{seen}");
    let anonymous = app.query(responses, json!({})).await;
    assert!(
        !anonymous.to_string().contains("zainteresowani"),
        "{anonymous}"
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

on_both_backends! {
    coordinator_cluster => coordinator_keeps_their_cluster_current;
    membership_workflow => an_organisation_applies_and_is_approved;
    rejection => a_rejection_needs_a_reason_the_applicant_can_read;
    kkk_renewal => the_operator_records_a_kkk_renewal_without_overlaps;
    strategy_period => the_strategy_period_is_written_checked_and_cleared;
    validation => invalid_identifiers_come_back_next_to_their_field_and_change_nothing;
    concurrency => of_two_concurrent_updates_exactly_one_wins;
    contacts => contact_details_show_only_to_signed_in_accounts;
    cooperation => cooperation_offers_are_posted_found_and_answered;
}
