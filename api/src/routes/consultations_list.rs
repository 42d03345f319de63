//! GET /api/v1/communities/{id}/consultations — a community's consultations, newest first.

use crate::access::{community, principal};
use crate::blocking;
use crate::caller::Caller;
use crate::consultation_views::{is_member, view, ConsultationView};
use crate::page::{Page, PageQuery};
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_domain::roles::Role;
use diandan_store::consultations;

/// List consultations. Members see announced and later ones; the committee also sees drafts.
#[utoipa::path(
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), PageQuery),
    responses((status = 200, body = Page<ConsultationView>), (status = 403, body = crate::problem::Problem))
)]
#[get("/communities/{id}/consultations")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<PageQuery>,
) -> Result<web::Json<Page<ConsultationView>>, ApiError> {
    let id = id.into_inner();
    let q = q.into_inner();
    let (limit, offset) = (q.limit(), q.offset());
    let items = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        let manager = p.has(&[Role::Admin, Role::Committee], &comm);
        if !manager && !is_member(c, &p, &comm)? {
            return Err(ApiError::forbidden("forbidden", "only members of this community see its consultations"));
        }
        let public = ["announced", "open", "closed", "preliminary", "reviewed", "published"];
        let rows = consultations::list(c, &comm.id, if manager { None } else { Some(&public) }, limit + 1, offset)?;
        let mut out = Vec::new();
        for r in rows {
            let items = consultations::items(c, &r.id)?;
            out.push(view(r, items));
        }
        Ok(out)
    })
    .await?;
    Ok(web::Json(Page::from_overfetch(items, &q)))
}
