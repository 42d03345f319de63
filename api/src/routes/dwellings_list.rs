//! GET /api/v1/communities/{id}/dwellings — the roster, filtered and paginated.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::page::{Page, PageQuery};
use diandan_app::principal::{community, principal};
use diandan_app::views::DwellingView;
use diandan_domain::roles::Role;
use diandan_store::roster::{self, DwellingFilter};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct DwellingQuery {
    pub building_id: Option<String>,
    pub unit_id: Option<String>,
    pub room: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// List dwellings. The committee and admins also see owner key, owner name, masked phone and
/// developer holding; everyone else sees building, unit, room, floor and area only.
#[utoipa::path(
    operation_id = "listDwellings",
    tag = "communities",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), DwellingQuery),
    responses((status = 200, body = Page<DwellingView>), (status = 404, body = crate::problem::Problem))
)]
#[get("/dwellings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<DwellingQuery>,
) -> Result<web::Json<Page<DwellingView>>, ApiError> {
    let id = id.into_inner();
    let q = q.into_inner();
    let page = PageQuery { limit: q.limit, offset: q.offset };
    let (limit, offset) = (page.limit(), page.offset());
    let items = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        let with_owner = p.has(&[Role::Admin, Role::Committee], &comm);
        let filter = DwellingFilter { building_id: q.building_id, unit_id: q.unit_id, room: q.room };
        let rows = roster::dwellings(c, &comm.id, &filter, limit + 1, offset)?;
        Ok(rows.into_iter().map(|d| DwellingView::build(d, with_owner)).collect())
    })
    .await?;
    Ok(web::Json(Page::from_overfetch(items, &page)))
}
