//! GET /api/v1/consultations/{id}/objections — the committee sees all, an owner their own.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::routes::objections_create::ObjectionView;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::views::{load, require_reader};
use diandan_app::principal::principal;
use diandan_domain::roles::Role;
use diandan_store::objections;

/// List objections.
#[utoipa::path(
    operation_id = "listObjections",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = Vec<ObjectionView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/objections")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<ObjectionView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        require_reader(c, &p, &cons, &comm)?;
        let mine = (!p.has(&[Role::Admin, Role::Committee], &comm)).then(|| p.id().to_owned());
        Ok(objections::list(c, &cons.id, mine.as_deref())?.into_iter().map(ObjectionView::from).collect())
    })
    .await?;
    Ok(web::Json(out))
}
