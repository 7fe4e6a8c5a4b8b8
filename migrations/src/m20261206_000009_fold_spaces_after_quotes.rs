//! Folded names once kept two spaces where a quotation mark stood between spaces (`a " b` folded
//! to `a  b`), so a search for `a b` missed them; folding now gives one space, and this
//! re-folds the spacing of what was stored. Only that mistake made runs of spaces: folding
//! collapses every other run.

use sea_orm_migration::prelude::*;

/// Collapses runs of spaces in the stored folded names and search texts.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns that hold folded text.
const FOLDED: &[(&str, &str)] = &[
    ("organisation", "sort_name"),
    ("organisation", "search_text"),
    ("cluster", "sort_name"),
    ("cluster", "search_text"),
    ("cooperation_offer", "search_text"),
    ("membership", "member_sort_name"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, column) in FOLDED {
            // Each pass halves a run; four passes collapse runs of up to 16 spaces, more than
            // the mistake could make from any real name.
            let collapsed = (0..4).fold(String::from(*column), |inner, _| {
                format!("replace({inner}, '  ', ' ')")
            });
            db.execute_unprepared(&format!(
                "UPDATE {table} SET {column} = {collapsed} WHERE {column} LIKE '%  %'"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // The double spaces were a mistake; there is nothing to put back.
        Ok(())
    }
}
