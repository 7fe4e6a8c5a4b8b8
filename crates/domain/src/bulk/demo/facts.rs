//! A demo cluster's facts: services, working groups, projects with their partners, events,
//! people, awards and the figures its sources state.

use super::document::{Cluster, Lookup, checked_partial};
use crate::DomainResult;
use crate::rules::partial_date::span;
use chrono::Utc;
use klastry_entity::*;
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, Set};

/// Its services, working groups, projects, events, people and awards.
pub(super) async fn write_facts<C: ConnectionTrait>(
    db: &C,
    c: &Cluster,
    id: i32,
    lookup: &Lookup,
    now: chrono::DateTime<Utc>,
) -> DomainResult<()> {
    for s in &c.services {
        service::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&s.source)?),
            name: Set(s.name.clone()),
            description: Set(s.description.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for w in &c.working_groups {
        working_group::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&w.source)?),
            name: Set(w.name.clone()),
            description: Set(w.description.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for p in &c.projects {
        let project = project::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&p.source)?),
            name: Set(p.name.clone()),
            acronym: Set(p.acronym.clone()),
            programme: Set(p.programme.clone()),
            description: Set(p.description.clone()),
            budget_amount: Set(p.budget_eur.map(|b| b.round() as i64)),
            budget_currency: Set(p.budget_eur.map(|_| "EUR".to_string())),
            starts_on: Set(checked_partial("startsOn", &p.starts_on)?),
            ends_on: Set(checked_partial("endsOn", &p.ends_on)?),
            role: Set(p.role.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        for partner in &p.partners {
            project_partner::ActiveModel {
                id: NotSet,
                project_id: Set(project.id),
                partner_cluster_id: Set(None),
                partner_name: Set(partner.clone()),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    for e in &c.events {
        let days = span(e.starts_on.as_deref(), e.ends_on.as_deref());
        event::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&e.source)?),
            name: Set(e.name.clone()),
            description: Set(e.description.clone()),
            starts_on: Set(checked_partial("startsOn", &e.starts_on)?),
            ends_on: Set(checked_partial("endsOn", &e.ends_on)?),
            first_day: Set(days.0),
            last_day: Set(days.1),
            location: Set(e.location.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for p in &c.people {
        let person = person::ActiveModel {
            version: Set(1),
            id: NotSet,
            full_name: Set(p.name.clone()),
            title: Set(p.title.clone()),
            organisation_id: Set(p
                .organisation
                .as_deref()
                .map(|k| lookup.organisation(k))
                .transpose()?),
            email: Set(None),
            phone: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        cluster_role::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&p.source)?),
            person_id: Set(person.id),
            role: Set(p.role),
            position: Set(p.position.clone()),
            since: Set(None),
            until: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for a in &c.awards {
        cluster_award::ActiveModel {
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&a.source)?),
            name: Set(a.name.clone()),
            awarded_by: Set(a.awarded_by.clone()),
            awarded_on: Set(checked_partial("awardedOn", &a.awarded_on)?),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for f in &c.stated_figures {
        stated_figure::ActiveModel {
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&f.source)?),
            kind: Set(f.kind),
            qualifier: Set(f.qualifier),
            value: Set(f.value),
            stated_on: Set(checked_partial("statedOn", &f.stated_on)?),
            quote: Set(f.quote.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
