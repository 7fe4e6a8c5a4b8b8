//! Small builders that keep the table definitions short and alike.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{pk_auto, timestamp_with_time_zone_default_now};

/// A table with an auto-increment `id` and the `created_at` / `updated_at` pair every table carries.
pub fn entity_table(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(pk_auto("id"))
        .col(timestamp_with_time_zone_default_now("created_at"))
        .col(timestamp_with_time_zone_default_now("updated_at"))
        .to_owned()
}

/// A link table keyed by two foreign keys, both deleted with their parents.
pub fn link_table(
    name: &'static str,
    left: (&'static str, &'static str),
    right: (&'static str, &'static str),
) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(ColumnDef::new(left.0).integer().not_null())
        .col(ColumnDef::new(right.0).integer().not_null())
        .col(timestamp_with_time_zone_default_now("created_at"))
        .col(timestamp_with_time_zone_default_now("updated_at"))
        .primary_key(Index::create().col(left.0).col(right.0))
        .foreign_key(&mut cascade(name, left.0, left.1))
        .foreign_key(&mut cascade(name, right.0, right.1))
        .to_owned()
}

/// A foreign key whose rows go with the parent row (facts about a cluster go with the cluster).
pub fn cascade(
    table: &'static str,
    column: &'static str,
    parent: &'static str,
) -> ForeignKeyCreateStatement {
    reference(table, column, parent, ForeignKeyAction::Cascade)
}

/// A foreign key that is cleared when the parent row goes (an optional reference).
pub fn set_null(
    table: &'static str,
    column: &'static str,
    parent: &'static str,
) -> ForeignKeyCreateStatement {
    reference(table, column, parent, ForeignKeyAction::SetNull)
}

fn reference(
    table: &'static str,
    column: &'static str,
    parent: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    let parent_key = if parent == "voivodeship" {
        "teryt"
    } else if parent == "kkk_round" {
        "number"
    } else {
        "id"
    };
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(parent, parent_key)
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A plain index named after its table and columns.
pub fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement
        .name(format!("ix_{table}_{}", columns.join("_")))
        .table(table);
    for column in columns {
        statement.col(*column);
    }
    statement.to_owned()
}

/// A unique index named after its table and columns.
pub fn unique(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut statement = index(table, columns);
    statement
        .name(format!("ux_{table}_{}", columns.join("_")))
        .unique();
    statement
}
