//! POST /api/v1/communities/{id}/roster — import a roster: CSV (UTF-8 or GBK) or an XLSX workbook.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::Code;
use crate::state::AppState;
use crate::upload;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest};
use diandan_app::roster::import::{admit_import, import_roster, ImportQuery, ImportResult};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ACCEPTED: &[&str] =
    &["text/csv", "application/csv", "text/plain", "application/octet-stream", "application/vnd.ms-excel", XLSX];

/// Import a roster: CSV text or an XLSX workbook (known by its content; `sheet` picks one,
/// the first by default). Columns (header row, Chinese or English): 楼栋/building, 单元/unit,
/// 房号/room, 楼层/floor, the area (m², two decimals) and 业主编号/owner_key, and optionally
/// 业主姓名/owner_name, 电话/phone, 开发商持有/developer (是/否). The area is 面积/area, or in
/// the SPC's order 登记面积/registered_area, else 实测面积/surveyed_area, else
/// 合同面积/contract_area, row by row; the source is kept with the dwelling. Idempotent by
/// (building, unit, room). Any bad row rejects the whole file (422 `roster_invalid`, one
/// entry per row: `line N: column`, or `sheet!row: column` in a workbook) and nothing is stored.
#[utoipa::path(
    operation_id = "importRoster",
    tag = "communities",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), ImportQuery),
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ), description = "the roster file"),
    responses(
        (status = 200, body = ImportResult),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 413, body = crate::problem::Problem),
        (status = 415, body = crate::problem::Problem),
        (status = 422, description = "roster_invalid, roster_missing_columns, roster_encoding, roster_empty, roster_unreadable, roster_no_sheet", body = crate::problem::Problem),
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
        return Err(ApiError::new(
            Code::UnsupportedMediaType,
            format!("send the roster as Content-Type: text/csv or {XLSX}"),
        ));
    }
    let id = id.into_inner();
    // Permission before a byte of the body is read: a refused caller is answered at once and
    // the connection closed, so it cannot make the server buffer a file.
    let (check, cid) = (caller.clone(), id.clone());
    let q = q.into_inner();
    let encoding = blocking::run(&state, move |app| {
        admit_import(app, &check, &cid, q.encoding.as_deref(), content_type.as_deref())
    })
    .await?;
    let body = upload::read(&state, &req, payload).await?;
    let sheet = q.sheet;
    let result =
        blocking::run(&state, move |app| import_roster(app, &caller, &id, &body, encoding, sheet.as_deref())).await?;
    Ok(web::Json(result))
}
