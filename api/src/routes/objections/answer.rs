//! POST /api/v1/objections/{id}/answer — the committee answers an objection.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::consultations::objections::{answer_objection, Answer, ObjectionView};

/// Answer an objection (once).
#[utoipa::path(
    operation_id = "answerObjection",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "objection id")),
    request_body = Answer,
    responses((status = 200, body = ObjectionView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, description = "already_answered", body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[post("/objections/{id}/answer")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<Answer>,
) -> Result<web::Json<ObjectionView>, ApiError> {
    let a = body.into_inner();
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| answer_objection(app, &caller, &id, a)).await?;
    Ok(web::Json(out))
}
