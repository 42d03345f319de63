//! POST /api/v1/bindings/{id}/reject — the committee rejects a claim, with a reason.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::bindings::decision::{reject_binding, Rejection};
use diandan_app::views::BindingView;

/// Reject a pending claim.
#[utoipa::path(
    operation_id = "rejectBinding",
    tag = "bindings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "binding id")),
    request_body = Rejection,
    responses(
        (status = 200, body = BindingView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "binding_not_pending", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/bindings/{id}/reject")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<Rejection>,
) -> Result<web::Json<BindingView>, ApiError> {
    let rejection = body.into_inner();
    let id = id.into_inner();
    let view = blocking::run(&state, move |app| reject_binding(app, &caller, &id, &rejection)).await?;
    Ok(web::Json(view))
}
