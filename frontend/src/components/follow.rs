//! Following a cluster or an organisation from its page, or a sector and/or a voivodeship of the
//! cooperation board: "Obserwuj", then "Obserwujesz" until clicked again. Shown to signed-in
//! readers only.

use super::form::{Report, ReportView, action};
use crate::api;
use crate::i18n::{M, use_i18n};
use crate::queries::{Follow, Follows, Unfollow, follow, follows, unfollow};
use crate::session;
use crate::values::{enum_value, items, text, text_at};
use leptos::prelude::*;
use serde_json::Value;

/// What a follow button follows: a cluster or an organisation, by global ID, or the board's
/// new notices of a sector, in a voivodeship or both (codes).
#[derive(Debug, Clone, PartialEq)]
pub enum FollowOf {
    Cluster(String),
    Organisation(String),
    Board {
        sector: Option<String>,
        voivodeship: Option<String>,
    },
}

impl FollowOf {
    /// Whether `follow` (an item of `follows`, read as JSON) is of this.
    fn is(&self, follow: &Value) -> bool {
        match self {
            FollowOf::Cluster(id) => follow["cluster"]["id"].as_str() == Some(id),
            FollowOf::Organisation(id) => follow["organisation"]["id"].as_str() == Some(id),
            FollowOf::Board {
                sector,
                voivodeship,
            } => {
                follow["cluster"].is_null()
                    && follow["organisation"].is_null()
                    && text_at(follow, "sector") == *sector
                    && text_at(follow, "voivodeship") == *voivodeship
            }
        }
    }

    /// The button's words while not followed, and its hint.
    fn words(&self) -> (M, M) {
        match self {
            FollowOf::Cluster(_) | FollowOf::Organisation(_) => (M::Follow, M::FollowHint),
            FollowOf::Board {
                sector,
                voivodeship,
            } => (
                match (sector.is_some(), voivodeship.is_some()) {
                    (true, true) => M::FollowBoardBoth,
                    (true, false) => M::FollowBoardSector,
                    _ => M::FollowBoardVoivodeship,
                },
                M::FollowBoardHint,
            ),
        }
    }

    fn input(&self) -> follow::FollowInput {
        let none = follow::FollowInput {
            cluster_id: None,
            organisation_id: None,
            board_sector: None,
            board_voivodeship: None,
        };
        match self {
            FollowOf::Cluster(id) => follow::FollowInput {
                cluster_id: Some(id.clone()),
                ..none
            },
            FollowOf::Organisation(id) => follow::FollowInput {
                organisation_id: Some(id.clone()),
                ..none
            },
            FollowOf::Board {
                sector,
                voivodeship,
            } => follow::FollowInput {
                board_sector: sector.clone(),
                board_voivodeship: voivodeship.as_deref().and_then(enum_value),
                ..none
            },
        }
    }
}

/// A button that follows `of`, or stops following it.
#[component]
pub fn FollowButton(of: FollowOf) -> impl IntoView {
    let i18n = use_i18n();
    let session = session::signal();
    let signed_in = Memo::new(move |_| session.with(Option::is_some));
    // The follow's ID while it is followed; known once the account's follows are read.
    let following = RwSignal::new(None::<String>);
    let known = RwSignal::new(false);
    let report = Report::new();
    let (follow_words, hint) = of.words();
    let looked_for = of.clone();
    let follows = LocalResource::new(move || {
        let signed_in = signed_in.get();
        async move {
            if signed_in {
                api::read::<Follows>(follows::Variables {}).await.ok()
            } else {
                None
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Some(data)) = follows.get() {
            let found = items(&data, "follows").iter().find(|f| looked_for.is(f));
            following.set(found.map(|f| text(f, "id")));
            known.set(true);
        }
    });
    let toggle = action(move |_: &()| {
        let followed = following.get_untracked();
        let input = of.input();
        async move {
            let answer = match followed {
                Some(follow_id) => {
                    let answer = api::mutate::<Unfollow>(unfollow::Variables { follow_id }).await?;
                    if answer.written {
                        following.set(None);
                    }
                    answer
                }
                None => {
                    let answer = api::mutate::<Follow>(follow::Variables { input }).await?;
                    if let Some(id) = answer.text(&["follow", "id"]) {
                        following.set(Some(id));
                    }
                    answer
                }
            };
            Ok((answer.written, answer.errors))
        }
    });
    Effect::new(move |_| {
        if let Some(result) = toggle.value().get() {
            report.settle(result, None);
        }
    });
    let is_following = move || following.with(Option::is_some);
    view! {
        <Show when=move || signed_in.get()>
            <div class="follow">
                <button type="button" class="small" class:secondary=is_following data-test="follow"
                    data-following=move || is_following().to_string()
                    title=move || i18n.t(if is_following() { M::StopFollowingHint } else { hint })
                    disabled=move || !known.get() || toggle.pending().get()
                    on:click=move |_| { report.clear(); toggle.dispatch(()); }>
                    {move || if is_following() { format!("✓ {}", i18n.t(M::Following)) } else { i18n.t(follow_words).to_owned() }}
                </button>
                <ReportView report/>
            </div>
        </Show>
    }
}
