//! POST /api/v1/bindings — a resident claims a dwelling as owner or occupant.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::bindings::claim::{claim_dwelling, NewBinding};
use diandan_app::views::BindingView;

/// Claim a dwelling. An owner claim whose WeChat-verified phone equals the roster's
/// registered phone is approved at once; every other claim waits for the committee. Only
/// residents' (WeChat) accounts claim dwellings: a staff account that could would let an
/// admin or committee member approve their own claim and vote.
#[utoipa::path(
    operation_id = "claimDwelling",
    tag = "bindings",
    security(("bearer" = [])),
    request_body = NewBinding,
    responses(
        (status = 201, body = BindingView),
        (status = 403, description = "not_a_resident_account", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "binding_exists", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/bindings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewBinding>,
) -> Result<HttpResponse, ApiError> {
    let new = body.into_inner();
    let view: BindingView = blocking::run(&state, move |app| claim_dwelling(app, &caller, &new)).await?;
    Ok(HttpResponse::Created().json(view))
}
