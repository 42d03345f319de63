//! GET /api/v1/audit — read the audit log.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::audit::{list_audit, AuditEntry, AuditQuery};

/// Audit entries, newest first.
#[utoipa::path(
    operation_id = "listAuditEntries",
    tag = "audit",
    security(("bearer" = [])),
    params(AuditQuery),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = crate::problem::Problem))
)]
#[get("/audit")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<AuditQuery>,
) -> Result<web::Json<Vec<AuditEntry>>, ApiError> {
    let q = q.into_inner();
    let entries = blocking::run(&state, move |app| list_audit(app, &caller, &q)).await?;
    Ok(web::Json(entries))
}
