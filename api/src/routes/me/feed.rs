//! GET /api/v1/me/feed — what needs the resident now: the mini-program's first screen.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::feed::{my_feed, Feed};

/// The caller's home feed: votes to cast, orders to confirm, ratings to give, unread notices,
/// pending claims and the latest receipts, most urgent first.
#[utoipa::path(
    operation_id = "getMyFeed",
    tag = "identity",
    security(("bearer" = [])),
    responses((status = 200, body = Feed), (status = 401, body = crate::problem::Problem))
)]
#[get("/me/feed")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Feed>, ApiError> {
    let feed = blocking::run(&state, move |app| my_feed(app, &caller)).await?;
    Ok(web::Json(feed))
}
