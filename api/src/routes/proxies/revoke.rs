//! POST /api/v1/proxies/{id}/revoke — the owner withdraws an authorisation before the proxy has
//! voted under it (or the committee records the owner's paper revocation).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::proxies::revoke::{revoke_proxy, RevokeProxy};
use diandan_app::proxies::views::ProxyView;

/// Revoke a proxy authorisation.
#[utoipa::path(
    operation_id = "revokeProxy",
    tag = "proxies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "authorisation id")),
    request_body = RevokeProxy,
    responses(
        (status = 200, body = ProxyView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "proxy_not_standing, proxy_has_voted, proxies_closed", body = crate::problem::Problem),
        (status = 422, description = "validation_failed", body = crate::problem::Problem),
    )
)]
#[post("/proxies/{id}/revoke")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<RevokeProxy>,
) -> Result<web::Json<ProxyView>, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let out = blocking::run(&state, move |app| revoke_proxy(app, &caller, &id, &b)).await?;
    Ok(web::Json(out))
}
