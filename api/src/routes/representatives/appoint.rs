//! POST /api/v1/communities/{id}/representatives — appoint a residents' representative.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::projects::representatives::{appoint_representative, NewRepresentative, RepresentativeView};

/// Appoint a verified resident as 楼长 of their building or 单元联系人 of their unit (committee and admin).
#[utoipa::path(
    operation_id = "appointRepresentative",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = NewRepresentative,
    responses(
        (status = 201, body = RepresentativeView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "seat_taken, already_representative", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, representative_not_resident", body = crate::problem::Problem),
    )
)]
#[post("/representatives")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewRepresentative>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| appoint_representative(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(out))
}
