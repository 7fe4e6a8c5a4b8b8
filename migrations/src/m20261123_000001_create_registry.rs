//! The registry's tables, foreign keys and indexes.
//!
//! Conventions: every table has `created_at` and `updated_at`; dates a source gives with reduced
//! precision ("2018", "2012-05") are kept as ISO 8601 text in `*_on` columns of 10 characters;
//! closed sets are stored as their SCREAMING_CASE names; every filter and sort the API offers has
//! an index; folded (lower-case, diacritic-free) copies of names back search and ordering.

use crate::builders::{cascade, entity_table, index, link_table, set_null, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer_null, date_null, integer, integer_null, small_integer_null, string, string_len,
    string_len_null, string_null, text_null, timestamp_with_time_zone_default_now,
};

/// Creates every table of the registry.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &[
    "voivodeship",
    "sector",
    "source_document",
    "organisation",
    "organisation_sector",
    "cluster",
    "cluster_alias",
    "cluster_sector",
    "cluster_source",
    "cluster_specialisation",
    "membership",
    "person",
    "cluster_role",
    "kkk_round",
    "kkk_certification",
    "esca_label",
    "project",
    "project_partner",
    "service",
    "event",
    "working_group",
    "cluster_indicator",
    "cluster_award",
    "cluster_participation",
];

/// A fact about a cluster: it goes with the cluster and names the document it came from.
fn cluster_fact(name: &'static str) -> TableCreateStatement {
    let mut table = entity_table(name);
    table
        .col(integer("cluster_id"))
        .col(integer_null("source_document_id"))
        .foreign_key(&mut cascade(name, "cluster_id", "cluster"))
        .foreign_key(&mut set_null(name, "source_document_id", "source_document"));
    table
}

/// The columns every status record (KKK certification, ESCA label) shares: the facts as the
/// source states them, and the bounds the domain derives from them so that "held on a date"
/// can be filtered in SQL. The status itself is never stored.
fn status_record(table: &mut TableCreateStatement) {
    table
        .col(string_len_null("awarded_on", 10))
        .col(string_len_null("valid_until", 10))
        .col(date_null("confirmed_on"))
        .col(text_null("note"))
        .col(date_null("held_from"))
        .col(date_null("held_until"))
        .col(date_null("earliest_start"))
        .col(date_null("latest_end"));
}

fn tables() -> Vec<TableCreateStatement> {
    let mut voivodeship = Table::create();
    voivodeship
        .table("voivodeship")
        .col(ColumnDef::new("teryt").char_len(2).not_null().primary_key())
        .col(string("name"))
        .col(string_len("iso_code", 6).unique_key())
        .col(timestamp_with_time_zone_default_now("created_at"))
        .col(timestamp_with_time_zone_default_now("updated_at"));

    let mut sector = entity_table("sector");
    sector
        .col(string_len("code", 64).unique_key())
        .col(string("name_pl"))
        .col(string("name_en"));

    let mut source_document = entity_table("source_document");
    source_document
        .col(string_len("code", 32).unique_key())
        .col(string("file"))
        .col(string("title"))
        .col(string_len("language", 8));

    let mut organisation = entity_table("organisation");
    organisation
        .col(string("name"))
        .col(string("sort_name"))
        .col(string("search_text"))
        .col(string_len_null("kind", 32))
        .col(ColumnDef::new("nip").char_len(10).null().unique_key())
        .col(string_len_null("regon", 14).unique_key())
        .col(ColumnDef::new("krs").char_len(10).null().unique_key())
        .col(ColumnDef::new("country").char_len(2).not_null())
        .col(ColumnDef::new("voivodeship_teryt").char_len(2).null())
        .col(string_null("city"))
        .col(string_null("address"))
        .col(string_len_null("postal_code", 6))
        .col(string_null("phone"))
        .col(string_null("email"))
        .col(string_null("website"))
        .col(text_null("description"))
        .col(integer_null("source_document_id"))
        .foreign_key(&mut set_null(
            "organisation",
            "voivodeship_teryt",
            "voivodeship",
        ))
        .foreign_key(&mut set_null(
            "organisation",
            "source_document_id",
            "source_document",
        ));

    let organisation_sector = link_table(
        "organisation_sector",
        ("organisation_id", "organisation"),
        ("sector_id", "sector"),
    );

    let mut cluster = entity_table("cluster");
    cluster
        .col(string_len("slug", 128).unique_key())
        .col(string_null("name_pl"))
        .col(string_null("name_en"))
        .col(string("sort_name"))
        .col(text_null("search_text"))
        .col(string_len_null("acronym", 64))
        .col(text_null("description_pl"))
        .col(text_null("description_en"))
        .col(ColumnDef::new("voivodeship_teryt").char_len(2).null())
        .col(string_null("city"))
        .col(string_null("address"))
        .col(string_len_null("postal_code", 6))
        .col(string_null("phone"))
        .col(string_null("email"))
        .col(string_null("website"))
        .col(string_len_null("founded_on", 10))
        .col(integer_null("coordinator_id"))
        .col(small_integer_null("strategy_from"))
        .col(small_integer_null("strategy_to"))
        .col(string_len("status", 16))
        .foreign_key(&mut set_null("cluster", "voivodeship_teryt", "voivodeship"))
        .foreign_key(&mut set_null("cluster", "coordinator_id", "organisation"));

    let mut cluster_alias = cluster_fact("cluster_alias");
    cluster_alias.col(string("name"));

    let cluster_sector = link_table(
        "cluster_sector",
        ("cluster_id", "cluster"),
        ("sector_id", "sector"),
    );
    let cluster_source = link_table(
        "cluster_source",
        ("cluster_id", "cluster"),
        ("source_document_id", "source_document"),
    );

    let mut cluster_specialisation = cluster_fact("cluster_specialisation");
    cluster_specialisation.col(string("name"));

    let mut membership = cluster_fact("membership");
    membership
        .col(integer("organisation_id"))
        // The member's folded name, kept here so a cluster's members page by name off one
        // index instead of looking up every member organisation to sort them.
        .col(string("member_sort_name"))
        .col(string_len("role", 32))
        .col(string_len("status", 16))
        .col(string_len_null("joined_on", 10))
        .col(string_len_null("left_on", 10))
        .foreign_key(&mut cascade(
            "membership",
            "organisation_id",
            "organisation",
        ));

    let mut person = entity_table("person");
    person
        .col(string("full_name"))
        .col(string_len_null("title", 32))
        .col(integer_null("organisation_id"))
        .col(string_null("email"))
        .col(string_null("phone"))
        .foreign_key(&mut set_null("person", "organisation_id", "organisation"));

    let mut cluster_role = cluster_fact("cluster_role");
    cluster_role
        .col(integer("person_id"))
        .col(string_len("role", 32))
        .col(string_null("position"))
        .col(string_len_null("since", 10))
        .col(string_len_null("until", 10))
        .foreign_key(&mut cascade("cluster_role", "person_id", "person"));

    let mut kkk_round = Table::create();
    kkk_round
        .table("kkk_round")
        .col(ColumnDef::new("number").integer().not_null().primary_key())
        .col(string_len("name", 8))
        .col(string_len_null("call_opened_on", 10))
        .col(string_len_null("announced_on", 10))
        .col(string_len_null("valid_until", 10))
        .col(integer_null("announced_cluster_count"))
        .col(text_null("note"))
        .col(timestamp_with_time_zone_default_now("created_at"))
        .col(timestamp_with_time_zone_default_now("updated_at"));

    let mut kkk_certification = cluster_fact("kkk_certification");
    kkk_certification
        .col(integer_null("round_number"))
        .col(integer_null("representative_id"))
        .col(integer_null("renewal"))
        .foreign_key(&mut set_null(
            "kkk_certification",
            "round_number",
            "kkk_round",
        ))
        .foreign_key(&mut set_null(
            "kkk_certification",
            "representative_id",
            "organisation",
        ));
    status_record(&mut kkk_certification);

    let mut esca_label = cluster_fact("esca_label");
    esca_label.col(string_len("level", 8));
    status_record(&mut esca_label);

    let mut project = cluster_fact("project");
    project
        .col(string("name"))
        .col(string_len_null("acronym", 64))
        .col(string_null("programme"))
        .col(text_null("description"))
        .col(big_integer_null("budget_amount"))
        .col(ColumnDef::new("budget_currency").char_len(3).null())
        .col(string_len_null("starts_on", 10))
        .col(string_len_null("ends_on", 10))
        .col(string_null("role"));

    let mut project_partner = entity_table("project_partner");
    project_partner
        .col(integer("project_id"))
        .col(integer_null("partner_cluster_id"))
        .col(string("partner_name"))
        .foreign_key(&mut cascade("project_partner", "project_id", "project"))
        .foreign_key(&mut set_null(
            "project_partner",
            "partner_cluster_id",
            "cluster",
        ));

    let mut service = cluster_fact("service");
    service.col(string("name")).col(text_null("description"));

    let mut event = cluster_fact("event");
    event
        .col(string("name"))
        .col(text_null("description"))
        .col(string_len_null("starts_on", 10))
        .col(string_len_null("ends_on", 10))
        .col(string_null("location"));

    let mut working_group = cluster_fact("working_group");
    working_group
        .col(string("name"))
        .col(text_null("description"));

    let mut cluster_indicator = cluster_fact("cluster_indicator");
    cluster_indicator
        .col(integer("year"))
        .col(integer_null("member_count"))
        .col(big_integer_null("revenue_pln"))
        .col(integer_null("employment"));

    let mut cluster_award = cluster_fact("cluster_award");
    cluster_award
        .col(string("name"))
        .col(string_null("awarded_by"))
        .col(string_len_null("awarded_on", 10));

    let mut cluster_participation = cluster_fact("cluster_participation");
    cluster_participation.col(string("name"));

    vec![
        voivodeship.to_owned(),
        sector,
        source_document,
        organisation,
        organisation_sector,
        cluster,
        cluster_alias,
        cluster_sector,
        cluster_source,
        cluster_specialisation,
        membership,
        person,
        cluster_role,
        kkk_round.to_owned(),
        kkk_certification,
        esca_label,
        project,
        project_partner,
        service,
        event,
        working_group,
        cluster_indicator,
        cluster_award,
        cluster_participation,
    ]
}

/// An index for every filter, sort and foreign key the API follows.
fn indexes() -> Vec<IndexCreateStatement> {
    let mut all = vec![
        index("organisation", &["sort_name", "id"]),
        index("organisation", &["kind"]),
        index("organisation", &["voivodeship_teryt"]),
        index("organisation", &["search_text"]),
        index("organisation_sector", &["sector_id"]),
        index("cluster", &["sort_name", "id"]),
        index("cluster", &["created_at", "id"]),
        index("cluster", &["voivodeship_teryt"]),
        index("cluster", &["coordinator_id"]),
        index("cluster", &["status"]),
        index("cluster_sector", &["sector_id"]),
        index("cluster_source", &["source_document_id"]),
        unique("membership", &["cluster_id", "organisation_id"]),
        index("membership", &["organisation_id"]),
        index(
            "membership",
            &[
                "cluster_id",
                "status",
                "member_sort_name",
                "organisation_id",
            ],
        ),
        index("person", &["organisation_id"]),
        index("cluster_role", &["person_id"]),
        index("kkk_certification", &["round_number"]),
        index("kkk_certification", &["representative_id"]),
        index("kkk_certification", &["held_from", "held_until"]),
        index("kkk_certification", &["latest_end"]),
        index("esca_label", &["level"]),
        index("esca_label", &["held_from", "held_until"]),
        index("esca_label", &["latest_end"]),
        index("project_partner", &["project_id"]),
        index("project_partner", &["partner_cluster_id"]),
        unique("cluster_indicator", &["cluster_id", "year"]),
    ];
    for fact in [
        "cluster_alias",
        "cluster_specialisation",
        "cluster_role",
        "kkk_certification",
        "esca_label",
        "project",
        "service",
        "event",
        "working_group",
        "cluster_award",
        "cluster_participation",
    ] {
        all.push(index(fact, &["cluster_id"]));
    }
    all
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            // Substring search ("contains, any case, no diacritics") cannot use a B-tree; a
            // trigram index on the folded text serves `LIKE '%…%'` on PostgreSQL.
            let db = manager.get_connection();
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                .await?;
            for table in ["cluster", "organisation"] {
                db.execute_unprepared(&format!(
                    "CREATE INDEX IF NOT EXISTS ix_{table}_search_trgm \
                     ON {table} USING gin (search_text gin_trgm_ops)"
                ))
                .await?;
                // Names sort by their folded form in byte order, as SQLite sorts them, so a
                // list reads the same on both backends whatever the server's locale.
                db.execute_unprepared(&format!(
                    "ALTER TABLE {table} ALTER COLUMN sort_name TYPE varchar COLLATE \"C\""
                ))
                .await?;
            }
            db.execute_unprepared(
                "ALTER TABLE membership ALTER COLUMN member_sort_name TYPE varchar COLLATE \"C\"",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager
                .drop_table(Table::drop().table(*table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_created_table_is_dropped() {
        let created = tables();
        assert_eq!(created.len(), TABLES.len());
        for (table, name) in created.iter().zip(TABLES) {
            let debug = format!("{:?}", table.get_table_name());
            assert!(
                debug.contains(&format!("\"{name}\"")),
                "{debug} is not {name}"
            );
        }
    }
}
