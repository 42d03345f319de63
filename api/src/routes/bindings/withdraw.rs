//! POST /api/v1/bindings/{id}/withdraw — the resident withdraws their own claim or binding.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::bindings::withdraw::withdraw_binding;
use diandan_app::views::BindingView;

/// Withdraw a pending or approved binding of your own (e.g. after moving out).
#[utoipa::path(
    operation_id = "withdrawBinding",
    tag = "bindings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "binding id")),
    responses(
        (status = 200, body = BindingView),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "binding_not_active", body = crate::problem::Problem),
    )
)]
#[post("/bindings/{id}/withdraw")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<BindingView>, ApiError> {
    let id = id.into_inner();
    let view = blocking::run(&state, move |app| withdraw_binding(app, &caller, &id)).await?;
    Ok(web::Json(view))
}
