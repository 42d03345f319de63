//! POST /api/v1/rating-periods — an admin opens a rating period for a district.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diandan_app::principal::principal;
use diandan_app::ratings::views::PeriodView;
use diandan_domain::limits;
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::ratings::{self, PeriodRow};
use diandan_store::{audit, communities, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPeriod {
    pub district_id: String,
    /// e.g. "2026年第四季度"; unique in the district.
    pub name: String,
    /// Default: now.
    pub opens_at: Option<DateTime<Utc>>,
    /// After opens_at, at most a year later (periods are usually quarterly).
    pub closes_at: DateTime<Utc>,
}

/// Open a rating period: every community of the district with a property company may be rated.
#[utoipa::path(
    operation_id = "openRatingPeriod",
    tag = "ratings",
    security(("bearer" = [])),
    request_body = NewPeriod,
    responses(
        (status = 201, body = PeriodView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "period_exists", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewPeriod>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let name = limits::NAME.check(&b.name).map_err(|m| Error::invalid("name", m))?;
    let now = clock::now();
    let opens_at = time::from_db(time::to_db(b.opens_at.unwrap_or(now)));
    let closes_at = time::from_db(time::to_db(b.closes_at));
    if closes_at <= opens_at || closes_at <= now {
        return Err(ApiError::invalid("closes_at", "must be after opens_at and in the future"));
    }
    if closes_at - opens_at > chrono::Duration::days(366) {
        return Err(ApiError::invalid("closes_at", "a period lasts at most a year"));
    }
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        if !ids::is_uuid(&b.district_id) || communities::district(c, &b.district_id)?.is_none() {
            return Err(Error::not_found("district"));
        }
        p.require_admin_of(&b.district_id)?;
        let row = PeriodRow {
            id: clock::new_id(),
            district_id: b.district_id,
            name,
            opens_at: time::to_db(opens_at),
            closes_at: time::to_db(closes_at),
            created_by: p.id().to_owned(),
            created_at: time::to_db(now),
        };
        ratings::insert_period(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::PeriodExists, "the district has a rating period of this name"),
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating_period.open",
                object_type: "rating_period",
                object_id: &row.id,
                community_id: None,
                detail: json!({ "district_id": row.district_id, "name": row.name, "opens_at": time::canonical(opens_at), "closes_at": time::canonical(closes_at) }),
            },
        )?;
        Ok(PeriodView::from(row))
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}
