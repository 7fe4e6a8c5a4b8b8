//! Decoding by position against decoding by name, on SQLite and PostgreSQL.

use super::decode::{date_as_written, date_time_utc_as_written};
use super::*;
use klastry_entity::{membership, organisation};
use klastry_test_support::migrated_databases;
use sea_orm::{ActiveValue::Set, QueryOrder, QuerySelect};

fn organisation(id: i32, full: bool) -> organisation::ActiveModel {
    let some = |text: &str| full.then(|| text.to_owned());
    organisation::ActiveModel {
        id: Set(id),
        name: Set(format!("Żuraw {id}")),
        sort_name: Set(format!("zuraw {id}")),
        search_text: Set(format!("zuraw {id} gdansk")),
        kind: Set(full.then_some(klastry_entity::OrganisationKind::University)),
        kind_inferred_by: Set(some("from the name: 'Politechnika' → UNIVERSITY")),
        nip: Set(some("5260250274")),
        regon: Set(some("000331501")),
        krs: Set(some("0000012345")),
        country: Set("PL".into()),
        voivodeship_teryt: Set(some("22")),
        city: Set(some("Gdańsk")),
        address: Set(some("ul. Długa 1")),
        postal_code: Set(some("80-001")),
        phone: Set(some("+48 58 000 00 00")),
        email: Set(some("biuro@example.pl")),
        website: Set(some("https://example.pl")),
        description: Set(some("Opis")),
        source_document_id: Set(None),
        version: Set(3),
        created_at: Set(chrono::Utc::now()),
        updated_at: Set(chrono::Utc::now()),
    }
}

#[test]
fn json_values_are_read_as_either_database_writes_them() {
    let read = |json: serde_json::Value, column_type: ColumnType| json_value(json, &column_type);
    let utc = |text: &str| read(serde_json::json!(text), ColumnType::TimestampWithTimeZone);
    let instant = utc("2026-11-24T07:01:45.168225+00:00").expect("PostgreSQL's form");
    assert_eq!(utc("2026-11-24 08:01:45.168225+01:00"), Ok(instant.clone()));
    assert_eq!(utc("2026-11-24 07:01:45.168225"), Ok(instant));
    assert!(utc("24.11.2026").is_err());
    assert_eq!(
        read(serde_json::json!("2024-11-19"), ColumnType::Date),
        Ok(Value::ChronoDate(chrono::NaiveDate::from_ymd_opt(
            2024, 11, 19
        )))
    );
    assert!(read(serde_json::json!("2024-13-01"), ColumnType::Date).is_err());
    assert_eq!(
        read(serde_json::json!(1), ColumnType::Boolean),
        Ok(Value::Bool(Some(true)))
    );
    assert_eq!(
        read(serde_json::json!(false), ColumnType::Boolean),
        Ok(Value::Bool(Some(false)))
    );
    assert_eq!(
        read(serde_json::Value::Null, ColumnType::Integer),
        Ok(Value::Int(None))
    );
    assert!(read(serde_json::json!(1_i64 << 40), ColumnType::Integer).is_err());
    assert!(read(serde_json::json!(7), ColumnType::Text).is_err());
}

#[test]
fn times_as_the_databases_write_them_read_as_chrono_reads_them() {
    let chrono_reads = |text: &str| {
        text.parse::<chrono::DateTime<chrono::FixedOffset>>()
            .ok()
            .map(|time| time.with_timezone(&chrono::Utc))
    };
    for text in [
        "2026-11-24T07:01:45.168225+00:00",
        "2026-11-24 08:01:45.168225+01:00",
        "2026-11-24T07:01:45Z",
        "2026-11-24T00:30:00.5-02:30",
        "2024-02-29T23:59:59.123456789+00:00",
    ] {
        assert_eq!(date_time_utc_as_written(text), chrono_reads(text), "{text}");
        assert!(date_time_utc_as_written(text).is_some(), "{text}");
    }
    assert_eq!(
        date_time_utc_as_written("2026-11-24 07:01:45.168225"),
        chrono_reads("2026-11-24T07:01:45.168225Z")
    );
    assert_eq!(
        date_as_written(b"2024-02-29"),
        chrono::NaiveDate::from_ymd_opt(2024, 2, 29)
    );
    for text in [
        "2023-02-29",
        "2024-2-29",
        "2024-02-29x",
        "20240229",
        "2024-02-2a",
    ] {
        assert_eq!(date_as_written(text.as_bytes()), None, "{text}");
    }
    for text in [
        "2026-02-30T07:01:45Z",
        "2026-11-24T25:01:45Z",
        "2026-11-24T07:01:45.Z",
        "2026-11-24T07:01:45.1234567890Z",
        "2026-11-24T07:01:45+0100",
        "2026-11-24",
        "24.11.2026 07:01:45",
        "2026-11-24T07:01:45Zjunk",
        "",
    ] {
        assert_eq!(date_time_utc_as_written(text), None, "{text}");
    }
}

#[test]
fn a_model_read_in_part_holds_empty_values_in_the_columns_not_read() {
    use membership::Column as M;
    // The membership columns every page of members reads, whatever its fields show.
    let read = crate::db::batch::MemberPageArgs::default()
        .reading(ColumnSet::NONE, ColumnSet::NONE)
        .membership_columns;
    assert!(read.contains(M::Role) && !read.contains(M::JoinedOn));
    assert!(ColumnSet::ALL.contains(M::UpdatedAt));
    assert_eq!(read.union(ColumnSet::NONE), read);
    let columns = Columns::<membership::Entity>::reading(1, read);
    assert_eq!(columns.end(), 7);
    assert_eq!(columns.position_of(M::Role), 5);
    let mut values = serde_json::json!([null, 7, 2, 3, "zuraw", "MEMBER", "ACTIVE"]);
    let values = values.as_array_mut().expect("an array");
    let member = columns.decode_json(values).expect("decoded in part");
    assert_eq!(
        (member.id, member.cluster_id, member.organisation_id),
        (7, 2, 3)
    );
    assert_eq!(member.member_sort_name, "zuraw");
    assert_eq!(member.role, klastry_entity::MembershipRole::Member);
    assert_eq!((member.joined_on, member.decided_at), (None, None));
    assert_eq!((member.version, member.created_at), (0, Default::default()));

    // An enumeration has no empty value: a read that leaves one out fails, never guesses.
    let without_role = ColumnSet::of([M::Id, M::ClusterId, M::Status]);
    let mut values = serde_json::json!([7, 2, "ACTIVE"]);
    let values = values.as_array_mut().expect("an array");
    assert!(
        Columns::<membership::Entity>::reading(0, without_role)
            .decode_json(values)
            .is_err()
    );
}

#[tokio::test]
async fn rows_decoded_by_position_equal_seaorms_decoding_by_name() {
    for db in migrated_databases().await {
        decoded_by_position(db).await;
    }
}

async fn decoded_by_position(db: sea_orm::DatabaseConnection) {
    organisation::Entity::insert_many([organisation(1, true), organisation(2, false)])
        .exec(&db)
        .await
        .expect("insert organisations");
    let select = || organisation::Entity::find().order_by_asc(organisation::Column::Id);
    let by_name = select().all(&db).await.expect("SeaORM's decoding");
    let by_position = all(&db, select()).await.expect("positional decoding");
    assert_eq!(by_name.len(), 2);
    assert_eq!(by_position, by_name);
}

#[tokio::test]
async fn a_statement_reading_other_columns_is_decoded_by_name() {
    for db in migrated_databases().await {
        decoded_by_name(db).await;
    }
}

async fn decoded_by_name(db: sea_orm::DatabaseConnection) {
    organisation::Entity::insert(organisation(1, true))
        .exec(&db)
        .await
        .expect("insert organisation");
    let reversed = organisation::Entity::find().select_only().columns(
        organisation::Column::iter()
            .collect::<Vec<_>>()
            .into_iter()
            .rev(),
    );
    let by_name = organisation::Entity::find().all(&db).await.expect("SeaORM");
    assert_eq!(all(&db, reversed).await.expect("decoded by name"), by_name);
    assert!(
        all(&db, membership::Entity::find())
            .await
            .expect("no rows")
            .is_empty()
    );
}

#[test]
fn a_columns_place_in_the_entity_is_its_place_in_the_row() {
    for (place, column) in membership::Column::iter().enumerate() {
        assert_eq!(column as usize, place, "{column:?}");
    }
    for (place, column) in organisation::Column::iter().enumerate() {
        assert_eq!(column as usize, place, "{column:?}");
    }
}

#[tokio::test]
async fn models_decoded_field_by_field_equal_those_decoded_through_the_active_model() {
    for db in migrated_databases().await {
        decoded_field_by_field(db).await;
    }
}

async fn decoded_field_by_field(db: sea_orm::DatabaseConnection) {
    use organisation::Column as O;
    organisation::Entity::insert_many([organisation(1, true), organisation(2, false)])
        .exec(&db)
        .await
        .expect("insert organisations");
    let by_name = organisation::Entity::find()
        .order_by_asc(O::Id)
        .all(&db)
        .await
        .expect("SeaORM's decoding");
    // Every column, and a few with the rest left empty, as a page of members reads them.
    let some = ColumnSet::of([O::Id, O::Name, O::Kind, O::City, O::Version, O::CreatedAt]);
    for read in [ColumnSet::ALL, some] {
        let select = O::iter()
            .filter(|column| read.contains(*column))
            .fold(organisation::Entity::find().select_only(), |s, c| {
                s.column(c)
            })
            .order_by_asc(O::Id);
        let rows = db
            .query_all_raw(select.build(db.get_database_backend()))
            .await
            .expect("rows");
        let columns = Columns::<organisation::Entity>::reading(0, read);
        let places = Places::<organisation::Entity>::reading(0, read);
        assert_eq!(places.end(), columns.end());
        for (n, row) in rows.iter().enumerate() {
            let direct: organisation::Model =
                places.decode(row, Check::first_row(n)).expect("direct");
            let through_active_model = columns.decode(row, Check::first_row(n)).expect("decoded");
            assert_eq!(direct, through_active_model);
            if read == ColumnSet::ALL {
                assert_eq!(direct, by_name[n]);
            }
        }
    }
    // An enumeration has no empty value: a read that leaves one out fails, never guesses.
    assert!(<klastry_entity::MembershipRole as direct::Field>::empty().is_err());
    assert!(<Option<klastry_entity::OrganisationKind> as direct::Field>::empty().is_ok());
}
