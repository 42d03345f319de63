//! POST /api/v1/rating-periods/{id}/close — end a rating period now.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::principal::principal;
use diandan_app::ratings::views::{load_period, require_open, PeriodView};
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::{audit, ratings};
use serde_json::json;

/// Close an open period before its planned end (admin of its district). Results become public.
#[utoipa::path(
    operation_id = "closeRatingPeriod",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating period id")),
    responses((status = 200, body = PeriodView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, description = "rating_closed | rating_not_open", body = crate::problem::Problem))
)]
#[post("/close")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<PeriodView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let period = load_period(c, &id)?;
        p.require_admin_of(&period.district_id)?;
        require_open(&period)?;
        let now = time::to_db(clock::now());
        ratings::close_period(c, &period.id, now)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating_period.close",
                object_type: "rating_period",
                object_id: &period.id,
                community_id: None,
                detail: json!({ "planned_close": time::canonical(time::from_db(period.closes_at)) }),
            },
        )?;
        Ok(PeriodView::from(load_period(c, &period.id)?))
    })
    .await?;
    Ok(web::Json(out))
}
