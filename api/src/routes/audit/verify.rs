//! GET /api/v1/audit/verify — recompute the audit hash chain (same check as `diandan verify-audit`).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::audit::{verify_audit, AuditVerification};

/// Verify the whole audit chain (platform admin).
#[utoipa::path(
    operation_id = "verifyAudit",
    tag = "audit",
    security(("bearer" = [])),
    responses((status = 200, body = AuditVerification), (status = 403, body = crate::problem::Problem))
)]
#[get("/audit/verify")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<AuditVerification>, ApiError> {
    let result = blocking::run(&state, move |app| verify_audit(app, &caller)).await?;
    Ok(web::Json(result))
}
