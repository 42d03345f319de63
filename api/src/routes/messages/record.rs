//! POST /api/v1/me/message-grants — what the resident answered `wx.requestSubscribeMessage`.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::messages::grants::{record_subscriptions, MessageGrant, SubscribeResults};

/// Record the subscribe dialog's answers: each `accept` allows one message of its kind.
#[utoipa::path(
    operation_id = "recordMessageGrants",
    tag = "messages",
    security(("bearer" = [])),
    request_body = SubscribeResults,
    responses(
        (status = 200, body = Vec<MessageGrant>),
        (status = 401, body = crate::problem::Problem),
        (status = 403, body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/me/message-grants")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<SubscribeResults>,
) -> Result<web::Json<Vec<MessageGrant>>, ApiError> {
    let b = body.into_inner();
    let g = blocking::run(&state, move |app| record_subscriptions(app, &caller, b)).await?;
    Ok(web::Json(g))
}
