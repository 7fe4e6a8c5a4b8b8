//! The web app's pages with what readers, link previews and search engines need already in the
//! HTML: the web app renders in the browser, so without this every address would send the same
//! empty page until its code has arrived.
//!
//! `GET /clusters/<slug>` and `GET /organisations/<id>` send the app's `index.html` with the
//! record's name as the title, its description (in `<meta name="description">` and Open Graph
//! tags), its canonical address, and its name and description as the content readers without
//! JavaScript see. An unknown record gets the same page with status 404, so a crawler drops a
//! dead address while a reader still sees the app's not-found page. `GET /clusters`, the
//! directory, comes with its first page of results in it (`directory`).

use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use klastry_domain::DomainError;
use klastry_domain::rules::text::escape_html as escape;
use klastry_graphql::ids::{NodeKind, parse_id_of};
use std::sync::Arc;

mod directory;

pub use directory::directory;

/// The most characters of a description a preview shows; search engines cut near 160.
const SUMMARY_CHARS: usize = 160;
/// The most characters of a description sent as the page's content.
const CONTENT_CHARS: usize = 4_000;

/// The app's `index.html`, read once at start.
#[derive(Clone)]
pub struct Shell(pub Arc<str>);

/// What a page says about its record.
struct Facts {
    title: String,
    description: Option<String>,
    path: String,
}

/// `GET /clusters/<slug>`.
pub async fn cluster(
    State(state): State<AppState>,
    axum::Extension(shell): axum::Extension<Shell>,
    Path(slug): Path<String>,
) -> Response {
    let found = klastry_domain::reads::clusters::by_slug(&state.db, &slug).await;
    let facts = found.map(|c| {
        let name = c
            .name_pl
            .clone()
            .or(c.name_en.clone())
            .unwrap_or_else(|| c.slug.clone());
        let title = match &c.acronym {
            Some(acronym) if !name.contains(acronym.as_str()) => format!("{name} ({acronym})"),
            _ => name,
        };
        Facts {
            title,
            description: c.description_pl.clone().or(c.description_en.clone()),
            path: format!("/clusters/{}", c.slug),
        }
    });
    respond(&state, &shell, facts)
}

/// `GET /organisations/<id>`, the organisation's global ID.
pub async fn organisation(
    State(state): State<AppState>,
    axum::Extension(shell): axum::Extension<Shell>,
    Path(id): Path<String>,
) -> Response {
    let found = match parse_id_of("id", NodeKind::Organisation, &async_graphql::ID(id.clone())) {
        Ok(number) => klastry_domain::reads::organisations::by_id(&state.db, number).await,
        Err(_) => Err(DomainError::not_found("organisation", 0)),
    };
    let facts = found.map(|o| Facts {
        title: o.name.clone(),
        description: o.description.clone(),
        path: format!("/organisations/{id}"),
    });
    respond(&state, &shell, facts)
}

fn respond(state: &AppState, shell: &Shell, facts: Result<Facts, DomainError>) -> Response {
    let (status, page) = match facts {
        Ok(facts) => (
            StatusCode::OK,
            fill(&shell.0, &facts, &state.public_address, &no_script(&facts)),
        ),
        Err(DomainError::NotFound { .. }) => (StatusCode::NOT_FOUND, shell.0.to_string()),
        Err(error) => {
            // The app still loads and shows the record, or says what went wrong.
            tracing::warn!(%error, "reading a record for its page failed");
            (StatusCode::OK, shell.0.to_string())
        }
    };
    html(status, page)
}

/// A page as sent: revalidated on every visit, since it holds the registry's current facts.
fn html(status: StatusCode, page: String) -> Response {
    let mut response = (status, Html(page)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// What readers without JavaScript see of a record: its name and description.
fn no_script(facts: &Facts) -> String {
    format!(
        "<noscript><h1>{}</h1>{}<p><a href=\"/graphql\">GraphQL API</a></p></noscript>",
        escape(&facts.title),
        facts
            .description
            .as_deref()
            .map(|d| format!("<p>{}</p>", escape(&cut(d, CONTENT_CHARS))))
            .unwrap_or_default(),
    )
}

/// The shell with the page's title, description and canonical address, and `content` in place
/// of its `<noscript>`.
fn fill(shell: &str, facts: &Facts, base: &str, content: &str) -> String {
    let title = format!("{} · Rejestr klastrów", facts.title);
    let summary = facts
        .description
        .as_deref()
        .map(|d| cut(d, SUMMARY_CHARS))
        .unwrap_or_else(|| facts.title.clone());
    let url = format!("{}{}", base.trim_end_matches('/'), facts.path);
    let head = format!(
        "<title>{title}</title>\n  \
         <link rel=\"canonical\" href=\"{url}\">\n  \
         <meta property=\"og:type\" content=\"website\">\n  \
         <meta property=\"og:title\" content=\"{og_title}\">\n  \
         <meta property=\"og:description\" content=\"{summary}\">\n  \
         <meta property=\"og:url\" content=\"{url}\">",
        title = escape(&title),
        og_title = escape(&facts.title),
        summary = escape(&summary),
        url = escape(&url),
    );
    let mut page = replace_element(shell, "<title>", "</title>", &head);
    page = replace_meta_description(&page, &escape(&summary));
    replace_element(&page, "<noscript>", "</noscript>", content)
}

/// Replaces the first element from `open` to `close` (both included) with `with`; the page as
/// it was when the element is missing.
fn replace_element(page: &str, open: &str, close: &str, with: &str) -> String {
    match page.find(open).and_then(|start| {
        page[start..]
            .find(close)
            .map(|end| (start, start + end + close.len()))
    }) {
        Some((start, end)) => format!("{}{with}{}", &page[..start], &page[end..]),
        None => page.to_string(),
    }
}

fn replace_meta_description(page: &str, summary: &str) -> String {
    const OPEN: &str = "<meta name=\"description\" content=\"";
    match page.find(OPEN).and_then(|start| {
        let from = start + OPEN.len();
        page[from..].find('"').map(|end| (from, from + end))
    }) {
        Some((from, to)) => format!("{}{summary}{}", &page[..from], &page[to..]),
        None => page.to_string(),
    }
}

/// At most `max` characters of `text` on one line, cut at a word with an ellipsis.
fn cut(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let head: String = flat.chars().take(max.saturating_sub(1)).collect();
    let head = head.rsplit_once(' ').map_or(head.as_str(), |(h, _)| h);
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<html><head>\n  <meta name=\"description\" content=\"Rejestr.\">\n  \
        <title>Rejestr klastrów</title>\n</head><body>\n  <noscript>JS.</noscript>\n</body></html>";

    #[test]
    fn a_records_page_names_it_escaped_with_its_canonical_address() {
        let facts = Facts {
            title: "Klaster \"A&B\" <Śląsk>".into(),
            description: Some("Opis   klastra\nw dwóch liniach.".into()),
            path: "/clusters/a-b".into(),
        };
        let page = fill(
            SHELL,
            &facts,
            "https://klastry.example.pl/",
            &no_script(&facts),
        );
        assert!(page.contains(
            "<title>Klaster &quot;A&amp;B&quot; &lt;Śląsk&gt; · Rejestr klastrów</title>"
        ));
        assert!(
            page.contains("<meta name=\"description\" content=\"Opis klastra w dwóch liniach.\">")
        );
        assert!(
            page.contains(
                "<link rel=\"canonical\" href=\"https://klastry.example.pl/clusters/a-b\">"
            )
        );
        assert!(page.contains("<noscript><h1>Klaster &quot;A&amp;B&quot; &lt;Śląsk&gt;</h1><p>Opis klastra w dwóch liniach.</p>"));
        assert!(
            !page.contains("Rejestr.\""),
            "the default description is replaced"
        );
        assert_eq!(page.matches("<title>").count(), 1);
    }

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        let text = "słowo ".repeat(100);
        let summary = cut(&text, SUMMARY_CHARS);
        assert!(summary.chars().count() <= SUMMARY_CHARS);
        assert!(summary.ends_with("słowo…"), "{summary}");
    }
}
