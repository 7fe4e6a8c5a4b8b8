//! The migrations run up, down and up again on both backends.

use klastry_migration::{Migrator, MigratorTrait};
use klastry_test_support::{Backend, fresh_database, remove_sqlite_file};
use sea_orm::{ConnectionTrait, Database, EntityTrait, PaginatorTrait};

async fn up_down_up(backend: Backend) {
    let Some(fresh) = fresh_database(backend).await else {
        return;
    };
    let db = Database::connect(&fresh.url).await.expect("connect");
    Migrator::up(&db, None).await.expect("up");
    assert_eq!(
        klastry_entity::voivodeship::Entity::find()
            .count(&db)
            .await
            .expect("count"),
        16
    );
    assert_eq!(
        klastry_entity::kkk_round::Entity::find()
            .count(&db)
            .await
            .expect("count"),
        6
    );
    Migrator::down(&db, None).await.expect("down");
    assert!(
        db.execute_unprepared("SELECT 1 FROM cluster")
            .await
            .is_err(),
        "tables are gone after down"
    );
    assert!(
        Migrator::get_applied_migrations(&db)
            .await
            .expect("status")
            .is_empty()
    );
    Migrator::up(&db, None).await.expect("up again");
    assert_eq!(
        klastry_entity::sector::Entity::find()
            .count(&db)
            .await
            .expect("count"),
        14
    );
    let status = Migrator::get_pending_migrations(&db).await.expect("status");
    assert!(status.is_empty());
    db.close().await.ok();
    if let Some(file) = &fresh.sqlite_file {
        remove_sqlite_file(file);
    }
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again_on_sqlite() {
    up_down_up(Backend::Sqlite).await;
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again_on_postgres() {
    up_down_up(Backend::Postgres).await;
}

/// `m20261207_000017_membership_periods` gives every membership that was or is a member one
/// period, with its dates and the days they may mean, derived in SQL on both backends.
async fn membership_periods_are_backfilled(backend: Backend) {
    use klastry_entity::{MembershipStatus, membership, membership_period};
    use sea_orm::{ActiveModelTrait, QueryOrder, Set};
    const PERIODS: &str = "m20261207_000017_membership_periods";
    let Some(fresh) = fresh_database(backend).await else {
        return;
    };
    let db = Database::connect(&fresh.url).await.expect("connect");
    Migrator::up(&db, None).await.expect("up");
    klastry_domain::bulk::demo::load(&db).await.expect("demo");
    // Back to before the periods (and whatever came after them).
    let applied = Migrator::get_applied_migrations(&db)
        .await
        .expect("applied");
    let position = applied
        .iter()
        .position(|m| m.name() == PERIODS)
        .expect("the periods' migration ran");
    let steps = u32::try_from(applied.len() - position).expect("few migrations");
    Migrator::down(&db, Some(steps)).await.expect("down");
    assert!(
        db.execute_unprepared("SELECT 1 FROM membership_period")
            .await
            .is_err(),
        "the periods are gone after down"
    );

    // Memberships as the registry kept them before periods: one left on a month, one joined
    // on a year and left on a day, one application, one application rejected.
    let rows = membership::Entity::find()
        .order_by_asc(membership::Column::Id)
        .all(&db)
        .await
        .expect("memberships");
    assert!(rows.len() > 4);
    let change = |m: &membership::Model, status, joined: Option<&str>, left: Option<&str>| {
        let mut row: membership::ActiveModel = m.clone().into();
        row.status = Set(status);
        row.joined_on = Set(joined.map(String::from));
        row.left_on = Set(left.map(String::from));
        row
    };
    change(
        &rows[0],
        MembershipStatus::Left,
        Some("2012-05-14"),
        Some("2024-02"),
    )
    .update(&db)
    .await
    .expect("left on a month");
    change(
        &rows[1],
        MembershipStatus::Left,
        Some("2012"),
        Some("2015-06-30"),
    )
    .update(&db)
    .await
    .expect("left on a day");
    change(&rows[2], MembershipStatus::Pending, None, None)
        .update(&db)
        .await
        .expect("an application");
    change(&rows[3], MembershipStatus::Rejected, None, None)
        .update(&db)
        .await
        .expect("a rejected application");

    Migrator::up(&db, None).await.expect("up again");
    let periods = membership_period::Entity::find()
        .order_by_asc(membership_period::Column::MembershipId)
        .all(&db)
        .await
        .expect("periods");
    assert_eq!(
        periods.len(),
        rows.len() - 2,
        "every member but the applications"
    );
    let of = |m: &membership::Model| periods.iter().find(|p| p.membership_id == m.id).cloned();
    let day = |text: &str| text.parse::<chrono::NaiveDate>().ok();
    let first = of(&rows[0]).expect("a period");
    assert_eq!(
        (first.joined_on.as_deref(), first.left_on.as_deref()),
        (Some("2012-05-14"), Some("2024-02"))
    );
    assert_eq!(
        (first.first_day, first.last_day),
        (day("2012-05-14"), day("2024-02-29"))
    );
    assert_eq!(
        (first.cluster_id, first.organisation_id),
        (rows[0].cluster_id, rows[0].organisation_id)
    );
    let second = of(&rows[1]).expect("a period");
    assert_eq!(
        (second.first_day, second.last_day),
        (day("2012-01-01"), day("2015-06-30"))
    );
    assert!(of(&rows[2]).is_none() && of(&rows[3]).is_none());
    // The demo's members: open periods, with their dates' first days or unknown.
    for m in &rows[4..] {
        let period = of(m).expect("a member's period");
        assert_eq!(period.joined_on, m.joined_on);
        assert_eq!(period.left_on, None);
        assert_eq!(period.last_day, None);
        assert_eq!(period.source_document_id, m.source_document_id);
        assert_eq!(
            period.first_day,
            m.joined_on
                .as_deref()
                .and_then(|j| j
                    .parse::<klastry_domain::rules::partial_date::PartialDate>()
                    .ok())
                .map(|j| j.first_day())
        );
    }
    db.close().await.ok();
    if let Some(file) = &fresh.sqlite_file {
        remove_sqlite_file(file);
    }
}

#[tokio::test]
async fn membership_periods_are_backfilled_on_sqlite() {
    membership_periods_are_backfilled(Backend::Sqlite).await;
}

#[tokio::test]
async fn membership_periods_are_backfilled_on_postgres() {
    membership_periods_are_backfilled(Backend::Postgres).await;
}
