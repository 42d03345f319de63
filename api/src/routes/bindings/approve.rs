//! POST /api/v1/bindings/{id}/approve — the committee approves a claim.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::bindings::decision::approve_binding;
use diandan_app::views::BindingView;

/// Approve a pending claim.
#[utoipa::path(
    operation_id = "approveBinding",
    tag = "bindings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "binding id")),
    responses(
        (status = 200, body = BindingView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "binding_not_pending", body = crate::problem::Problem),
    )
)]
#[post("/bindings/{id}/approve")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<BindingView>, ApiError> {
    let id = id.into_inner();
    let view = blocking::run(&state, move |app| approve_binding(app, &caller, &id)).await?;
    Ok(web::Json(view))
}
