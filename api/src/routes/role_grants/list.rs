//! GET /api/v1/role-grants — who holds which role in a community or district.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::accounts::grants::{list_grants, GrantQuery};
use diandan_app::views::GrantView;

/// List role grants of one community or district.
#[utoipa::path(
    operation_id = "listRoleGrants",
    tag = "identity",
    security(("bearer" = [])),
    params(GrantQuery),
    responses((status = 200, body = Vec<GrantView>), (status = 403, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[get("/role-grants")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<GrantQuery>,
) -> Result<web::Json<Vec<GrantView>>, ApiError> {
    let q = q.into_inner();
    let grants = blocking::run(&state, move |app| list_grants(app, &caller, &q)).await?;
    Ok(web::Json(grants))
}
