//! GET /api/v1/audit/verify — recompute the audit hash chain (same check as `diandan verify-audit`).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::principal;
use diandan_store::audit;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditVerification {
    pub ok: bool,
    /// Entries verified (up to the first broken one).
    pub entries: i64,
    /// The chain head when intact.
    pub head: Option<String>,
    /// The first broken entry and why, when not intact.
    pub broken: Option<String>,
}

/// Verify the whole audit chain (platform admin).
#[utoipa::path(
    operation_id = "verifyAudit",
    tag = "audit",
    security(("bearer" = [])),
    responses((status = 200, body = AuditVerification), (status = 403, body = crate::problem::Problem))
)]
#[get("/audit/verify")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<AuditVerification>, ApiError> {
    let result = blocking::read(&state, move |c| {
        principal(c, &caller)?.require_global_admin()?;
        Ok(audit::verify(c)?)
    })
    .await?;
    Ok(web::Json(match result {
        Ok(v) => AuditVerification { ok: true, entries: v.entries, head: Some(v.head), broken: None },
        Err(f) => AuditVerification { ok: false, entries: 0, head: None, broken: Some(f.to_string()) },
    }))
}
