//! GET /api/v1/rating-periods/{id}/results — scores per community and per company, the
//! district's ranking (red and black lists), complaint figures beside them.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::ratings::results::{read_results, ResultsView};

/// Results. Admins of the district always; once the period has closed, any signed-in user (the
/// lists are public); while it runs, the committee sees its communities and property staff
/// their company.
#[utoipa::path(
    operation_id = "getRatingResults",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating period id")),
    responses((status = 200, body = ResultsView), (status = 403, description = "results_not_public", body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/results")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<ResultsView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| read_results(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
