//! POST /api/v1/rating-periods/{id}/replies — a company answers its result publicly.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::ratings::reply::{reply_to_ratings, NewReply};
use diandan_app::ratings::results::ReplyView;

/// Publish the company's reply to a closed period's result (its staff; once per period).
#[utoipa::path(
    operation_id = "replyToRatings",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating period id")),
    request_body = NewReply,
    responses(
        (status = 201, body = ReplyView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "rating_open | already_replied | not_rated", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/replies")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewReply>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let view = blocking::run(&state, move |app| reply_to_ratings(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(view))
}
