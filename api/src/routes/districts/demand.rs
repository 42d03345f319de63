//! GET /api/v1/districts/{id}/demand-list — the district's demand summed by catalogue item.

use crate::blocking;
use crate::caller::Caller;
use crate::demand_tables::district_tables;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::tables::{download, negotiate, Format};
use actix_web::{get, web, HttpRequest, HttpResponse};
use diandan_app::demand::district::{read, DistrictDemand};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DistrictDemandQuery {
    /// json | csv | xlsx; without it, `Accept` decides (JSON by default).
    pub format: Option<String>,
}

/// Every community's latest published list summed by item: how many communities offered,
/// passed and approved it, owners and area for and against, priority and co-pay willingness,
/// complaints naming it. Admins of the district.
#[utoipa::path(
    operation_id = "getDistrictDemand",
    tag = "demand",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "district id"), DistrictDemandQuery),
    responses(
        (status = 200, content(
            (DistrictDemand = "application/json"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[get("/districts/{id}/demand-list")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<DistrictDemandQuery>,
) -> Result<HttpResponse, ApiError> {
    let format = negotiate(&req, q.format.as_deref())?;
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| read(app, &caller, &id)).await?;
    match format {
        Format::Json => Ok(HttpResponse::Ok().json(out)),
        other => Ok(download(other, &format!("district-demand-{}", out.district_id), &district_tables(&out))?),
    }
}
