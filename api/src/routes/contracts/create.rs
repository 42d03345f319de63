//! POST /api/v1/communities/{id}/property-contracts — assign a company to a community for a
//! service period.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::companies::contracts::{create_contract, NewContract};
use diandan_app::companies::views::ContractView;

/// Assign a company (admin of the community's district). One company at a time: periods of a
/// community may not overlap.
#[utoipa::path(
    operation_id = "createServiceContract",
    tag = "property",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = NewContract,
    responses(
        (status = 201, body = ContractView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "contract_overlap", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/property-contracts")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewContract>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let view = blocking::run(&state, move |app| create_contract(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(view))
}
