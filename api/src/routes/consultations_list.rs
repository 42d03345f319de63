//! GET /api/v1/communities/{id}/consultations — a community's consultations, newest first.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::views::{is_member, view, ConsultationView};
use diandan_app::page::{Page, PageQuery};
use diandan_app::principal::{community, principal};
use diandan_domain::roles::Role;
use diandan_store::consultations::{self, ItemRow};
use std::collections::HashMap;

/// List consultations. Members see announced and later ones; the committee also sees drafts.
#[utoipa::path(
    operation_id = "listConsultations",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), PageQuery),
    responses((status = 200, body = Page<ConsultationView>), (status = 403, body = crate::problem::Problem))
)]
#[get("/consultations")]
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
            return Err(Error::new(Code::Forbidden, "only members of this community see its consultations"));
        }
        let public = ["announced", "open", "closed", "preliminary", "reviewed", "published"];
        let rows = consultations::list(c, &comm.id, if manager { None } else { Some(&public) }, limit + 1, offset)?;
        // One query for all the page's menus, not one per consultation.
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let mut items: HashMap<String, Vec<ItemRow>> = HashMap::new();
        for i in consultations::items_of(c, &ids)? {
            items.entry(i.consultation_id.clone()).or_default().push(i);
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let menu = items.remove(&r.id).unwrap_or_default();
                view(r, menu)
            })
            .collect())
    })
    .await?;
    Ok(web::Json(Page::from_overfetch(items, &q)))
}
