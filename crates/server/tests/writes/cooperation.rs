//! Cooperation offers are posted, found and answered.

use crate::common::{Backend, MEMBER, OPERATOR, TestApp};
use crate::my_organisation;
use crate::on_both_backends;
use serde_json::json;

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

on_both_backends! {
    cooperation => cooperation_offers_are_posted_found_and_answered;
}
