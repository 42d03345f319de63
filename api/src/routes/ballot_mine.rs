//! GET /api/v1/consultations/{id}/ballot — the caller's own ballot, every version.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::ballots::owner::owner_key;
use diandan_app::consultations::views::load;
use diandan_app::principal::principal;
use diandan_domain::time;
use diandan_store::ballots;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct MineQuery {
    /// Needed only when you own dwellings of several owner keys.
    pub dwelling_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionView {
    pub version: i32,
    /// online | paper
    pub channel: String,
    /// counted | superseded | pending_confirmation | voided
    pub status: String,
    pub receipt: String,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    /// The account that cast it online (a co-owner may have), absent for paper.
    pub cast_by: Option<String>,
    /// The choices as stored.
    pub choices: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyBallot {
    pub owner_key: String,
    pub versions: Vec<VersionView>,
}

/// Your ballot (shared by all verified owners of the same owner key) with its history.
#[utoipa::path(
    operation_id = "getMyBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), MineQuery),
    responses((status = 200, body = MyBallot), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/ballot")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<MineQuery>,
) -> Result<web::Json<MyBallot>, ApiError> {
    let id = id.into_inner();
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        let owner = owner_key(c, &p, &cons.id, &comm.id, q.dwelling_id.as_deref())?;
        let versions = match ballots::ballot(c, &cons.id, &owner)? {
            Some(b) => ballots::versions(c, &b.id)?,
            None => Vec::new(),
        };
        Ok(MyBallot {
            owner_key: owner,
            versions: versions
                .into_iter()
                .map(|v| VersionView {
                    version: v.version_no,
                    channel: v.channel,
                    status: v.status,
                    receipt: v.receipt,
                    signed_at: time::from_db(v.signed_at),
                    cast_by: v.cast_by,
                    choices: serde_json::from_str(&v.choices).unwrap_or(serde_json::Value::Null),
                })
                .collect(),
        })
    })
    .await?;
    Ok(web::Json(out))
}
