//! GET /api/v1/audit — read the audit log.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::{community, principal};
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::audit;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    /// Entries about this community (its admins and committee may read them). Omitted: the
    /// whole log, platform admin only.
    pub community_id: Option<String>,
    /// Entries before this sequence number (for paging backwards).
    pub before: Option<i64>,
    /// 1–500, default 100.
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_id: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub community_id: Option<String>,
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

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
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let rows = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let scope = match &q.community_id {
            Some(cid) => {
                let comm = community(c, cid)?;
                p.require(&[Role::Admin, Role::Committee], &comm)?;
                Some(comm.id)
            }
            None => {
                p.require_global_admin()?;
                None
            }
        };
        Ok(audit::list(c, scope.as_deref(), q.before, limit)?)
    })
    .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|r| AuditEntry {
                seq: r.seq,
                at: time::from_db(r.at),
                actor_id: r.actor_id,
                action: r.action,
                object_type: r.object_type,
                object_id: r.object_id,
                community_id: r.community_id,
                detail: serde_json::from_str(&r.detail).unwrap_or(serde_json::Value::String(r.detail)),
                prev_hash: r.prev_hash,
                hash: r.hash,
            })
            .collect(),
    ))
}
