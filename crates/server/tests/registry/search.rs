//! Search text: case and Polish diacritics ignored, LIKE wildcards matched literally.

use crate::common::{Backend, TestApp};
use crate::nodes;
use crate::on_both_backends;
use serde_json::{Value, json};

async fn search_ignores_case_and_polish_diacritics(app: TestApp) {
    let names = |data: &Value| -> Vec<String> {
        nodes(&data["clusters"])
            .iter()
            .filter_map(|n| n["name"].as_str().map(String::from))
            .collect()
    };
    let query = "query ($text: String) { clusters(filter: { text: $text }, first: 100) { edges { node { name } } } }";
    let slaski = names(&app.query(query, json!({ "text": "slaski" })).await);
    assert!(
        slaski.contains(&"Śląski Klaster Lotniczy".to_string()),
        "{slaski:?}"
    );
    let upper = names(&app.query(query, json!({ "text": "ŚLĄSKI KLASTER" })).await);
    assert!(
        upper.contains(&"Śląski Klaster Lotniczy".to_string()),
        "{upper:?}"
    );
    let obrobki = names(&app.query(query, json!({ "text": "obrobki metali" })).await);
    assert!(
        obrobki.contains(&"Klaster Obróbki Metali".to_string()),
        "{obrobki:?}"
    );

    // No seed organisation sits in Łódź, so the test adds one.
    use sea_orm::{ActiveModelTrait, Set};
    let now = chrono::Utc::now();
    klastry_entity::organisation::ActiveModel {
        name: Set("Politechnika Łódzka".into()),
        sort_name: Set("politechnika lodzka".into()),
        search_text: Set(klastry_domain::rules::text::fold(
            "Politechnika Łódzka Łódź",
        )),
        kind: Set(Some(klastry_entity::OrganisationKind::University)),
        country: Set("PL".into()),
        city: Set(Some("Łódź".into())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("fixture inserted");
    let found = app
        .query(
            r#"{ organisations(filter: { text: "lodz" }) { totalCount edges { node { name city kind } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(found["organisations"]["totalCount"], 1);
    assert_eq!(nodes(&found["organisations"])[0]["city"], "Łódź");
    // A LIKE wildcard in the search text is matched literally.
    let literal = app
        .query(
            r#"{ clusters(filter: { text: "%" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(literal["clusters"]["totalCount"], 0);
}

on_both_backends! {
    diacritics => search_ignores_case_and_polish_diacritics;
}
