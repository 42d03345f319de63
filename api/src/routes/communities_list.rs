//! GET /api/v1/communities — communities the caller works in, or (residents) all of them to
//! find their own.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::page::{Page, PageQuery};
use diandan_app::principal::principal;
use diandan_app::views::CommunityView;
use diandan_store::communities::{self, Visible};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct CommunityQuery {
    pub district_id: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// List communities. Admins see their districts'; committee, designers and property staff
/// see those they hold a role in; residents (no role) see all, to find theirs.
#[utoipa::path(
    operation_id = "listCommunities",
    tag = "communities",
    security(("bearer" = [])),
    params(CommunityQuery),
    responses((status = 200, body = Page<CommunityView>), (status = 401, body = crate::problem::Problem))
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CommunityQuery>,
) -> Result<web::Json<Page<CommunityView>>, ApiError> {
    let q = q.into_inner();
    let page = PageQuery { limit: q.limit, offset: q.offset };
    let (limit, offset) = (page.limit(), page.offset());
    let rows = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let has_roles = !p.grants.0.is_empty();
        let visible = Visible {
            all: !has_roles || p.grants.is_global_admin(),
            districts: p.grants.admin_districts().into_iter().flatten().map(str::to_owned).collect(),
            communities: p.grants.communities().into_iter().map(str::to_owned).collect(),
        };
        Ok(communities::list(c, &visible, q.district_id.as_deref(), limit + 1, offset)?)
    })
    .await?;
    Ok(web::Json(Page::from_overfetch(rows.into_iter().map(CommunityView::from).collect(), &page)))
}
