//! POST /api/v1/proxies/{id}/confirm — a committee member (not the one who entered it) confirms
//! an authorisation against the signed form; the proxy may then cast for the owner.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::proxies::decide::confirm_proxy;
use diandan_app::proxies::views::ProxyView;

/// Confirm a proxy authorisation.
#[utoipa::path(
    operation_id = "confirmProxy",
    tag = "proxies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "authorisation id")),
    responses(
        (status = 200, body = ProxyView),
        (status = 403, description = "forbidden, same_member", body = crate::problem::Problem),
        (status = 409, description = "proxy_not_pending, proxies_closed, proxy_limit_reached", body = crate::problem::Problem),
    )
)]
#[post("/proxies/{id}/confirm")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<ProxyView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| confirm_proxy(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
