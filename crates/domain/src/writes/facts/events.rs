//! Events a cluster holds.

use super::{NoSteps, create_fact, delete_fact, name, update_fact};
use crate::DomainResult;
use crate::rules::access::Actor;
use crate::rules::partial_date::span;
use crate::rules::validation::Checks;
use crate::writes::{Patch, patch_partial_date, patch_text};
use chrono::Utc;
use klastry_entity::event;
use sea_orm::{DatabaseConnection, NotSet, Set};

/// Fields of an event.
#[derive(Debug, Clone, Default)]
pub struct EventFields {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Patch<String>,
    /// First day (partial date).
    pub starts_on: Patch<String>,
    /// Last day (partial date).
    pub ends_on: Patch<String>,
    /// Where.
    pub location: Patch<String>,
}

fn event_row(
    before: Option<&event::Model>,
    cluster_id: i32,
    fields: &EventFields,
) -> DomainResult<event::ActiveModel> {
    let mut checks = Checks::default();
    let name = name(&mut checks, before.map(|b| b.name.as_str()), &fields.name);
    let description = patch_text(
        &mut checks,
        "description",
        before.and_then(|b| b.description.clone()),
        &fields.description,
        5_000,
    );
    let starts_on = patch_partial_date(
        &mut checks,
        "startsOn",
        before.and_then(|b| b.starts_on.clone()),
        &fields.starts_on,
    );
    let ends_on = patch_partial_date(
        &mut checks,
        "endsOn",
        before.and_then(|b| b.ends_on.clone()),
        &fields.ends_on,
    );
    crate::writes::check_period(
        &mut checks,
        "endsOn",
        starts_on.as_deref(),
        ends_on.as_deref(),
    );
    let location = patch_text(
        &mut checks,
        "location",
        before.and_then(|b| b.location.clone()),
        &fields.location,
        300,
    );
    checks.finish()?;
    let now = Utc::now();
    let mut row = match before {
        Some(b) => b.clone().into(),
        None => event::ActiveModel {
            id: NotSet,
            cluster_id: Set(cluster_id),
            source_document_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    row.name = Set(name);
    row.description = Set(description);
    let (first_day, last_day) = span(starts_on.as_deref(), ends_on.as_deref());
    row.first_day = Set(first_day);
    row.last_day = Set(last_day);
    row.starts_on = Set(starts_on);
    row.ends_on = Set(ends_on);
    row.location = Set(location);
    Ok(row)
}

/// Adds an event to a cluster.
pub async fn create_event(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    fields: &EventFields,
) -> DomainResult<event::Model> {
    create_fact::<event::Entity, _>(
        db,
        actor,
        cluster_id,
        "Event",
        || event_row(None, cluster_id, fields),
        &NoSteps,
    )
    .await
}

/// Changes an event.
pub async fn update_event(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &EventFields,
) -> DomainResult<event::Model> {
    update_fact::<event::Entity, _>(
        db,
        actor,
        id,
        version,
        "Event",
        "event",
        |b| event_row(Some(b), b.cluster_id, fields),
        &NoSteps,
    )
    .await
}

/// Deletes an event.
pub async fn delete_event(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<event::Model> {
    delete_fact::<event::Entity>(db, actor, id, version, "Event", "event").await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    #[test]
    fn an_event_must_not_end_before_it_starts() {
        let fields = EventFields {
            name: Some("Forum".into()),
            starts_on: Some(Some("2026-05-20".into())),
            ends_on: Some(Some("2026-05-19".into())),
            ..Default::default()
        };
        let Err(DomainError::Rejected(errors)) = event_row(None, 1, &fields) else {
            panic!("a reversed event was accepted");
        };
        assert_eq!(errors[0].field, "endsOn");
    }
}
