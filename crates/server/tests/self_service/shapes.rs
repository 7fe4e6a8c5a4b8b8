//! The lists of self-service cost a fixed number of SQL statements, whatever the page size:
//! requests with their deciders and hints, invitations, submissions with their submitters, the
//! account list with roles, and the outbox with every try.

use crate::common::{Backend, OPERATOR, TestApp};
use crate::on_both_backends;
use chrono::Utc;
use klastry_entity::{
    AccessRequestKind, InvitationRole, ReviewStatus, access_request, app_user, cluster_submission,
    invitation, mail_attempt, mail_message, organisation,
};
use sea_orm::{ActiveModelTrait, EntityTrait, QuerySelect, Set};
use serde_json::json;

/// Writes `n` of each self-service row straight into the database.
async fn fill(app: &TestApp, n: i32) {
    let now = Utc::now();
    let organisations: Vec<i32> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .into_tuple()
        .all(&app.db)
        .await
        .expect("organisations");
    for i in 0..n {
        let user = app_user::ActiveModel {
            email: Set(format!("shape-{i}@example.pl")),
            password_hash: Set("!".into()),
            display_name: Set(format!("Osoba {i}")),
            is_operator: Set(false),
            language: Set("pl".into()),
            email_verified_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("a user");
        let organisation = organisations[i as usize % organisations.len()];
        access_request::ActiveModel {
            kind: Set(AccessRequestKind::ActForOrganisation),
            user_id: Set(user.id),
            organisation_id: Set(Some(organisation)),
            status: Set(ReviewStatus::Pending),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("a request");
        invitation::ActiveModel {
            email: Set(format!("invited-{i}@example.pl")),
            role: Set(InvitationRole::Member),
            organisation_id: Set(Some(organisation)),
            language: Set("pl".into()),
            token_hash: Set(format!("{i:064}")),
            expires_at: Set(now),
            sent_count: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("an invitation");
        cluster_submission::ActiveModel {
            submitted_by: Set(user.id),
            status: Set(ReviewStatus::Pending),
            name: Set(format!("Klaster {i}")),
            description: Set("Opis".into()),
            sectors: Set(String::new()),
            declared_members: Set("[]".into()),
            coordinator_name: Set("Koordynator".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("a submission");
        let mail = mail_message::ActiveModel {
            recipient: Set(user.email.clone()),
            user_id: Set(Some(user.id)),
            language: Set("pl".into()),
            template: Set("VERIFY_EMAIL".into()),
            status: Set("FAILED".into()),
            attempt_count: Set(2),
            next_attempt_at: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("a mail");
        for number in 1..=2 {
            mail_attempt::ActiveModel {
                mail_id: Set(mail.id),
                number: Set(number),
                error: Set(Some("refused".into())),
                duration_ms: Set(3),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .expect("a try");
        }
    }
}

pub(crate) async fn the_self_service_lists_cost_the_same_statements_at_any_page_size(app: TestApp) {
    fill(&app, 30).await;
    let operator = app.sign_in(OPERATOR).await;
    let lists = [
        (
            "accessRequests",
            "accessRequests(scope: TO_DECIDE, first: $n) { edges { node { id kind status decider emailMatchesWebsite requester { email } organisation { name } cluster { slug } } } }",
        ),
        (
            "invitations",
            "invitations(first: $n) { edges { node { id email role status organisation { name } cluster { slug } } } }",
        ),
        (
            "clusterSubmissions",
            "clusterSubmissions(first: $n) { edges { node { id name submitter { email } listingCheck { members } } } }",
        ),
        (
            "users",
            "users(first: $n) { edges { node { id email emailVerified roles { role organisation { name } } } } }",
        ),
        (
            "mailOutbox",
            "mailOutbox(first: $n) { edges { node { id recipient status attempts { number error } } } }",
        ),
    ];
    // Ten rows already reach every kind of organisation the deciders are read for (with and
    // without managers, in clusters and not), so both pages run the same statements.
    for (name, field) in lists {
        let query = format!("query($n: Int) {{ {field} }}");
        let small = app
            .statements_as(Some(&operator), &query, json!({ "n": 10 }))
            .await;
        let large = app
            .statements_as(Some(&operator), &query, json!({ "n": 30 }))
            .await;
        assert_eq!(small, large, "{name}: statements grow with the page");
        assert!(large <= 8, "{name}: {large} statements");
    }
}

on_both_backends! {
    self_service_lists => the_self_service_lists_cost_the_same_statements_at_any_page_size;
}
