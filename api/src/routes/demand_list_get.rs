//! GET /api/v1/communities/{id}/demand-list — the designers' ranked list, as JSON, CSV or XLSX.

use crate::access::{community, principal};
use crate::blocking;
use crate::caller::Caller;
use crate::demand_list::{load, DemandList};
use crate::demand_tables::community_tables;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::tables::{download, negotiate, Format};
use actix_web::{get, web, HttpRequest, HttpResponse};
use diandan_domain::ids;
use diandan_domain::roles::Role;
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

/// Loads the list after checking the caller may read it: designers, committee and admins of
/// the community.
pub async fn read(state: &AppState, caller: Caller, community_id: String, consultation_id: Option<String>) -> Result<DemandList, ApiError> {
    if consultation_id.as_deref().is_some_and(|c| !ids::is_uuid(c)) {
        return Err(ApiError::invalid("consultation_id", "must be a consultation id"));
    }
    blocking::read(state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &community_id)?;
        p.require(&[Role::Designer, Role::Committee, Role::Admin], &comm)?;
        load(c, &comm, consultation_id.as_deref())
    })
    .await
}

/// The published items ranked (approved first, 先民生、后提升, then support), with figures,
/// co-pay willingness, priority, per-building/unit breakdown, anonymised comments and related
/// complaints. CSV holds the ranked list; XLSX adds the breakdown and comments as sheets.
#[utoipa::path(
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
#[get("/communities/{id}/demand-list")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<DemandQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let format = negotiate(&req, q.format.as_deref())?;
    let list = read(&state, caller, id.into_inner(), q.consultation_id).await?;
    match format {
        Format::Json => Ok(HttpResponse::Ok().json(list)),
        other => download(other, &format!("demand-list-{}", list.consultation_id), &community_tables(&list)),
    }
}
