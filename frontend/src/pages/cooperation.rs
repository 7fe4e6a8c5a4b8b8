//! The cooperation board: members' offers and requests, filtered by sector and voivodeship, with
//! a way for a signed-in member to answer; a signed-in reader may save the filters as a search
//! and follow the chosen sector and/or voivodeship.

use crate::account::use_me;
use crate::api::{self, ApiError, FieldError};
use crate::components::{
    ErrorNote, Field, FollowButton, FollowOf, Loading, PartialDateInput, SaveSearchForm,
    SearchFilters, action, suggested_name, title,
};
use crate::format::sector_name;
use crate::i18n::{M, date, label, use_i18n};
use crate::queries::{
    CooperationBoard, DirectoryOptions, PostCooperationOffer, RespondToOffer, cooperation_board,
    directory_options, post_cooperation_offer, respond_to_offer,
};
use crate::values::{code, enum_value, given};
use leptos::prelude::*;
use leptos_router::components::A;

/// The cooperation board.
#[component]
pub fn CooperationPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::CooperationTitle).to_owned(),
        move || i18n.t(M::DescCooperation).to_owned(),
    );
    let sector = RwSignal::new(String::new());
    let voivodeship = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    // Offers answered in this visit: their cards show the confirmation even after the board
    // reloads with the new answer.
    let answered = RwSignal::new(Vec::<String>::new());
    let offers = LocalResource::new(move || {
        reload.get();
        let sector = sector.get();
        let voivodeship = voivodeship.get();
        let text = text.get();
        async move {
            let filter = cooperation_board::CooperationOfferFilter {
                kinds: vec![],
                categories: vec![],
                voivodeships: enum_value(&voivodeship).into_iter().collect(),
                sectors: if sector.is_empty() {
                    vec![]
                } else {
                    vec![sector]
                },
                text: given(text),
                organisation_id: None,
                include_expired: false,
            };
            api::run::<CooperationBoard>(cooperation_board::Variables {
                filter,
                after: None,
            })
            .await
        }
    });
    let options =
        LocalResource::new(|| api::run::<DirectoryOptions>(directory_options::Variables {}));
    let me = use_me();
    let me_org = Memo::new(move |_| me.get().flatten().and_then(|m| m.member_of));
    let filters = Signal::derive(move || SearchFilters {
        scope: "BOARD",
        text: text.get(),
        voivodeships: given(voivodeship.get()).into_iter().collect(),
        sectors: given(sector.get()).into_iter().collect(),
        ..Default::default()
    });
    // A name for the search from its filters' names, in the reader's language.
    let suggested = Signal::derive(move || {
        let lang = i18n.lang();
        let options = options.get().and_then(Result::ok);
        let (s, v) = (sector.get(), voivodeship.get());
        let sector_name = options
            .as_ref()
            .and_then(|o| o.sectors.iter().find(|o| o.code == s))
            .map_or_else(|| s.clone(), |o| sector_name(lang, &o.name_pl, &o.name_en));
        let voivodeship_name = options
            .as_ref()
            .and_then(|o| o.voivodeships.iter().find(|o| code(&o.code) == v))
            .map_or_else(|| v.clone(), |o| o.name.clone());
        let words = given(text.get())
            .map(|t| format!("„{t}”"))
            .unwrap_or_default();
        suggested_name(
            vec![words, sector_name, voivodeship_name],
            M::AllNoticesSearch.text(lang),
        )
    });
    // Following the chosen sector and/or voivodeship (one of each at most, as the board picks).
    let follow = move || {
        let (sector, voivodeship) = (given(sector.get()), given(voivodeship.get()));
        (sector.is_some() || voivodeship.is_some()).then(|| {
            view! { <FollowButton of=FollowOf::Board { sector, voivodeship }/> }
        })
    };
    view! {
        <h1>{move || i18n.t(M::CooperationTitle)}</h1>
        <p class="lead">{move || i18n.t(M::CooperationLead)}</p>
        {move || me_org.get().map(|(organisation_id, _)| view! { <PostOfferForm organisation_id reload options/> })}
        <div class="filters">
            <label for="offer-search">{move || i18n.t(M::SearchNotices)}</label>
            <input id="offer-search" type="search" data-test="offer-search" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let options = options.await.ok()?;
                    let voivodeships = options.voivodeships;
                    let sectors = options.sectors;
                    Some(view! {
                        <label for="offer-voivodeship">{move || i18n.t(M::FacetVoivodeship)}</label>
                        <select id="offer-voivodeship" on:change=move |ev| voivodeship.set(event_target_value(&ev))>
                            <option value="">{move || i18n.t(M::AllVoivodeships)}</option>
                            {voivodeships.into_iter().map(|v| view! { <option value=code(&v.code)>{v.name}</option> }).collect_view()}
                        </select>
                        <label for="offer-sector">{move || i18n.t(M::FacetSector)}</label>
                        <select id="offer-sector" on:change=move |ev| sector.set(event_target_value(&ev))>
                            <option value="">{move || i18n.t(M::AllSectors)}</option>
                            {sectors.into_iter().map(|s| {
                                let (pl, en) = (s.name_pl.clone(), s.name_en.clone());
                                view! { <option value=s.code>{move || sector_name(i18n.lang(), &pl, &en)}</option> }
                            }).collect_view()}
                        </select>
                    })
                })}
            </Transition>
        </div>
        <div class="board-actions">
            {follow}
            <SaveSearchForm filters suggested/>
        </div>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match offers.await {
                    Ok(data) => {
                        let nodes = data.cooperation_offers.nodes;
                        let empty = nodes.is_empty();
                        view! {
                            {empty.then(|| view! { <p class="empty">{move || i18n.t(M::NothingFound)}</p> })}
                            <ul class="cards">
                                {nodes.into_iter().map(|offer| view! { <OfferCard offer reload answered/> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OfferCard(
    offer: cooperation_board::CooperationBoardCooperationOffersNodes,
    reload: RwSignal<u32>,
    answered: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    let kind = code(&offer.kind);
    let category = code(&offer.category);
    let expires = offer.expires_on.clone();
    let sectors = offer.sectors.clone();
    let message = RwSignal::new(String::new());
    let this_offer = offer.id.clone();
    let sent = Memo::new(move |_| answered.with(|ids| ids.contains(&this_offer)));
    let refused = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let offer_id = offer.id.clone();
    let offer_id_answered = offer.id.clone();
    let answer = action(move |organisation_id: &String| {
        let input = respond_to_offer::RespondToCooperationOfferInput {
            offer_id: offer_id.clone(),
            organisation_id: organisation_id.clone(),
            message: message.get_untracked(),
        };
        // The payload holds only userErrors: none means the answer was sent.
        async move {
            api::change::<RespondToOffer>(respond_to_offer::Variables { input })
                .await
                .map(|(_, refused)| (refused.is_empty(), refused))
        }
    });
    Effect::new(move |_| {
        if let Some(result) = answer.value().get() {
            match result {
                Ok((true, _)) => {
                    let id = offer_id_answered.clone();
                    answered.update(|ids| ids.push(id));
                    reload.update(|r| *r += 1);
                }
                Ok((false, found)) => refused.set(found),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let own_org = offer.organisation.as_ref().map(|o| o.id.clone());
    let field_id = format!("answer-{}", offer.id);
    let responses = offer.responses.clone();
    // The organisations that answered: for anyone but the poster, only the reader's own.
    let answered_by: Vec<String> = responses
        .iter()
        .filter_map(|r| r.organisation.as_ref().map(|o| o.id.clone()))
        .collect();
    // A reader who did not post the notice sees only their organisation's answer.
    let poster = own_org.clone();
    let answers_heading = move || {
        let mine = me
            .get()
            .flatten()
            .and_then(|m| m.member_of)
            .map(|(id, _)| id);
        i18n.t(match mine {
            Some(id) if Some(&id) != poster.as_ref() => M::YourOrganisationsAnswer,
            _ => M::Responses,
        })
    };
    view! {
        <li class="card offer" data-test="offer">
            <p class="meta">
                <span class=format!("tag tag-{}", kind.to_lowercase())>{let k = kind.clone(); move || label(i18n.lang(), &k)}</span>" · "
                <span>{move || label(i18n.lang(), &category)}</span>
                {offer.voivodeship.as_ref().map(|v| format!(" · {}", v.name))}
            </p>
            <h2>{offer.title.clone()}</h2>
            <p>{offer.description.clone()}</p>
            <p class="meta">
                {offer.organisation.clone().map(|o| view! { <A href=format!("/organisations/{}", o.id)>{o.name}</A>" · " })}
                {move || format!("{} {}", i18n.t(M::Expires), date(i18n.lang(), &expires))}
                {move || { let s = sectors.iter().map(|s| sector_name(i18n.lang(), &s.name_pl, &s.name_en)).collect::<Vec<_>>().join(", "); if s.is_empty() { s } else { format!(" · {s}") } }}
            </p>
            {(!responses.is_empty()).then(|| view! {
                <details><summary>{answers_heading}" ("{responses.len()}")"</summary>
                    <ul class="plain">{responses.iter().map(|r| view! { <li><strong>{r.organisation.as_ref().map(|o| o.name.clone())}</strong>": "{r.message.clone()}</li> }).collect_view()}</ul>
                </details>
            })}
            {move || {
                let own_org = own_org.clone();
                let field_id = field_id.clone();
                match me.get().flatten().and_then(|m| m.member_of) {
                    Some((org_id, _)) if Some(&org_id) != own_org.as_ref() => Some(if sent.get() {
                        view! { <p class="ok" role="status" data-test="answered">{move || i18n.t(M::AnswerSent)}</p> }.into_any()
                    } else if answered_by.contains(&org_id) {
                        // Answered before (another visit): the API lists the reader's own answers.
                        view! { <p class="ok" data-test="answered">{move || i18n.t(M::AlreadyAnswered)}</p> }.into_any()
                    } else {
                        view! {
                            <form class="form answer" on:submit=move |ev| { ev.prevent_default(); refused.set(vec![]); answer.dispatch(org_id.clone()); }>
                                <label for=field_id.clone()>{move || i18n.t(M::YourAnswer)}</label>
                                <textarea id=field_id prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                                <p class="field-error" role="alert">{move || FieldError::texts(&refused.get(), i18n.lang())}</p>
                                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
                                <button type="submit">{move || i18n.t(M::Answer)}</button>
                            </form>
                        }.into_any()
                    }),
                    Some(_) => None,
                    None => Some(view! { <p class="meta">{move || i18n.t(M::SignInToAnswer)}</p> }.into_any()),
                }
            }}
        </li>
    }
}

const CATEGORIES: [&str; 6] = [
    "SUBCONTRACTING",
    "CONSORTIUM_PARTNER",
    "RECYCLATES",
    "RESEARCH",
    "SHARED_RESOURCES",
    "OTHER",
];

/// A member's form for posting an offer or a request on the board.
#[component]
fn PostOfferForm(
    organisation_id: String,
    reload: RwSignal<u32>,
    options: LocalResource<Result<directory_options::ResponseData, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new("OFFER".to_owned());
    let category = RwSignal::new(CATEGORIES[0].to_owned());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let expires_on = RwSignal::new(String::new());
    let voivodeship = RwSignal::new(String::new());
    let sector = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let posted = RwSignal::new(false);
    let post = action(move |_: &()| {
        let input = post_cooperation_offer::PostCooperationOfferInput {
            organisation_id: organisation_id.clone(),
            kind: enum_value(&kind.get_untracked()),
            category: enum_value(&category.get_untracked()),
            title: Some(title.get_untracked()),
            description: Some(description.get_untracked()),
            voivodeship: enum_value(&voivodeship.get_untracked()),
            expires_on: given(expires_on.get_untracked()),
            sectors: given(sector.get_untracked()).map(|s| vec![s]),
        };
        async move {
            api::change::<PostCooperationOffer>(post_cooperation_offer::Variables { input }).await
        }
    });
    Effect::new(move |_| {
        if let Some(result) = post.value().get() {
            match result {
                Ok((true, _)) => {
                    errors.set(vec![]);
                    posted.set(true);
                    title.set(String::new());
                    description.set(String::new());
                    reload.update(|r| *r += 1);
                }
                Ok((false, refused)) => errors.set(refused),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    view! {
        <details class="post-offer" data-test="post-offer">
            <summary>{move || i18n.t(M::PostNotice)}</summary>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); posted.set(false); failure.set(None); post.dispatch(()); }>
                <fieldset class="choice">
                    <legend>{move || i18n.t(M::NoticeKind)}</legend>
                    {["OFFER", "REQUEST"].into_iter().map(|k| view! {
                        <label><input type="radio" name="notice-kind" value=k prop:checked=move || kind.get() == k on:change=move |_| kind.set(k.to_owned())/>{move || label(i18n.lang(), k)}</label>
                    }).collect_view()}
                </fieldset>
                <div class="row">
                    <div class="field">
                        <label for="notice-category">{move || i18n.t(M::Category)}</label>
                        <select id="notice-category" on:change=move |ev| category.set(event_target_value(&ev))>
                            {CATEGORIES.into_iter().map(|c| view! { <option value=c>{move || label(i18n.lang(), c)}</option> }).collect_view()}
                        </select>
                    </div>
                    <PartialDateInput name="expiresOn" label=M::Expires value=expires_on errors whole=true/>
                </div>
                <Field name="title" label=M::Title value=title errors/>
                <Field name="description" label=M::Description value=description errors multiline=true/>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let options = options.await.ok()?;
                        Some(view! {
                            <div class="row">
                                <div class="field">
                                    <label for="notice-voivodeship">{move || i18n.t(M::FacetVoivodeship)}</label>
                                    <select id="notice-voivodeship" on:change=move |ev| voivodeship.set(event_target_value(&ev))>
                                        <option value="">"—"</option>
                                        {options.voivodeships.into_iter().map(|v| view! { <option value=code(&v.code)>{v.name}</option> }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="notice-sector">{move || i18n.t(M::FacetSector)}</label>
                                    <select id="notice-sector" on:change=move |ev| sector.set(event_target_value(&ev))>
                                        <option value="">"—"</option>
                                        {options.sectors.into_iter().map(|s| {
                                            let (pl, en) = (s.name_pl.clone(), s.name_en.clone());
                                            view! { <option value=s.code>{move || sector_name(i18n.lang(), &pl, &en)}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                            </div>
                        })
                    })}
                </Transition>
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
                {move || posted.get().then(|| view! { <p class="ok" role="status" data-test="offer-posted">{move || i18n.t(M::Posted)}</p> })}
                <button type="submit" disabled=move || post.pending().get()>{move || i18n.t(M::PostNotice)}</button>
            </form>
        </details>
    }
}
