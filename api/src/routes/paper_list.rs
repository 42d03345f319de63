//! GET /api/v1/consultations/{id}/paper-ballots — paper ballots waiting for confirmation.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::views::{load, require_manager};
use diandan_app::principal::principal;
use diandan_domain::time;
use diandan_store::ballots;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct PendingPaper {
    pub version_id: String,
    pub owner_key: String,
    pub sheet_ref: Option<String>,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    pub entered_by: Option<String>,
    /// As entered, to compare with the scanned sheet.
    pub choices: serde_json::Value,
}

/// Pending paper ballots, oldest first (for the second member's check).
#[utoipa::path(
    operation_id = "listPaperBallots",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = Vec<PendingPaper>), (status = 403, body = crate::problem::Problem))
)]
#[get("/paper-ballots")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<PendingPaper>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        require_manager(&p, &comm)?;
        Ok(ballots::pending_paper(c, &cons.id)?
            .into_iter()
            .map(|(v, owner_key)| PendingPaper {
                version_id: v.id,
                owner_key,
                sheet_ref: v.sheet_ref,
                signed_at: time::from_db(v.signed_at),
                entered_by: v.entered_by,
                choices: serde_json::from_str(&v.choices).unwrap_or(serde_json::Value::Null),
            })
            .collect())
    })
    .await?;
    Ok(web::Json(out))
}
