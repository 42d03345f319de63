//! POST /api/v1/rating-periods/{id}/ratings — a resident rates the property manager.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::ratings::rating::rate_property;
use diandan_app::ratings::views::{RatingView, ScoresBody};

/// Rate once per dwelling per period (verified owner or occupant); revise with
/// `PUT /ratings/{id}` until the period closes. The company rated is the one serving the
/// dwelling's community today.
#[utoipa::path(
    operation_id = "rateProperty",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating period id")),
    request_body = ScoresBody,
    responses(
        (status = 201, body = RatingView),
        (status = 403, description = "not_a_resident", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "already_rated | rating_closed | rating_not_open | no_property_company", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, content_rejected", body = crate::problem::Problem),
    )
)]
#[post("/ratings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ScoresBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let view = blocking::run(&state, move |app| rate_property(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(view))
}
