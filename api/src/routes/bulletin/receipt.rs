//! GET /api/v1/consultations/{id}/bulletin/{receipt} — is my receipt on the bulletin?

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::bulletin::{find_receipt, ReceiptCheck};

/// Find a receipt on the bulletin (404 `receipt_not_found` when it is not there).
#[utoipa::path(
    operation_id = "getBulletinReceipt",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), ("receipt" = String, Path, description = "receipt code")),
    responses((status = 200, body = ReceiptCheck), (status = 403, body = crate::problem::Problem), (status = 404, description = "not_found, receipt_not_found", body = crate::problem::Problem))
)]
#[get("/bulletin/{receipt}")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<web::Json<ReceiptCheck>, ApiError> {
    let (id, receipt) = path.into_inner();
    let out = blocking::run(&state, move |app| find_receipt(app, &caller, &id, &receipt)).await?;
    Ok(web::Json(out))
}
