//! POST /api/v1/projects/{id}/designs — a designer submits a version of the concept design.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::projects::designs::{submit_design, NewDesign};
use diandan_app::projects::views::DesignView;

/// Submit a version of the concept design (designers of the community, in the design phase); the version waiting for review gives way to it.
#[utoipa::path(
    operation_id = "submitDesign",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id")),
    request_body = NewDesign,
    responses(
        (status = 201, body = DesignView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_phase", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, measure_item_foreign", body = crate::problem::Problem),
    )
)]
#[post("/designs")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewDesign>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| submit_design(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(out))
}
