//! GET /api/v1/rating-periods — rating periods, newest first.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::principal;
use diandan_app::ratings::views::PeriodView;
use diandan_domain::ids;
use diandan_store::ratings;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeriodsQuery {
    /// Only this district's periods.
    pub district_id: Option<String>,
}

/// List rating periods (any signed-in user: residents need to know when they can rate).
#[utoipa::path(
    operation_id = "listRatingPeriods",
    tag = "ratings",
    security(("bearer" = [])),
    params(PeriodsQuery),
    responses((status = 200, body = Vec<PeriodView>), (status = 422, body = crate::problem::Problem))
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PeriodsQuery>,
) -> Result<web::Json<Vec<PeriodView>>, ApiError> {
    let district = q.into_inner().district_id;
    if district.as_deref().is_some_and(|d| !ids::is_uuid(d)) {
        return Err(ApiError::invalid("district_id", "must be a district id"));
    }
    let out = blocking::read(&state, move |c| {
        principal(c, &caller)?;
        let only = district.map(|d| vec![d]);
        Ok(ratings::periods(c, only.as_deref())?.into_iter().map(PeriodView::from).collect())
    })
    .await?;
    Ok(web::Json(out))
}
