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
