//! POST /api/v1/property-contracts/{id}/end — set the last day of a service period.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::companies::contracts::{end_contract, EndContract};
use diandan_app::companies::views::ContractView;

/// End (or shorten, or extend) a service period: admin of the community's district. From the day
/// after `ends_on`, the company's staff no longer reach the community.
#[utoipa::path(
    operation_id = "endServiceContract",
    tag = "property",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "contract id")),
    request_body = EndContract,
    responses(
        (status = 200, body = ContractView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "contract_overlap", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/property-contracts/{id}/end")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<EndContract>,
) -> Result<web::Json<ContractView>, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let view = blocking::run(&state, move |app| end_contract(app, &caller, &id, b)).await?;
    Ok(web::Json(view))
}
