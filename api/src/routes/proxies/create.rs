//! POST /api/v1/consultations/{id}/proxies — an owner authorises someone to vote for them (with
//! photos of the signed form), or a committee member enters a paper authorisation.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::proxies::authorise::{authorise, NewProxy};
use diandan_app::proxies::views::ProxyView;

/// Authorise a proxy for this consultation (pending until a committee member confirms it).
#[utoipa::path(
    operation_id = "authoriseProxy",
    tag = "proxies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = NewProxy,
    responses(
        (status = 201, body = ProxyView),
        (status = 403, description = "not_an_owner, binding_not_verified, not_a_resident, not_in_electorate", body = crate::problem::Problem),
        (status = 409, description = "proxies_closed, proxy_exists, proxy_limit_reached", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, owner_ambiguous", body = crate::problem::Problem),
    )
)]
#[post("/proxies")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewProxy>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let out = blocking::run(&state, move |app| authorise(app, &caller, &id, &b)).await?;
    Ok(HttpResponse::Created().json(out))
}
