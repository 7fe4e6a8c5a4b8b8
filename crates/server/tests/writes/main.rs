//! Writes through the API: a coordinator keeps a cluster current, an organisation applies and is
//! approved, the operator records a KKK renewal, validation answers in userErrors, stale versions
//! get CONFLICT, and every change lands in the audit trail. One module per area: the cluster
//! (`clusters`), memberships (`memberships`) and their periods (`membership_periods`), KKK
//! records (`records`), cooperation (`cooperation`); the helpers they share are here.

#[path = "../common/mod.rs"]
mod common;

mod clusters;
mod cooperation;
mod membership_periods;
mod memberships;
mod records;

use common::TestApp;
use serde_json::{Value, json};

pub(crate) const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

pub(crate) async fn cluster(app: &TestApp, slug: &str) -> Value {
    app.query(
        "query($slug: String!) { cluster(slug: $slug) { id version descriptionPl \
         kkkCertifications { id awardedOn validUntil } events { name } services { name } \
         projects { name } indicators { year memberCount } } }",
        json!({ "slug": slug }),
    )
    .await["cluster"]
        .clone()
}

pub(crate) async fn my_organisation(app: &TestApp, token: &str) -> (String, i64) {
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
