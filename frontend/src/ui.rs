//! The app's frame (header, navigation, language switch, routes) and the pieces pages share:
//! loading and error states, status badges, form fields that show their API error, SVG charts.

use crate::api::ApiError;
use crate::i18n::{I18n, Lang, M, use_i18n};
use crate::pages;
use crate::session;
use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    pages::desks::provide_me();
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", i18n.lang().tag());
    }
    view! {
        <Router>
            // rel="external" keeps the router from taking the click, so the browser moves focus to main.
            <a class="skip" href="#main" rel="external">{move || i18n.t(M::SkipToContent)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=path!("/clusters") view=pages::directory::DirectoryPage/>
                    <Route path=path!("/clusters/:slug") view=pages::cluster::ClusterPage/>
                    <Route path=path!("/organisations/:id") view=pages::organisation::OrganisationPage/>
                    <Route path=path!("/kkk") view=pages::status::KkkPage/>
                    <Route path=path!("/esca") view=pages::status::EscaPage/>
                    <Route path=path!("/cooperation") view=pages::cooperation::CooperationPage/>
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage/>
                    <Route path=path!("/my-organisation") view=pages::desks::MyOrganisationPage/>
                    <Route path=path!("/coordinator") view=pages::desks::CoordinatorPage/>
                    <Route path=path!("/operator") view=pages::desks::OperatorPage/>
                </Routes>
            </main>
            <footer class="footer">
                <span>"klastry · "</span>
                <a href="/graphql">"GraphQL API"</a>
            </footer>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let signed_in = session::signal();
    let me = crate::pages::desks::use_me();
    let sign_out = move |_| {
        if let Some(current) = session::current() {
            leptos::task::spawn_local(async move {
                let _ = crate::api::run::<crate::queries::SignOut>(
                    crate::queries::sign_out::Variables {
                        refresh_token: current.refresh_token,
                    },
                )
                .await;
            });
        }
        session::end();
    };
    let switch = move |_| {
        i18n.set(match i18n.lang() {
            Lang::Pl => Lang::En,
            Lang::En => Lang::Pl,
        })
    };
    view! {
        <header class="header">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                {move || i18n.t(M::AppName)}
            </A>
            <nav aria-label="main">
                <A href="/clusters">{move || i18n.t(M::NavClusters)}</A>
                <A href="/kkk">{move || i18n.t(M::NavKkk)}</A>
                <A href="/esca">{move || i18n.t(M::NavEsca)}</A>
                <A href="/cooperation">{move || i18n.t(M::NavCooperation)}</A>
                {move || {
                    me.get().flatten().map(|me| {
                        view! {
                            {me.member_of.is_some().then(|| view! { <A href="/my-organisation">{move || i18n.t(M::NavMyOrganisation)}</A> })}
                            {me.coordinates.is_some().then(|| view! { <A href="/coordinator">{move || i18n.t(M::NavCoordinator)}</A> })}
                            {me.is_operator.then(|| view! { <A href="/operator">{move || i18n.t(M::NavOperator)}</A> })}
                        }
                    })
                }}
            </nav>
            <div class="header-tools">
                <button
                    type="button"
                    class="lang"
                    data-test="switch-language"
                    aria-label=move || i18n.t(M::SwitchLanguageLabel)
                    on:click=switch
                >
                    {move || i18n.t(M::SwitchLanguage)}
                </button>
                {move || match signed_in.get() {
                    Some(s) => view! {
                        <span class="who" title=s.email.clone()>{s.display_name.clone()}</span>
                        <button type="button" data-test="sign-out" on:click=sign_out>{move || i18n.t(M::SignOut)}</button>
                    }.into_any(),
                    None => view! {
                        <A href="/sign-in" attr:class="button">{move || i18n.t(M::SignIn)}</A>
                    }.into_any(),
                }}
            </div>
        </header>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    title(move || i18n.t(M::NotFoundTitle).to_owned());
    view! {
        <h1>{move || i18n.t(M::NotFoundTitle)}</h1>
        <p>{move || i18n.t(M::NotFoundText)}</p>
    }
}

/// Keeps the document's title in step with the page and the language.
pub fn title(page: impl Fn() -> String + 'static) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let text = format!("{} · {}", page(), i18n.t(M::AppName));
        document().set_title(&text);
    });
}

/// What a failed request shows.
#[component]
pub fn ErrorNote(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match &error {
        ApiError::Network(_) => i18n.t(M::ErrorNetwork).to_owned(),
        ApiError::Unauthenticated => i18n.t(M::ErrorSignInNeeded).to_owned(),
        ApiError::Graphql { code, .. } if code == "UNAUTHENTICATED" => {
            i18n.t(M::ErrorSignInNeeded).to_owned()
        }
        ApiError::Graphql { code, .. } if code == "FORBIDDEN" => {
            i18n.t(M::ErrorForbidden).to_owned()
        }
        ApiError::Graphql { code, .. } if code == "CONFLICT" => i18n.t(M::ErrorConflict).to_owned(),
        ApiError::Graphql { code, message } => {
            format!("{} ({code}): {message}", i18n.t(M::ErrorOther))
        }
    };
    view! { <p class="error" role="alert">{text}</p> }
}

/// The loading state of a section.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status" aria-live="polite">{move || i18n.t(M::Loading)}</p> }
}

/// An ACTIVE / EXPIRED / UNKNOWN / NOT_YET_VALID badge.
#[component]
pub fn StatusBadge(#[prop(into)] status: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("badge badge-{}", status.to_lowercase());
    let message = match status.as_str() {
        "ACTIVE" => M::StatusActive,
        "EXPIRED" => M::StatusExpired,
        "NOT_YET_VALID" => M::StatusNotYetValid,
        _ => M::StatusUnknown,
    };
    view! { <span class=class data-status=status>{move || i18n.t(message)}</span> }
}

/// A labelled text input that shows the API's error for its field right under it.
#[component]
pub fn Field(
    #[prop(into)] name: String,
    label: M,
    value: RwSignal<String>,
    errors: RwSignal<Vec<(String, String)>>,
    #[prop(optional, into)] kind: Option<String>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    // Several forms on one page may have a field of the same name; ids must still be unique
    // for labels and error descriptions to point at the right input.
    let id = format!("field-{name}-{}", next_field_number());
    let error_id = format!("{id}-error");
    let field = name.clone();
    let error = Memo::new(move |_| {
        errors
            .get()
            .into_iter()
            .find(|(f, _)| f == &field || f.ends_with(&format!(".{field}")))
            .map(|(_, message)| message)
    });
    let shown_error = move || {
        error
            .get()
            .map(|m| crate::i18n::api_message(i18n.lang(), &m))
    };
    let invalid = move || error.get().is_some().then_some("true");
    let input = if multiline {
        view! {
            <textarea id=id.clone() name=name.clone() aria-invalid=invalid aria-describedby=error_id.clone()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name.clone() type=kind.unwrap_or_else(|| "text".into())
                aria-invalid=invalid aria-describedby=error_id.clone()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{move || i18n.t(label)}</label>
            {input}
            <p class="field-error" id=error_id data-test=format!("error-{name}") role="alert">{shown_error}</p>
        </div>
    }
}

fn next_field_number() -> u32 {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    NEXT.with(|next| {
        next.set(next.get().wrapping_add(1));
        next.get()
    })
}

/// A horizontal bar chart drawn as SVG: one labelled bar per row.
#[component]
pub fn BarChart(#[prop(into)] caption: Signal<String>, rows: Vec<(String, i64)>) -> impl IntoView {
    let i18n = use_i18n();
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(1).max(1);
    // Label above its bar, so long names never collide with the bars.
    let row_height = 34;
    let height = rows.len() as i64 * row_height + 4;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let y = i as i64 * row_height;
            let width = (value * 280 / max).max(1);
            let text = label.clone();
            view! {
                <g>
                    <text x="0" y=y + 12 class="chart-label">{text}</text>
                    <rect x="0" y=y + 16 width=width height="14" class="chart-bar" rx="2"/>
                    <text x=6 + width y=y + 28 class="chart-value">{move || crate::i18n::number(i18n.lang(), value)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{move || caption.get()}</figcaption>
            <svg viewBox=format!("0 0 340 {height}") role="img" aria-label=move || caption.get()>{bars}</svg>
        </figure>
    }
}

/// A vertical bar chart drawn as SVG, for values over time.
#[component]
pub fn ColumnChart(
    #[prop(into)] caption: Signal<String>,
    columns: Vec<(String, i64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let max = columns.iter().map(|(_, v)| *v).max().unwrap_or(1).max(1);
    let width = 44;
    let total = columns.len() as i64 * width + 10;
    let bars = columns
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let x = i as i64 * width + 6;
            let h = value * 120 / max;
            view! {
                <g>
                    <rect x=x y=140 - h width=width - 12 height=h class="chart-bar" rx="2"/>
                    <text x=x + (width - 12) / 2 y=134 - h class="chart-value" text-anchor="middle">
                        {move || crate::i18n::number(i18n.lang(), value)}
                    </text>
                    <text x=x + (width - 12) / 2 y="156" class="chart-label" text-anchor="middle">{label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{move || caption.get()}</figcaption>
            <svg viewBox=format!("0 0 {} 162", total.max(200)) role="img" aria-label=move || caption.get()>{bars}</svg>
        </figure>
    }
}

/// Empty text as "not given"; other text trimmed.
pub fn given(value: String) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// The API's name of an enum value (`"GOLD"`), whatever generated type holds it.
pub fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The generated enum value for an API name; None when the name is not one of its values.
pub fn enum_value<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    // Generated enums take any string (as `Other`); only names shaped like the API's are sent.
    let shaped = !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_');
    if !shaped {
        return None;
    }
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

/// Today in the browser's time zone, as `YYYY-MM-DD`.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// A sector's name in the current language.
pub fn sector_name(lang: Lang, name_pl: &str, name_en: &str) -> String {
    match lang {
        Lang::Pl => name_pl.to_owned(),
        Lang::En => name_en.to_owned(),
    }
}
