//! GET /api/v1/users — staff accounts, for admins choosing whom to appoint.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::accounts::users::{list_staff, StaffView};
use diandan_app::page::{Page, PageQuery};

/// List staff accounts.
#[utoipa::path(
    operation_id = "listUsers",
    tag = "identity",
    security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = Page<StaffView>), (status = 403, body = crate::problem::Problem))
)]
#[get("/users")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageQuery>,
) -> Result<web::Json<Page<StaffView>>, ApiError> {
    let q = q.into_inner();
    let page = blocking::run(&state, move |app| list_staff(app, &caller, &q)).await?;
    Ok(web::Json(page))
}
