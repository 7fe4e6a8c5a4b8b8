//! The typed error contract: every `UserErrorCode` is reachable through the API, documented in
//! the schema, and carries the limits it speaks of; a unique key refuses the loser of a race
//! with NOT_UNIQUE, never a server error; every `extensions.code` is listed in
//! docs/API-DESIGN.md.

mod common;

use common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

/// Runs `mutation` (its payload's `userErrors` selected in full) and returns the first user
/// error, asserting the request itself succeeded.
async fn first_user_error(app: &TestApp, token: &str, mutation: &str, input: Value) -> Value {
    let input_type = format!("{}{}Input", mutation[..1].to_uppercase(), &mutation[1..]);
    let query = format!(
        "mutation ($i: {input_type}!) {{ {mutation}(input: $i) {{ userErrors {{ field code message min max actual }} }} }}"
    );
    let (status, body) = app.post_as(token, &query, json!({ "i": input })).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{mutation}: {body}");
    let errors = &body["data"][mutation]["userErrors"];
    assert!(errors[0].is_object(), "{mutation} refused nothing: {body}");
    errors[0].clone()
}

/// A new cluster of the operator's, by slug, for the checks that need one with no history.
async fn new_cluster(app: &TestApp, operator: &str, slug: &str) -> String {
    app.query_as(
        operator,
        "mutation ($i: CreateClusterInput!) { createCluster(input: $i) { cluster { id } userErrors { message } } }",
        json!({ "i": { "slug": slug, "namePl": "Klaster próbny" } }),
    )
    .await["createCluster"]["cluster"]["id"]
        .as_str()
        .expect("created")
        .to_owned()
}

/// A cooperation notice the member's organisation posted; returns (notice, its organisation).
async fn posted_notice(app: &TestApp, member: &str) -> (Value, Value) {
    let organisation = app.acting_organisation(member).await;
    let posted = app
        .query_as(
            member,
            "mutation ($i: PostCooperationOfferInput!) { postCooperationOffer(input: $i) { offer { id } userErrors { message } } }",
            json!({ "i": { "organisationId": organisation, "kind": "OFFER", "category": "OTHER", "title": "Prasa krawędziowa", "description": "Wolne moce przerobowe" } }),
        )
        .await;
    (
        posted["postCooperationOffer"]["offer"]["id"].clone(),
        organisation,
    )
}

async fn every_user_error_code_is_reachable_and_documented(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let recycling = app.cluster_id(RECYCLING).await;
    let fresh = new_cluster(&app, &operator, "klaster-probny-bledow").await;
    let source = app.source_id("004").await;
    let kkk = |extra: Value| {
        let mut input =
            json!({ "clusterId": fresh, "awardedOn": "2024-01-01", "sourceId": source });
        input
            .as_object_mut()
            .expect("object")
            .extend(extra.as_object().expect("object").clone());
        input
    };
    let recorded = app
        .query_as(
            &operator,
            "mutation ($i: RecordKkkCertificationInput!) { recordKkkCertification(input: $i) { userErrors { message } } }",
            json!({ "i": kkk(json!({})) }),
        )
        .await;
    assert_eq!(
        recorded["recordKkkCertification"]["userErrors"],
        json!([]),
        "{recorded}"
    );
    let (notice, own_organisation) = posted_notice(&app, &member).await;
    let (expiring, _) = posted_notice(&app, &member).await;
    let other_organisation = app
        .query("{ organisations(first: 5) { nodes { id } } }", json!({}))
        .await["organisations"]["nodes"]
        .as_array()
        .expect("organisations")
        .iter()
        .map(|o| o["id"].clone())
        .find(|id| *id != own_organisation)
        .expect("another organisation");
    {
        use sea_orm::ConnectionTrait;
        let id = klastry_graphql_id(&expiring);
        app.db
            .execute_unprepared(&format!(
                "UPDATE cooperation_offer SET expires_on = '2020-01-01' WHERE id = {id}"
            ))
            .await
            .expect("expire the notice");
    }

    // (code, as whom, mutation, input, field, limits expected as (min, max, actual))
    type Case<'a> = (&'a str, &'a str, &'a str, Value, &'a str, [Value; 3]);
    let none = || [Value::Null, Value::Null, Value::Null];
    let cases: Vec<Case> = vec![
        (
            "REQUIRED",
            &operator,
            "createOrganisation",
            json!({}),
            "name",
            none(),
        ),
        (
            "INVALID_FORMAT",
            &operator,
            "createOrganisation",
            json!({ "name": "Firma", "postalCode": "00000" }),
            "postalCode",
            none(),
        ),
        (
            "INVALID_CHECKSUM",
            &operator,
            "createOrganisation",
            json!({ "name": "Firma", "nip": "5260250994" }),
            "nip",
            none(),
        ),
        (
            "TOO_LONG",
            &operator,
            "createOrganisation",
            json!({ "name": "F".repeat(301) }),
            "name",
            [Value::Null, json!(300), json!(301)],
        ),
        (
            "TOO_SHORT",
            &member,
            "changePassword",
            json!({ "currentPassword": MEMBER.1, "newPassword": "krótkie" }),
            "newPassword",
            [json!(10), Value::Null, json!(7)],
        ),
        (
            "OUT_OF_RANGE",
            &operator,
            "recordKkkCertification",
            kkk(json!({ "awardedOn": "2030", "renewal": 25 })),
            "renewal",
            [json!(0), json!(20), json!(25)],
        ),
        (
            "NOT_UNIQUE",
            &operator,
            "createCluster",
            json!({ "slug": RECYCLING, "namePl": "Drugi" }),
            "slug",
            none(),
        ),
        (
            "NOT_FOUND",
            &operator,
            "recordKkkCertification",
            kkk(json!({ "awardedOn": "2030", "roundNumber": 99 })),
            "roundNumber",
            none(),
        ),
        (
            "NOT_ALLOWED",
            &operator,
            "respondToCooperationOffer",
            json!({ "offerId": notice, "organisationId": own_organisation, "message": "Chętnie" }),
            "organisationId",
            none(),
        ),
        (
            "MUTUALLY_EXCLUSIVE",
            &operator,
            "grantRole",
            json!({ "userId": "VXNlcjox", "role": "COORDINATOR", "clusterId": recycling, "organisationId": own_organisation }),
            "organisationId",
            none(),
        ),
        (
            "ENDS_BEFORE_START",
            &coordinator,
            "createEvent",
            json!({ "clusterId": recycling, "name": "Forum", "startsOn": "2024-06", "endsOn": "2024-05-31" }),
            "endsOn",
            none(),
        ),
        (
            "OVERLAPS",
            &operator,
            "recordKkkCertification",
            kkk(json!({ "awardedOn": "2025-01-01" })),
            "awardedOn",
            none(),
        ),
        (
            "EXPIRED",
            &operator,
            "respondToCooperationOffer",
            json!({ "offerId": expiring, "organisationId": other_organisation, "message": "Chętnie" }),
            "offerId",
            none(),
        ),
        (
            "TOO_COMMON",
            &member,
            "changePassword",
            json!({ "currentPassword": MEMBER.1, "newPassword": "qwertyuiop" }),
            "newPassword",
            none(),
        ),
        (
            "TOO_SIMPLE",
            &member,
            "changePassword",
            json!({ "currentPassword": MEMBER.1, "newPassword": "abababababab" }),
            "newPassword",
            [json!(4), Value::Null, json!(2)],
        ),
        (
            "WRONG_PASSWORD",
            &member,
            "changePassword",
            json!({ "currentPassword": "nie-to-haslo-123", "newPassword": "zupełnie-nowe-hasło-9" }),
            "currentPassword",
            none(),
        ),
    ];
    let mut reached = BTreeSet::new();
    for (code, token, mutation, input, field, [min, max, actual]) in cases {
        let error = first_user_error(&app, token, mutation, input).await;
        assert_eq!(error["code"], code, "{mutation}: {error}");
        assert_eq!(error["field"], field, "{code}: {error}");
        assert!(
            error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{error}"
        );
        for (name, expected) in [("min", min), ("max", max), ("actual", actual)] {
            assert_eq!(error[name], expected, "{code}'s {name}: {error}");
        }
        reached.insert(code.to_owned());
    }

    // Every value of the enum was reached above, and the schema says what each means.
    let described = app
        .query(
            "{ __type(name: \"UserErrorCode\") { enumValues { name description } } }",
            json!({}),
        )
        .await;
    let values = described["__type"]["enumValues"]
        .as_array()
        .expect("enum values");
    for value in values {
        assert!(
            value["description"].as_str().is_some_and(|d| d.len() > 20),
            "{value} has no description"
        );
    }
    let declared: BTreeSet<String> = values
        .iter()
        .filter_map(|v| v["name"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        declared, reached,
        "a code no test reaches, or a case for no code"
    );
}

/// The numeric id inside a global ID (`Kind:42`, base64url).
fn klastry_graphql_id(id: &Value) -> i32 {
    use base64::Engine;
    let text = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(id.as_str().expect("an ID"))
        .expect("base64");
    let text = String::from_utf8(text).expect("UTF-8");
    text.rsplit(':')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

async fn an_argument_refused_at_the_top_level_carries_its_reason_and_limits(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let (status, body) = app
        .post_as(
            &operator,
            "{ auditTrail(clusterId: \"Q2x1c3Rlcjox\", organisationId: \"T3JnYW5pc2F0aW9uOjE\") { edges { cursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let extensions = &body["errors"][0]["extensions"];
    assert_eq!(extensions["code"], "BAD_USER_INPUT", "{body}");
    assert_eq!(extensions["reason"], "MUTUALLY_EXCLUSIVE", "{body}");
    assert_eq!(extensions["field"], "clusterId", "{body}");

    let (_, body) = app
        .post("{ clusters(first: 101) { nodes { slug } } }", json!({}))
        .await;
    let extensions = &body["errors"][0]["extensions"];
    assert_eq!(extensions["reason"], "OUT_OF_RANGE", "{body}");
    assert_eq!(
        (
            &extensions["min"],
            &extensions["max"],
            &extensions["actual"]
        ),
        (&json!(0), &json!(100), &json!(101)),
        "{body}"
    );
}

async fn racing_creates_of_one_slug_give_one_cluster_and_not_unique_for_the_rest(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let attempts = (0..8).map(|i| {
        let app = &app;
        let operator = &operator;
        async move {
            app.post_as(
                operator,
                "mutation ($i: CreateClusterInput!) { createCluster(input: $i) { cluster { id } userErrors { field code } } }",
                json!({ "i": { "slug": "klaster-wyscigowy", "namePl": format!("Wyścig {i}") } }),
            )
            .await
        }
    });
    let answers = futures_util::future::join_all(attempts).await;
    let mut created = 0;
    for (status, body) in &answers {
        assert_eq!(*status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
        let payload = &body["data"]["createCluster"];
        if payload["cluster"].is_object() {
            created += 1;
        } else {
            assert_eq!(
                payload["userErrors"],
                json!([{ "field": "slug", "code": "NOT_UNIQUE" }]),
                "{body}"
            );
        }
    }
    assert_eq!(created, 1, "{answers:?}");
}

async fn a_unique_key_the_database_refuses_is_a_not_unique_field_error(app: TestApp) {
    use klastry_domain::{DomainError, FieldErrorCode};
    use klastry_entity::{app_user, cluster, membership, organisation};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, NotSet, QueryFilter,
    };

    // A copy of an existing row under a new id collides on the row's unique keys only: what
    // the loser of a race meets after both passed the registry's own check.
    async fn refused<A>(app: &TestApp, row: A) -> (String, FieldErrorCode)
    where
        A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        match row.insert(&app.db).await.map_err(DomainError::from) {
            Err(DomainError::Invalid(error)) => (error.field, error.code),
            other => panic!("not a field error: {other:?}"),
        }
    }

    let slug = cluster::Entity::find()
        .filter(cluster::Column::Slug.eq(RECYCLING))
        .one(&app.db)
        .await
        .expect("read")
        .expect("the cluster");
    let mut copy = slug.into_active_model();
    copy.id = NotSet;
    assert_eq!(
        refused(&app, copy).await,
        ("slug".into(), FieldErrorCode::NotUnique)
    );
    let operator = app.sign_in(OPERATOR).await;
    app.query_as(
        &operator,
        "mutation ($i: CreateOrganisationInput!) { createOrganisation(input: $i) { userErrors { message } } }",
        json!({ "i": { "name": "Firma z NIP-em", "nip": "5260250995" } }),
    )
    .await;
    let with_nip = organisation::Entity::find()
        .filter(organisation::Column::Nip.is_not_null())
        .one(&app.db)
        .await
        .expect("read")
        .expect("an organisation with a NIP");
    let mut copy = with_nip.into_active_model();
    copy.id = NotSet;
    let (field, code) = refused(&app, copy).await;
    assert!(["nip", "regon", "krs"].contains(&field.as_str()), "{field}");
    assert_eq!(code, FieldErrorCode::NotUnique);
    let user = app_user::Entity::find()
        .one(&app.db)
        .await
        .expect("read")
        .expect("an account");
    let mut copy = user.into_active_model();
    copy.id = NotSet;
    assert_eq!(
        refused(&app, copy).await,
        ("email".into(), FieldErrorCode::NotUnique)
    );
    let member = membership::Entity::find()
        .one(&app.db)
        .await
        .expect("read")
        .expect("a membership");
    let mut copy = member.into_active_model();
    copy.id = NotSet;
    assert_eq!(
        refused(&app, copy).await,
        ("organisationId".into(), FieldErrorCode::NotUnique)
    );
}

on_both_backends! {
    every_code => every_user_error_code_is_reachable_and_documented;
    top_level_reason => an_argument_refused_at_the_top_level_carries_its_reason_and_limits;
    unique_race => racing_creates_of_one_slug_give_one_cluster_and_not_unique_for_the_rest;
    unique_keys => a_unique_key_the_database_refuses_is_a_not_unique_field_error;
}

#[test]
fn every_api_error_code_is_listed_in_the_api_design_document_and_the_schema() {
    let document = include_str!("../../../docs/API-DESIGN.md");
    let listed: BTreeSet<&str> = document
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`').map(|(code, _)| code))
        .collect();
    for (code, meaning) in klastry_graphql::error::codes::ALL {
        assert!(
            listed.contains(code),
            "{code} ({meaning}) is not in docs/API-DESIGN.md"
        );
        assert!(!meaning.trim().is_empty(), "{code} has no meaning");
    }
    let known: BTreeSet<&str> = klastry_graphql::error::codes::ALL
        .iter()
        .map(|(code, _)| *code)
        .collect();
    let schema = include_str!("../../../schema.graphql");
    for (code, _) in klastry_graphql::error::codes::ALL {
        assert!(
            schema.contains(&format!("- {code}: ")),
            "{code} is not in the schema's description of the query root"
        );
    }
    let user_error_codes: BTreeSet<&str> = schema
        .split("enum UserErrorCode {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("UserErrorCode in the schema")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .collect();
    for code in &listed {
        assert!(
            known.contains(code) || user_error_codes.contains(code),
            "docs/API-DESIGN.md lists {code}, which the API does not have"
        );
    }
    for code in &user_error_codes {
        assert!(
            listed.contains(code),
            "UserErrorCode {code} is not in docs/API-DESIGN.md"
        );
    }
}
