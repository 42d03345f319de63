//! GET /api/v1/communities/{id}/consultations — a community's consultations, newest first.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::list::list_consultations;
use diandan_app::consultations::views::ConsultationView;
use diandan_app::page::{Page, PageQuery};

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
    let page = blocking::run(&state, move |app| list_consultations(app, &caller, &id, &q)).await?;
    Ok(web::Json(page))
}
