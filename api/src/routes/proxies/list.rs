//! GET /api/v1/consultations/{id}/proxies — the committee's list of a consultation's
//! authorisations (its queue: `?status=pending`).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::proxies::list::{list_proxies, ProxiesQuery};
use diandan_app::proxies::views::ProxyView;

/// A consultation's proxy authorisations, in the order entered (committee and admins).
#[utoipa::path(
    operation_id = "listProxies",
    tag = "proxies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), ProxiesQuery),
    responses(
        (status = 200, body = Vec<ProxyView>),
        (status = 403, body = crate::problem::Problem),
        (status = 422, description = "validation_failed", body = crate::problem::Problem),
    )
)]
#[get("/proxies")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<ProxiesQuery>,
) -> Result<web::Json<Vec<ProxyView>>, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let out = blocking::run(&state, move |app| list_proxies(app, &caller, &id, &q)).await?;
    Ok(web::Json(out))
}
