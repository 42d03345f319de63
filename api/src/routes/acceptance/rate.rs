//! PUT /api/v1/projects/{id}/acceptance/ratings — a resident's satisfaction with each finished measure.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{put, web};
use diandan_app::projects::acceptance::{rate, AcceptanceRatings, AcceptanceView};

/// Rate the finished measures as a verified resident (竣工验收): satisfied, basically satisfied or dissatisfied, with a comment; one rating per dwelling and measure, given again it replaces the earlier.
#[utoipa::path(
    operation_id = "rateAcceptance",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id")),
    request_body = AcceptanceRatings,
    responses(
        (status = 200, body = AcceptanceView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_phase", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[put("/acceptance/ratings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<AcceptanceRatings>,
) -> Result<web::Json<AcceptanceView>, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| rate(app, &caller, &id, b)).await?;
    Ok(web::Json(out))
}
