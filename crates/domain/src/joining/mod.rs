//! How people, organisations and clusters join the registry on their own: requests to act for
//! an organisation or to coordinate a cluster that has no coordinator yet (`access_requests`),
//! invitations by e-mail (`invitations`, accepted in `acceptance`), and clusters submitted for an operator's review
//! (`submissions`). Who decides what is in `rules::joining`; every request and decision is a
//! notification to the people it concerns (`tell_each`), mailed by their preference in the
//! decision's own transaction.

pub mod acceptance;
pub mod access_requests;
pub mod invitations;
pub mod submissions;

use crate::DomainResult;
use crate::mail::Template;
use crate::platform::notices::{Notice, deliver};
use crate::rules::notifications::NoticeParams;
use klastry_entity::{NotificationKind, app_user};
use sea_orm::ConnectionTrait;

/// Tells each of `people` of `kind` with `params`: in their inbox, and by `template` in their
/// own language when they want that kind mailed at once (else in their digest).
async fn tell_each<C: ConnectionTrait>(
    db: &C,
    people: &[app_user::Model],
    kind: NotificationKind,
    params: NoticeParams,
    template: impl Fn() -> Template,
) -> DomainResult<()> {
    let notices = people
        .iter()
        .map(|person| Notice {
            letter: Some(template()),
            ..Notice::new(person.id, kind, params.clone())
        })
        .collect();
    deliver(db, notices).await
}

pub(crate) use crate::platform::notify::cluster_name;
