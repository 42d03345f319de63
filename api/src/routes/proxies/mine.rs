//! GET /api/v1/me/proxies — the authorisations a resident gave as an owner and those naming their
//! verified phone as the proxy (the owners they may vote for).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::proxies::list::{my_proxies, MyProxies};

/// Your proxy authorisations: given and held.
#[utoipa::path(
    operation_id = "myProxies",
    tag = "proxies",
    security(("bearer" = [])),
    responses((status = 200, body = MyProxies))
)]
#[get("/me/proxies")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<MyProxies>, ApiError> {
    let out = blocking::run(&state, move |app| my_proxies(app, &caller)).await?;
    Ok(web::Json(out))
}
