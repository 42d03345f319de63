//! GET /api/v1/communities/{id}/demand-list — the designers' ranked list, as JSON, CSV or XLSX.

use crate::access::{community, principal};
use crate::blocking;
use crate::caller::Caller;
use crate::demand_list::{load, Body, DemandCache, DemandList, Rendered};
use crate::demand_tables::community_tables;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::tables::{download, negotiate, Format};
use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use diandan_domain::ids;
use diandan_domain::roles::Role;
use diandan_store::AnyConnection;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
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

/// Loads the list after checking the caller may read it: designers, committee and admins of
/// the community.
pub async fn read(
    state: &AppState,
    caller: Caller,
    community_id: String,
    consultation_id: Option<String>,
) -> Result<Loaded, ApiError> {
    if consultation_id.as_deref().is_some_and(|c| !ids::is_uuid(c)) {
        return Err(ApiError::invalid("consultation_id", "must be a consultation id"));
    }
    let cache = state.demand_cache.clone();
    blocking::read(state, move |c| read_in(c, &cache, &caller, &community_id, consultation_id.as_deref())).await
}

/// A rendered list and the complaint counts of the moment.
pub type Loaded = (Arc<Rendered>, BTreeMap<String, (i64, i64)>);

/// The whole read on one connection (the benchmark calls it in-process as the ceiling).
pub fn read_in(
    c: &mut AnyConnection,
    cache: &DemandCache,
    caller: &Caller,
    community_id: &str,
    consultation_id: Option<&str>,
) -> Result<Loaded, ApiError> {
    let p = principal(c, caller)?;
    let comm = community(c, community_id)?;
    p.require(&[Role::Designer, Role::Committee, Role::Admin], &comm)?;
    load(c, cache, &comm, consultation_id)
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
    let (rendered, counts) = read(&state, caller, id.into_inner(), q.consultation_id).await?;
    match format {
        Format::Json => {
            let body = rendered.body(&counts)?;
            Ok(send_json(&req, &body))
        }
        other => {
            let list = rendered.with_counts(&counts);
            download(other, &format!("demand-list-{}", list.consultation_id), &community_tables(&list))
        }
    }
}
