//! GET /api/v1/consultations/{id}/voters — who has voted (never how), and who has not yet,
//! with room, name and phone for the committee's door-to-door visits (入户).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::ballots::voters::{list_voters, Voter, VotersQuery};

/// Owners on the frozen roll and whether they have voted (committee and admins only).
#[utoipa::path(
    operation_id = "listVoters",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), VotersQuery),
    responses((status = 200, body = Vec<Voter>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/voters")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<VotersQuery>,
) -> Result<web::Json<Vec<Voter>>, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let out = blocking::run(&state, move |app| list_voters(app, &caller, &id, &q)).await?;
    Ok(web::Json(out))
}
