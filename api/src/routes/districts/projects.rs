//! GET /api/v1/districts/{id}/projects — a district's renovation projects by phase, with their satisfaction.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::acceptance::{district_projects, DistrictProjectView};

/// The district's renovation projects in the order of their phases, each with its open and overdue works notices and its residents' satisfaction (the district's admins).
#[utoipa::path(
    operation_id = "listDistrictProjects",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "district id")),
    responses(
        (status = 200, body = Vec<DistrictProjectView>),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("/districts/{id}/projects")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<DistrictProjectView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| district_projects(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
