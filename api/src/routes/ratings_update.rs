//! PUT /api/v1/ratings/{id} — revise a rating while its period is open.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{put, web};
use diandan_app::principal::principal;
use diandan_app::ratings::views::{load_period, require_open, set_scores, RatingView, ScoresBody};
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::{audit, bindings, ratings};
use serde_json::json;

/// Replace the scores and comment (any verified owner or occupant of the dwelling).
#[utoipa::path(
    operation_id = "updateRating",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating id")),
    request_body = ScoresBody,
    responses(
        (status = 200, body = RatingView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "rating_closed", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[put("/ratings/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ScoresBody>,
) -> Result<web::Json<RatingView>, ApiError> {
    let b = body.into_inner();
    let (scores, comment) = b.checked()?;
    let id = id.into_inner();
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let mut row = ids::is_uuid(&id)
            .then(|| ratings::get(c, &id))
            .transpose()?
            .flatten()
            .ok_or_else(|| Error::not_found("rating"))?;
        if b.dwelling_id.as_ref().is_some_and(|d| *d != row.dwelling_id) {
            return Err(Error::invalid("dwelling_id", "a rating stays with its dwelling"));
        }
        let bound =
            bindings::approved_in(c, p.id(), &row.community_id)?.iter().any(|x| x.dwelling_id == row.dwelling_id);
        if !bound {
            return Err(Error::new(Code::Forbidden, "only a verified resident of the dwelling revises its rating"));
        }
        require_open(&load_period(c, &row.period_id)?)?;
        set_scores(&mut row, &scores, comment);
        row.user_id = p.id().to_owned();
        row.revisions += 1;
        row.updated_at = time::to_db(clock::now());
        ratings::revise(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating.revise",
                object_type: "rating",
                object_id: &row.id,
                community_id: Some(&row.community_id),
                detail: json!({ "period_id": row.period_id, "revisions": row.revisions }),
            },
        )?;
        Ok(RatingView::from(row))
    })
    .await?;
    Ok(web::Json(view))
}
