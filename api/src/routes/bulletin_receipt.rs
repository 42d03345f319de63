//! GET /api/v1/consultations/{id}/bulletin/{receipt} — is my receipt on the bulletin?

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::routes::bulletin_list::{entry, BulletinEntry};
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::views::{load, require_reader};
use diandan_app::principal::principal;
use diandan_store::ballots;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ReceiptCheck {
    pub entry: BulletinEntry,
    /// The current chain head and, once closed, the head fixed at closing; the entry is
    /// covered by the closing head when its seq is at most `closing_entries`.
    pub bulletin_head: String,
    pub closing_head: Option<String>,
    pub entries: i64,
}

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
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        require_reader(c, &p, &cons, &comm)?;
        let found = ballots::bulletin_entry(c, &cons.id, &receipt.trim().to_uppercase())?
            .ok_or_else(|| Error::new(Code::ReceiptNotFound, "this receipt is not on the bulletin"))?;
        Ok(ReceiptCheck {
            entry: entry(found),
            bulletin_head: cons.bulletin_head,
            closing_head: cons.closing_head,
            entries: cons.bulletin_seq,
        })
    })
    .await?;
    Ok(web::Json(out))
}
