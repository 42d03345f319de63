//! POST /api/v1/designs/{id}/objections — a resident objects to a measure of a design on notice.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::projects::public_notice::{file_objection, DesignObjectionView, NewDesignObjection};

/// Object to one measure of a design while its public notice runs (the community's verified residents).
#[utoipa::path(
    operation_id = "fileDesignObjection",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "design id")),
    request_body = NewDesignObjection,
    responses(
        (status = 201, body = DesignObjectionView),
        (status = 403, description = "not_a_resident", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "design_notice_closed", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, content_rejected", body = crate::problem::Problem),
    )
)]
#[post("/objections")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewDesignObjection>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| file_objection(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(out))
}
