//! GET /api/v1/me — who am I, my roles per community, my dwellings.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::principal;
use diandan_app::views::{BindingView, GrantView};
use diandan_store::{bindings, roles};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    /// resident | staff
    pub kind: String,
    pub display_name: String,
    pub username: Option<String>,
    /// Your own verified phone, unmasked.
    pub phone: Option<String>,
    pub roles: Vec<GrantView>,
    pub bindings: Vec<BindingView>,
}

/// The caller's account, active role grants and dwelling bindings.
#[utoipa::path(
    operation_id = "getMe",
    tag = "identity",
    security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = crate::problem::Problem))
)]
#[get("/me")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Me>, ApiError> {
    let me = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let grants = roles::list_for_user(c, p.id())?;
        let bound = bindings::list_for_user(c, p.id())?;
        Ok(Me {
            id: p.user.id,
            kind: p.user.kind,
            display_name: p.user.display_name,
            username: p.user.username,
            phone: p.user.phone,
            roles: grants.into_iter().map(GrantView::from).collect(),
            bindings: bound.into_iter().map(BindingView::own).collect(),
        })
    })
    .await?;
    Ok(web::Json(me))
}
