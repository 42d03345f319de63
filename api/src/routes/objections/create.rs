//! POST /api/v1/consultations/{id}/objections — an owner objects to the preliminary result.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::consultations::objections::{file_objection, NewObjection, ObjectionView};

/// File an objection during the objection period (owners on the roll only).
#[utoipa::path(
    operation_id = "fileObjection",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = NewObjection,
    responses(
        (status = 201, body = ObjectionView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "objections_closed", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, content_rejected", body = crate::problem::Problem),
    )
)]
#[post("/objections")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewObjection>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let id = id.into_inner();
    let objection = blocking::run(&state, move |app| file_objection(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(objection))
}
