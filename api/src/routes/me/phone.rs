//! POST /api/v1/me/phone — bind a WeChat-verified phone number to the account.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::accounts::me::{bind_phone, PhoneBound, PhoneRequest};

/// Verify the phone number with WeChat and store it on the account.
#[utoipa::path(
    operation_id = "bindPhone",
    tag = "identity",
    security(("bearer" = [])),
    request_body = PhoneRequest,
    responses(
        (status = 200, body = PhoneBound),
        (status = 401, body = crate::problem::Problem),
        (status = 422, description = "validation_failed, phone_not_mainland", body = crate::problem::Problem),
        (status = 503, description = "wechat_busy, wechat_unreachable, wechat_error, wechat_not_configured, database_unavailable, overloaded", body = crate::problem::Problem),
    )
)]
#[post("/me/phone")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<PhoneRequest>,
) -> Result<web::Json<PhoneBound>, ApiError> {
    let request = body.into_inner();
    let wechat = state.wechat.clone();
    let bound = blocking::run(&state, move |app| bind_phone(app, &caller, &wechat, &request)).await?;
    Ok(web::Json(bound))
}
