//! POST /api/v1/bindings/{id}/reject — the committee rejects a claim, with a reason.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::Error;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::bindings::decision::decide;
use diandan_app::views::BindingView;
use diandan_domain::limits;
use diandan_domain::roles::BindingStatus;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// Shown to the resident; 1–200 characters.
    pub reason: String,
}

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
    let reason = limits::REASON.check(&body.into_inner().reason).map_err(|m| Error::invalid("reason", m))?;
    let id = id.into_inner();
    let view =
        blocking::write(&state, move |c| decide(c, &caller, &id, BindingStatus::Rejected, Some(&reason))).await?;
    Ok(web::Json(view))
}
