//! POST /api/v1/districts — the platform admin creates a district (街道 / 区).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::places::districts::{create_district, NewDistrict};
use diandan_app::views::DistrictView;

/// Create a district.
#[utoipa::path(
    operation_id = "createDistrict",
    tag = "communities",
    security(("bearer" = [])),
    request_body = NewDistrict,
    responses(
        (status = 201, body = DistrictView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "district_exists", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/districts")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewDistrict>,
) -> Result<HttpResponse, ApiError> {
    let new = body.into_inner();
    let view: DistrictView = blocking::run(&state, move |app| create_district(app, &caller, &new)).await?;
    Ok(HttpResponse::Created().json(view))
}
