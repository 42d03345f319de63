//! GET /api/v1/communities/{id}/bindings — claims for the committee to review.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::Error;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::page::{Page, PageQuery};
use diandan_app::principal::{community, principal};
use diandan_app::views::BindingView;
use diandan_domain::roles::{BindingStatus, Role};
use diandan_store::bindings;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct BindingQuery {
    /// pending | approved | rejected | withdrawn (default: all)
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// List a community's bindings (claimant name and masked phone included).
#[utoipa::path(
    operation_id = "listBindings",
    tag = "bindings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), BindingQuery),
    responses((status = 200, body = Page<BindingView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/bindings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<BindingQuery>,
) -> Result<web::Json<Page<BindingView>>, ApiError> {
    let id = id.into_inner();
    let q = q.into_inner();
    if let Some(s) = &q.status {
        BindingStatus::parse(s)
            .ok_or_else(|| Error::invalid("status", "must be pending, approved, rejected or withdrawn"))?;
    }
    let page = PageQuery { limit: q.limit, offset: q.offset };
    let (limit, offset) = (page.limit(), page.offset());
    let items = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        let rows = bindings::list_for_community(c, &comm.id, q.status.as_deref(), limit + 1, offset)?;
        Ok(rows.into_iter().map(BindingView::for_committee).collect())
    })
    .await?;
    Ok(web::Json(Page::from_overfetch(items, &page)))
}
