//! POST /api/v1/notices/{id}/withdraw — the committee takes a notice off the board.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::notices::edit::{withdraw_notice, Withdrawal};
use diandan_app::notices::views::NoticeView;

/// Withdraw a notice with a reason (a consultation's notices stay: they are its record).
#[utoipa::path(
    operation_id = "withdrawNotice",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "notice id")),
    request_body = Withdrawal,
    responses(
        (status = 200, body = NoticeView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_state", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/withdraw")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<Withdrawal>,
) -> Result<web::Json<NoticeView>, ApiError> {
    let (id, w) = (id.into_inner(), body.into_inner());
    let n = blocking::run(&state, move |app| withdraw_notice(app, &caller, &id, w)).await?;
    Ok(web::Json(n))
}
