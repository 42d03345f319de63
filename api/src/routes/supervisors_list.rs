//! GET /api/v1/communities/{id}/supervisors — the community's quality supervisors.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use chrono::{DateTime, Utc};
use diandan_app::principal::{community, principal};
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::complaints::{self, SupervisorRow};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct SupervisorView {
    pub id: String,
    pub user_id: String,
    pub appointed_by: String,
    pub appointed_at: DateTime<Utc>,
}

impl From<SupervisorRow> for SupervisorView {
    fn from(s: SupervisorRow) -> Self {
        SupervisorView {
            id: s.id,
            user_id: s.user_id,
            appointed_by: s.appointed_by,
            appointed_at: time::from_db(s.appointed_at),
        }
    }
}

/// Active supervisors (committee and admin).
#[utoipa::path(
    operation_id = "listSupervisors",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    responses((status = 200, body = Vec<SupervisorView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/supervisors")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<SupervisorView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        Ok(complaints::supervisors(c, &comm.id)?.into_iter().map(SupervisorView::from).collect())
    })
    .await?;
    Ok(web::Json(out))
}
