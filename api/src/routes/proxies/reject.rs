//! POST /api/v1/proxies/{id}/reject — a committee member (not the one who entered it) rejects an
//! authorisation, with the reason the owner is shown.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::proxies::decide::{reject_proxy, RejectProxy};
use diandan_app::proxies::views::ProxyView;

/// Reject a proxy authorisation.
#[utoipa::path(
    operation_id = "rejectProxy",
    tag = "proxies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "authorisation id")),
    request_body = RejectProxy,
    responses(
        (status = 200, body = ProxyView),
        (status = 403, description = "forbidden, same_member", body = crate::problem::Problem),
        (status = 409, description = "proxy_not_pending, proxies_closed", body = crate::problem::Problem),
        (status = 422, description = "validation_failed", body = crate::problem::Problem),
    )
)]
#[post("/proxies/{id}/reject")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<RejectProxy>,
) -> Result<web::Json<ProxyView>, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let out = blocking::run(&state, move |app| reject_proxy(app, &caller, &id, &b)).await?;
    Ok(web::Json(out))
}
