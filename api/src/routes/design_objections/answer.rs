//! POST /api/v1/design-objections/{id}/answer — the committee answers an objection to a design.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::projects::public_notice::{answer_objection, DesignObjectionAnswer, DesignObjectionView};

/// Answer an objection to a design (committee and admin, once).
#[utoipa::path(
    operation_id = "answerDesignObjection",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "design objection id")),
    request_body = DesignObjectionAnswer,
    responses(
        (status = 200, body = DesignObjectionView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "already_answered", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/design-objections/{id}/answer")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<DesignObjectionAnswer>,
) -> Result<web::Json<DesignObjectionView>, ApiError> {
    let id = id.into_inner();
    let a = body.into_inner();
    let out = blocking::run(&state, move |app| answer_objection(app, &caller, &id, a)).await?;
    Ok(web::Json(out))
}
