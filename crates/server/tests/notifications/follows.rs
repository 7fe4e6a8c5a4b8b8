//! Follows and saved searches: a new board notice of a followed sector or voivodeship, or one
//! a saved board search matches, notifies (NEW_MATCH) in the inbox and waits for the daily
//! digest; an account that both follows and searches is told once; what matches neither, and
//! what was unfollowed or deleted, tells nothing.

use crate::common::{Backend, Over, TestApp};
use crate::helpers::{
    People, data, follow, inbox, kinds, of_kind, people, refusal, templates_to, text, user_errors,
};
use crate::on_both_backends;
use serde_json::{Value, json};

/// The member posts a notice; returns its global ID.
async fn post(
    app: &TestApp,
    people: &People,
    title: &str,
    sector: &str,
    voivodeship: &str,
) -> String {
    let payload = data(
        app,
        Some(&people.member),
        "mutation ($i: PostCooperationOfferInput!) { postCooperationOffer(input: $i) { \
         offer { id } userErrors { field code message } } }",
        json!({ "i": {
            "organisationId": people.organisation, "kind": "OFFER", "category": "SHARED_RESOURCES",
            "title": title, "description": "Wolne moce przerobowe od zaraz.",
            "voivodeship": voivodeship, "sectors": [sector],
        } }),
    )
    .await["postCooperationOffer"]
        .clone();
    assert_eq!(payload["userErrors"], json!([]), "{payload}");
    text(&payload, "/offer/id")
}

/// The titles of the NEW_MATCH notifications of the holder of `token`, newest first.
async fn matches(app: &TestApp, token: &str) -> Vec<String> {
    of_kind(&inbox(app, token).await, "NEW_MATCH")
        .iter()
        .map(|n| text(n, "/params/title"))
        .collect()
}

async fn follows_and_saved_searches_tell_of_new_notices_that_match_once(app: TestApp) {
    let people = people(&app).await;
    let sectors = data(&app, None, "{ sectors { code } }", json!({})).await;
    let sector = text(&sectors, "/sectors/0/code");
    let other_sector = text(&sectors, "/sectors/1/code");

    // The coordinator follows a sector of the board; the operator a voivodeship.
    let by_sector = follow(&app, &people.coordinator, json!({ "boardSector": sector })).await;
    assert_eq!(by_sector["target"], "BOARD");
    assert_eq!(by_sector["sector"], sector.as_str());
    let by_region = follow(
        &app,
        &people.operator,
        json!({ "boardVoivodeship": "MAZOWIECKIE" }),
    )
    .await;
    assert_eq!(by_region["voivodeship"], "MAZOWIECKIE");
    // Following it again is the same follow.
    let again = follow(&app, &people.coordinator, json!({ "boardSector": sector })).await;
    assert_eq!(again["id"], by_sector["id"]);
    let followed = data(
        &app,
        Some(&people.coordinator),
        "{ follows { id target sector } }",
        json!({}),
    )
    .await;
    assert_eq!(
        followed["follows"],
        json!([{ "id": by_sector["id"], "target": "BOARD", "sector": sector }])
    );
    // The whole board is not followed: that is a saved search.
    let whole = data(
        &app,
        Some(&people.coordinator),
        "mutation { follow(input: {}) { follow { id } userErrors { field code } } }",
        json!({}),
    )
    .await;
    assert_eq!(
        user_errors(&whole["follow"]),
        [("board".to_owned(), "REQUIRED".to_owned())]
    );

    // A notice of the sector, elsewhere: the coordinator is told, the operator not.
    post(&app, &people, "Hala magazynowa", &sector, "DOLNOSLASKIE").await;
    assert_eq!(
        matches(&app, &people.coordinator).await,
        ["Hala magazynowa"]
    );
    assert_eq!(matches(&app, &people.operator).await, Vec::<String>::new());
    let told = &of_kind(&inbox(&app, &people.coordinator).await, "NEW_MATCH")[0];
    assert_eq!(
        told["params"]["organisation"],
        people.organisation_name.as_str()
    );
    assert_eq!(told["path"], "/cooperation");
    // NEW_MATCH is mailed daily: nothing is mailed at once.
    assert_eq!(told["email"], "DAILY");
    assert_eq!(told["emailedAt"], Value::Null);
    // A notice of another sector in the followed voivodeship: the operator is told.
    post(
        &app,
        &people,
        "Laboratorium badawcze",
        &other_sector,
        "MAZOWIECKIE",
    )
    .await;
    assert_eq!(
        matches(&app, &people.operator).await,
        ["Laboratorium badawcze"]
    );
    assert_eq!(
        matches(&app, &people.coordinator).await,
        ["Hala magazynowa"]
    );
    assert_eq!(
        templates_to(&app, &people.operator, crate::common::COORDINATOR.0).await,
        Vec::<String>::new()
    );

    // A saved board search of words: the coordinator, who also follows the sector, is told
    // once of a notice both match, and of one only the search matches.
    let saved = data(
        &app,
        Some(&people.coordinator),
        "mutation ($i: SaveSearchInput!) { saveSearch(input: $i) { \
         savedSearch { id name scope filter { text } } userErrors { field code } } }",
        json!({ "i": { "name": "Frezarki", "scope": "BOARD", "text": "frezarka" } }),
    )
    .await["saveSearch"]
        .clone();
    assert_eq!(saved["userErrors"], json!([]), "{saved}");
    assert_eq!(saved["savedSearch"]["scope"], "BOARD");
    post(
        &app,
        &people,
        "Frezarka CNC do wynajęcia",
        &sector,
        "SLASKIE",
    )
    .await;
    post(
        &app,
        &people,
        "Frezarka pięcioosiowa",
        &other_sector,
        "SLASKIE",
    )
    .await;
    post(&app, &people, "Wtryskarka", &other_sector, "SLASKIE").await;
    assert_eq!(
        matches(&app, &people.coordinator).await,
        [
            "Frezarka pięcioosiowa",
            "Frezarka CNC do wynajęcia",
            "Hala magazynowa"
        ]
    );
    let listed = data(
        &app,
        Some(&people.coordinator),
        "{ savedSearches { id name } }",
        json!({}),
    )
    .await;
    assert_eq!(
        listed["savedSearches"],
        json!([{ "id": saved["savedSearch"]["id"], "name": "Frezarki" }])
    );

    // Unfollowed and deleted: nothing more.
    let unfollowed = data(
        &app,
        Some(&people.coordinator),
        "mutation ($id: ID!) { unfollow(followId: $id) { userErrors { code } } }",
        json!({ "id": by_sector["id"] }),
    )
    .await;
    assert_eq!(unfollowed["unfollow"]["userErrors"], json!([]));
    let deleted = data(
        &app,
        Some(&people.coordinator),
        "mutation ($id: ID!) { deleteSavedSearch(savedSearchId: $id) { userErrors { code } } }",
        json!({ "id": saved["savedSearch"]["id"] }),
    )
    .await;
    assert_eq!(deleted["deleteSavedSearch"]["userErrors"], json!([]));
    post(&app, &people, "Frezarka ręczna", &sector, "SLASKIE").await;
    assert_eq!(matches(&app, &people.coordinator).await.len(), 3);
    // Nobody else's follow can be unfollowed.
    assert_eq!(
        refusal(
            &app,
            Over::Http,
            Some(&people.coordinator),
            "mutation ($id: ID!) { unfollow(followId: $id) { userErrors { code } } }",
            json!({ "id": by_region["id"] }),
        )
        .await,
        "NOT_FOUND"
    );
    assert_eq!(
        data(
            &app,
            Some(&people.operator),
            "{ follows { id } }",
            json!({})
        )
        .await["follows"],
        json!([{ "id": by_region["id"] }])
    );
    // The poster is not told of its own notices.
    assert_eq!(
        kinds(&inbox(&app, &people.member).await),
        Vec::<String>::new()
    );
}

on_both_backends! {
    follows_and_saved_searches_tell_of_new_notices_that_match_once =>
        follows_and_saved_searches_tell_of_new_notices_that_match_once;
}
