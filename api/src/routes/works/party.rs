//! PUT /api/v1/projects/{id}/parties/{party} — name a party of the works (建设单位, 施工单位, 监理单位).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{put, web};
use diandan_app::projects::works::{name_party, PartyInput, PartyView};

/// Name a party of the works — builder (建设单位), contractor (施工单位) or supervisor (监理单位) — with the account of its contact (committee and admin); naming it again replaces it.
#[utoipa::path(
    operation_id = "nameProjectParty",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id"), ("party" = String, Path, description = "builder | contractor | supervisor")),
    request_body = PartyInput,
    responses(
        (status = 200, body = PartyView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[put("/parties/{party}")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    body: web::Json<PartyInput>,
) -> Result<web::Json<PartyView>, ApiError> {
    let (id, sub) = path.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| name_party(app, &caller, &id, &sub, b)).await?;
    Ok(web::Json(out))
}
