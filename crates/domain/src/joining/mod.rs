//! How people, organisations and clusters join the registry on their own: requests to act for
//! an organisation or to coordinate a cluster that has no coordinator yet (`access_requests`),
//! invitations by e-mail (`invitations`, accepted in `acceptance`), and clusters submitted for an operator's review
//! (`submissions`). Who decides what is in `rules::joining`; every decision mails the person
//! it concerns through the outbox, in the decision's own transaction.

pub mod acceptance;
pub mod access_requests;
pub mod invitations;
pub mod submissions;

use crate::DomainResult;
use crate::mail::{Letter, Template, outbox};
use crate::rules::languages::Language;
use klastry_entity::app_user;
use sea_orm::ConnectionTrait;

/// Queues `template` for each of `people`, each in their own language.
async fn mail_each<C: ConnectionTrait>(
    db: &C,
    people: &[app_user::Model],
    template: impl Fn() -> Template,
) -> DomainResult<()> {
    for person in people {
        outbox::enqueue(
            db,
            Letter {
                to: person.email.clone(),
                user_id: Some(person.id),
                language: Language::from_code(&person.language),
                template: template(),
            },
        )
        .await?;
    }
    Ok(())
}

/// How mail names a cluster: its Polish name, else its English one, else its slug.
fn cluster_name(cluster: &klastry_entity::cluster::Model) -> String {
    cluster
        .name_pl
        .clone()
        .or_else(|| cluster.name_en.clone())
        .unwrap_or_else(|| cluster.slug.clone())
}
