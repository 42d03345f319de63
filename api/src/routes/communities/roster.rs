//! POST /api/v1/communities/{id}/roster — import a roster CSV (UTF-8 or GBK).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::Code;
use crate::state::AppState;
use crate::upload;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest};
use diandan_app::roster::import::{admit_import, import_roster, ImportQuery, ImportResult};

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
    let id = id.into_inner();
    // Permission before a byte of the body is read: a refused caller is answered at once and
    // the connection closed, so it cannot make the server buffer a file.
    let (check, cid) = (caller.clone(), id.clone());
    let encoding = blocking::run(&state, move |app| {
        admit_import(app, &check, &cid, q.encoding.as_deref(), content_type.as_deref())
    })
    .await?;
    let body = upload::read(&state, &req, payload).await?;
    let result = blocking::run(&state, move |app| import_roster(app, &caller, &id, &body, encoding)).await?;
    Ok(web::Json(result))
}
