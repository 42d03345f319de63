//! POST /api/v1/consultations/{id}/items/{item_id}/decision — the committee's review of an item.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::consultations::decide::{decide_item, Decision};
use diandan_app::consultations::views::ItemView;

/// Approve or reject an item with a reason. An item with a legal rule that passed in no scope
/// instance cannot be approved; a passed item may still be rejected (budget, feasibility).
#[utoipa::path(
    operation_id = "decideMenuItem",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), ("item_id" = String, Path, description = "item id")),
    request_body = Decision,
    responses(
        (status = 200, body = ItemView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_state, threshold_not_met", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/items/{item_id}/decision")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    body: web::Json<Decision>,
) -> Result<web::Json<ItemView>, ApiError> {
    let d = body.into_inner();
    let (id, item_id) = path.into_inner();
    let out = blocking::run(&state, move |app| decide_item(app, &caller, &id, &item_id, d)).await?;
    Ok(web::Json(out))
}
