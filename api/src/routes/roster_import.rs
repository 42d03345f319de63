//! POST /api/v1/communities/{id}/roster — import a roster CSV (UTF-8 or GBK).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::Code;
use crate::state::AppState;
use crate::upload;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest};
use diandan_app::principal::{community, principal};
use diandan_domain::roles::Role;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportQuery {
    /// auto (default: UTF-8, else GBK), utf-8 or gbk. A `charset` on Content-Type also works.
    pub encoding: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub buildings_created: u64,
    pub units_created: u64,
}

const ACCEPTED: &[&str] =
    &["text/csv", "application/csv", "text/plain", "application/octet-stream", "application/vnd.ms-excel"];

/// Import a roster. Columns (header row, Chinese or English): 楼栋/building, 单元/unit,
/// 房号/room, 楼层/floor, 面积/area (m², two decimals), 业主编号/owner_key, and optionally
/// 业主姓名/owner_name, 电话/phone, 开发商持有/developer (是/否). Idempotent by
/// (building, unit, room). Any bad row rejects the whole file (422 `roster_invalid`, one
/// entry per row with its line number) and nothing is stored.
#[utoipa::path(
    operation_id = "importRoster",
    tag = "communities",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "the roster file"),
    responses(
        (status = 200, body = ImportResult),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 413, body = crate::problem::Problem),
        (status = 415, body = crate::problem::Problem),
        (status = 422, description = "roster_invalid, roster_missing_columns, roster_encoding, roster_empty", body = crate::problem::Problem),
    )
)]
#[post("/roster")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<ImportQuery>,
    payload: web::Payload,
) -> Result<web::Json<ImportResult>, ApiError> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let mime = content_type.as_deref().map(|ct| ct.split(';').next().unwrap_or("").trim().to_lowercase());
    if !mime.as_deref().is_some_and(|m| ACCEPTED.contains(&m)) {
        return Err(ApiError::new(Code::UnsupportedMediaType, "send the roster as Content-Type: text/csv"));
    }
    let encoding = diandan_app::roster::file::encoding_from(q.encoding.as_deref(), content_type.as_deref())?;
    let id = id.into_inner();
    // Permission before a byte of the body is read: a refused caller is answered at once and
    // the connection closed, so it cannot make the server buffer a file.
    let check = caller.clone();
    let cid = id.clone();
    blocking::read(&state, move |c| {
        let p = principal(c, &check)?;
        let comm = community(c, &cid)?;
        p.require(&[Role::Admin], &comm)
    })
    .await?;
    let body = upload::read(&state, &req, payload).await?;
    let file = body.clone();
    let rows = web::block(move || diandan_app::roster::file::parse(&file, encoding)).await??;
    let summary = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        p.require(&[Role::Admin], &comm)?;
        diandan_app::roster::file::apply(c, &comm.id, Some(p.id()), &body, &rows, &mut |_| {})
    })
    .await?;
    Ok(web::Json(ImportResult {
        rows: summary.rows,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        buildings_created: summary.buildings_created,
        units_created: summary.units_created,
    }))
}
