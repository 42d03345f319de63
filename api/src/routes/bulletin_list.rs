//! GET /api/v1/consultations/{id}/bulletin — the public receipt bulletin, in chain order.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::views::{load, require_reader};
use diandan_app::principal::principal;
use diandan_domain::time;
use diandan_store::ballots::{self, BulletinRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct BulletinQuery {
    /// Entries after this sequence number (default 0).
    pub after: Option<i64>,
    /// 1–1000, default 200.
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BulletinEntry {
    pub seq: i64,
    pub receipt: String,
    /// "3号楼2单元**2"
    pub dwelling: String,
    /// online | paper
    pub channel: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub prev_hash: String,
    /// SHA-256 over the previous hash, consultation id, seq, receipt, dwelling, channel and
    /// time (RFC 3339, six decimals), one per line.
    pub hash: String,
}

pub fn entry(b: BulletinRow) -> BulletinEntry {
    BulletinEntry {
        seq: b.seq,
        receipt: b.receipt,
        dwelling: b.dwelling_mask,
        channel: b.channel,
        at: time::from_db(b.at),
        prev_hash: b.prev_hash,
        hash: b.hash,
    }
}

/// Receipts (masked dwelling, time, channel — never choices) with their hash chain.
#[utoipa::path(
    operation_id = "listBulletin",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), BulletinQuery),
    responses((status = 200, body = Vec<BulletinEntry>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/bulletin")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<BulletinQuery>,
) -> Result<web::Json<Vec<BulletinEntry>>, ApiError> {
    let id = id.into_inner();
    let (after, limit) = (q.after.unwrap_or(0).max(0), q.limit.unwrap_or(200).clamp(1, 1000));
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        require_reader(c, &p, &cons, &comm)?;
        Ok(ballots::bulletin_page(c, &cons.id, after, limit)?.into_iter().map(entry).collect())
    })
    .await?;
    Ok(web::Json(out))
}
