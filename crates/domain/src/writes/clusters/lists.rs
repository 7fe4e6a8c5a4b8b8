//! A cluster's lists (aliases, smart specialisations, participations and awards): checked and
//! normalised as a whole, then each list given replaces the stored one.

use super::{AwardFields, ClusterFields};
use crate::DomainResult;
use crate::db::versioned::replace_rows;
use crate::rules::validation::{self, Checks};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::cluster_alias;
use sea_orm::{ConnectionTrait, NotSet, Set};

/// Checks a list of short names: at most 100 of at most 300 characters, none empty.
fn names(checks: &mut Checks, field: &str, list: &Option<Vec<String>>) -> Option<Vec<String>> {
    let list = list.as_ref()?;
    if list.len() > 100 {
        checks.fail(
            FieldError::new(field, FieldErrorCode::TooLong, "at most 100 entries")
                .max(100)
                .actual(list.len()),
        );
        return None;
    }
    let mut clean = Vec::with_capacity(list.len());
    for (i, name) in list.iter().enumerate() {
        clean.extend(checks.check(validation::required_text(
            &format!("{field}[{i}]"),
            name,
            300,
        )));
    }
    Some(clean)
}

/// The cluster's lists after validation.
pub(super) struct Lists {
    pub(super) aliases: Option<Vec<String>>,
    pub(super) specialisations: Option<Vec<String>>,
    pub(super) participations: Option<Vec<String>>,
    pub(super) awards: Option<Vec<AwardFields>>,
}

/// Checks the lists `fields` replaces: short names and awards.
pub(super) fn check_lists(fields: &ClusterFields) -> DomainResult<Lists> {
    let mut checks = Checks::default();
    let aliases = names(&mut checks, "aliases", &fields.aliases);
    let specialisations = names(&mut checks, "specialisations", &fields.specialisations);
    let participations = names(&mut checks, "participations", &fields.participations);
    let awards = fields.awards.as_ref().map(|awards| {
        if awards.len() > 100 {
            checks.fail(
                FieldError::new("awards", FieldErrorCode::TooLong, "at most 100 entries")
                    .max(100)
                    .actual(awards.len()),
            );
        }
        awards
            .iter()
            .enumerate()
            .filter_map(|(i, award)| {
                let name = checks.check(validation::required_text(
                    &format!("awards[{i}].name"),
                    &award.name,
                    300,
                ))?;
                let awarded_by = checks.check(validation::optional_text(
                    &format!("awards[{i}].awardedBy"),
                    award.awarded_by.as_deref(),
                    300,
                ))?;
                let awarded_on = match &award.awarded_on {
                    Some(day) => Some(
                        checks
                            .check(validation::partial_date(
                                &format!("awards[{i}].awardedOn"),
                                day,
                            ))?
                            .to_string(),
                    ),
                    None => None,
                };
                Some(AwardFields {
                    name,
                    awarded_by,
                    awarded_on,
                })
            })
            .collect()
    });
    checks.finish()?;
    Ok(Lists {
        aliases,
        specialisations,
        participations,
        awards,
    })
}

/// Replaces the lists of cluster `cluster_id` that `lists` carries; the others stay.
pub(super) async fn replace_lists<C: ConnectionTrait>(
    db: &C,
    cluster_id: i32,
    lists: Lists,
) -> DomainResult<()> {
    use klastry_entity::{cluster_award, cluster_participation, cluster_specialisation};
    let now = Utc::now();
    macro_rules! replace_names {
        ($module:ident, $list:expr) => {
            if let Some(list) = $list {
                let rows = list.into_iter().map(|name| $module::ActiveModel {
                    id: NotSet,
                    cluster_id: Set(cluster_id),
                    source_document_id: Set(None),
                    name: Set(name),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
                replace_rows::<$module::Entity, _>(
                    db,
                    $module::Column::ClusterId,
                    cluster_id,
                    rows.collect(),
                )
                .await?;
            }
        };
    }
    replace_names!(cluster_alias, lists.aliases);
    replace_names!(cluster_specialisation, lists.specialisations);
    replace_names!(cluster_participation, lists.participations);
    if let Some(awards) = lists.awards {
        let rows = awards.into_iter().map(|award| cluster_award::ActiveModel {
            id: NotSet,
            cluster_id: Set(cluster_id),
            source_document_id: Set(None),
            name: Set(award.name),
            awarded_by: Set(award.awarded_by),
            awarded_on: Set(award.awarded_on),
            created_at: Set(now),
            updated_at: Set(now),
        });
        replace_rows::<cluster_award::Entity, _>(
            db,
            cluster_award::Column::ClusterId,
            cluster_id,
            rows.collect(),
        )
        .await?;
    }
    Ok(())
}
