//! GET /api/v1/communities/{id}/demand-list — the designers' ranked list, as JSON, CSV or XLSX.

use crate::blocking;
use crate::caller::Caller;
use crate::demand_tables::community_tables;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::tables::{download, negotiate, Format};
use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use diandan_app::demand::list::{read, Body, DemandList};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DemandQuery {
    /// json | csv | xlsx; without it, `Accept` decides (JSON by default).
    pub format: Option<String>,
    /// A published consultation of the community; default: the one published last.
    pub consultation_id: Option<String>,
}

/// A published list changes only in its complaint counts: answer `If-None-Match` with 304, and
/// send the pre-compressed form to clients that accept gzip.
fn send_json(req: &HttpRequest, body: &Body) -> HttpResponse {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
    if header(header::IF_NONE_MATCH).split(',').any(|t| t.trim() == body.etag) {
        return HttpResponse::NotModified().insert_header((header::ETAG, body.etag.clone())).finish();
    }
    let gzip = header(header::ACCEPT_ENCODING).split(',').any(|e| {
        let mut parts = e.split(';');
        parts.next().is_some_and(|n| n.trim() == "gzip") && !parts.any(|q| q.trim().replace(' ', "") == "q=0")
    });
    let mut r = HttpResponse::Ok();
    r.content_type("application/json")
        .insert_header((header::ETAG, body.etag.clone()))
        .insert_header((header::VARY, "Accept-Encoding"));
    if gzip {
        r.insert_header((header::CONTENT_ENCODING, "gzip")).body(body.gzip.clone())
    } else {
        r.body(body.json.clone())
    }
}

/// The published items ranked (approved first, 先民生、后提升, then support), with figures,
/// co-pay willingness, priority, per-building/unit breakdown, anonymised comments and related
/// complaints. CSV holds the ranked list; XLSX adds the breakdown and comments as sheets.
#[utoipa::path(
    operation_id = "getDemandList",
    tag = "demand",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), DemandQuery),
    responses(
        (status = 200, content(
            (DemandList = "application/json"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 403, body = crate::problem::Problem),
        (status = 404, description = "no_demand_list", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[get("/demand-list")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<DemandQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let format = negotiate(&req, q.format.as_deref())?;
    let id = id.into_inner();
    let (rendered, counts) =
        blocking::run(&state, move |app| read(app, &caller, &id, q.consultation_id.as_deref())).await?;
    match format {
        Format::Json => {
            let body = rendered.body(&counts).map_err(ApiError::from)?;
            Ok(send_json(&req, &body))
        }
        other => {
            let list = rendered.with_counts(&counts);
            Ok(download(other, &format!("demand-list-{}", list.consultation_id), &community_tables(&list))?)
        }
    }
}
