//! GET /api/v1/users — staff accounts, for admins choosing whom to appoint.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::routes::users_create::StaffView;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::page::{Page, PageQuery};
use diandan_app::principal::principal;
use diandan_store::users;

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
    let (limit, offset) = (q.limit(), q.offset());
    let rows = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        if !p.grants.is_any_admin() {
            return Err(Error::new(Code::Forbidden, "only administrators list staff accounts"));
        }
        Ok(users::list_staff(c, limit + 1, offset)?)
    })
    .await?;
    Ok(web::Json(Page::from_overfetch(rows.into_iter().map(StaffView::from).collect(), &q)))
}
