//! Bulk export over HTTP (`/export/…`) and on the command line (`klastry export`), both
//! streaming the domain's export batches so that neither holds the registry in memory.

use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use klastry_domain::bulk::export::{self, ExportFormat, ExportPart, ExportScope};
use klastry_graphql::error::codes;
use sea_orm::DatabaseConnection;
use std::io::Write;

/// Rows read per batch: big enough that statements are few, small enough that a batch's text
/// stays in the tens of kilobytes.
const BATCH: u64 = 500;

/// The parts a file name asks for: `registry` (JSON Lines only), `clusters`, `organisations`
/// or `memberships`.
pub fn parts(name: &str) -> Option<Vec<ExportPart>> {
    match name {
        "registry" => Some(ExportPart::ALL.to_vec()),
        "clusters" => Some(vec![ExportPart::Clusters]),
        "organisations" => Some(vec![ExportPart::Organisations]),
        "memberships" => Some(vec![ExportPart::Memberships]),
        _ => None,
    }
}

/// The export as a stream of chunks: a CSV header first, then one chunk per batch. A database
/// error ends the stream with an error, which cuts the response short.
pub fn stream(
    db: DatabaseConnection,
    scope: ExportScope,
    parts: Vec<ExportPart>,
    format: ExportFormat,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> {
    let header = match (format, parts.first()) {
        (ExportFormat::Csv, Some(part)) => Some(part.csv_header(scope)),
        _ => None,
    };
    stream::unfold((0usize, 0i32, header), move |(index, after, header)| {
        let db = db.clone();
        let parts = parts.clone();
        async move {
            if let Some(header) = header {
                return Some((Ok(Bytes::from(header)), (index, after, None)));
            }
            let part = *parts.get(index)?;
            match export::batch(&db, scope, part, format, after, BATCH).await {
                Ok(Some((text, last))) => Some((Ok(Bytes::from(text)), (index, last, None))),
                Ok(None) => Some((Ok(Bytes::new()), (index + 1, 0, None))),
                Err(error) => {
                    tracing::error!(%error, "export stopped");
                    Some((
                        Err(std::io::Error::other("the export stopped")),
                        (parts.len(), 0, None),
                    ))
                }
            }
        }
    })
}

/// `GET /export/{file}`: `registry.jsonl`, or `clusters`, `organisations` or `memberships`
/// with `.jsonl` or `.csv`; the whole registry's public data.
pub async fn download(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    respond(&state, ExportScope::Registry, &file)
}

/// `GET /export/clusters/{slug}/{file}`: the same files for one cluster, its memberships and
/// their organisations. The cluster's coordinators, operators and the cluster's API tokens
/// that read private data also get applications, rejections and the organisations' e-mail.
pub async fn download_cluster(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
) -> Response {
    let caller = match crate::auth::from_headers(&state, &headers).await {
        Ok(caller) => caller,
        Err(refusal) => return refusal.into_http(),
    };
    if let Err(refusal) = crate::guard::admit_download(&state, &caller).await {
        return refusal.into_http();
    }
    let viewer = caller.viewer;
    match export::cluster_scope(&state.db, &slug, &viewer).await {
        Ok(scope) => respond(&state, scope, &file),
        Err(klastry_domain::DomainError::NotFound { .. }) => coded(
            StatusCode::NOT_FOUND,
            &format!("no cluster has the slug '{slug}'"),
        ),
        Err(error) => {
            tracing::error!(%error, "finding a cluster to export failed");
            coded(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
        }
    }
}

fn respond(state: &AppState, scope: ExportScope, file: &str) -> Response {
    let db = state.db.clone();
    let (name, format, content_type) = if let Some(name) = file.strip_suffix(".jsonl") {
        (name, ExportFormat::JsonLines, "application/x-ndjson")
    } else if let Some(name) = file.strip_suffix(".csv") {
        (name, ExportFormat::Csv, "text/csv; charset=utf-8")
    } else {
        return not_found(file);
    };
    let Some(parts) = parts(name).filter(|p| format == ExportFormat::JsonLines || p.len() == 1)
    else {
        return not_found(file);
    };
    let mut response = Body::from_stream(stream(db, scope, parts, format)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Private data must not be kept by shared caches.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"klastry-{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

fn coded(status: StatusCode, message: &str) -> Response {
    let code = if status == StatusCode::NOT_FOUND {
        codes::NOT_FOUND
    } else {
        codes::INTERNAL_SERVER_ERROR
    };
    let body =
        serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, axum::Json(body)).into_response()
}

fn not_found(file: &str) -> Response {
    let message = format!(
        "no export named '{file}': use registry.jsonl, or clusters, organisations or memberships with .jsonl or .csv"
    );
    coded(StatusCode::NOT_FOUND, &message)
}

/// Writes an export to `out`, batch by batch (the command line's `klastry export`).
pub async fn write(
    db: &DatabaseConnection,
    scope: ExportScope,
    parts: &[ExportPart],
    format: ExportFormat,
    out: &mut impl Write,
) -> Result<(), crate::error::ServerError> {
    let io = |e| crate::error::ServerError::io("writing the export", e);
    if let (ExportFormat::Csv, Some(part)) = (format, parts.first()) {
        out.write_all(part.csv_header(scope).as_bytes())
            .map_err(io)?;
    }
    for part in parts {
        let mut after = 0;
        while let Some((text, last)) = export::batch(db, scope, *part, format, after, BATCH).await?
        {
            out.write_all(text.as_bytes()).map_err(io)?;
            after = last;
        }
    }
    out.flush().map_err(io)
}
