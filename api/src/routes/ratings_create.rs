//! POST /api/v1/rating-periods/{id}/ratings — a resident rates the property manager.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::principal::principal;
use diandan_app::ratings::views::{load_period, require_open, set_scores, RatingView, ScoresBody};
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::ratings::{self, RatingRow};
use diandan_store::{audit, bindings, companies, StoreError};
use serde_json::json;

/// Rate once per dwelling per period (verified owner or occupant); revise with
/// `PUT /ratings/{id}` until the period closes. The company rated is the one serving the
/// dwelling's community today.
#[utoipa::path(
    operation_id = "rateProperty",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating period id")),
    request_body = ScoresBody,
    responses(
        (status = 201, body = RatingView),
        (status = 403, description = "not_a_resident", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "already_rated | rating_closed | rating_not_open | no_property_company", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/ratings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ScoresBody>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let (scores, comment) = b.checked()?;
    let id = id.into_inner();
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let period = load_period(c, &id)?;
        require_open(&period)?;
        let mine = bindings::approved_in_district(c, p.id(), &period.district_id)?;
        if mine.is_empty() {
            return Err(Error::new(
                Code::NotAResident,
                "only verified owners and occupants of the district's communities rate",
            ));
        }
        let binding = match &b.dwelling_id {
            Some(d) => mine
                .iter()
                .find(|m| &m.dwelling_id == d)
                .ok_or_else(|| Error::invalid("dwelling_id", "is not a dwelling you are verified for"))?,
            None if mine.iter().all(|m| m.dwelling_id == mine[0].dwelling_id) => &mine[0],
            None => return Err(Error::invalid("dwelling_id", "you are verified for several dwellings; name one")),
        };
        if let Some(existing) = ratings::of_dwelling(c, &period.id, &binding.dwelling_id)? {
            return Err(Error::new(
                Code::AlreadyRated,
                format!("this dwelling has rated in this period; revise rating {}", existing.id),
            ));
        }
        let now = clock::now();
        let contract = companies::serving(c, &binding.community_id, &time::china_day(now))?
            .ok_or_else(|| Error::new(Code::NoPropertyCompany, "no property company serves this community today"))?;
        let mut row = RatingRow {
            id: clock::new_id(),
            period_id: period.id.clone(),
            dwelling_id: binding.dwelling_id.clone(),
            community_id: binding.community_id.clone(),
            company_id: contract.company_id,
            user_id: p.id().to_owned(),
            security: 0,
            cleaning: 0,
            greening: 0,
            repairs: 0,
            fees: 0,
            attitude: 0,
            comment: None,
            revisions: 0,
            created_at: time::to_db(now),
            updated_at: time::to_db(now),
        };
        set_scores(&mut row, &scores, comment);
        ratings::insert(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::AlreadyRated, "this dwelling has rated in this period"),
            other => other.into(),
        })?;
        // Scores stay out of the audit log: it records that a dwelling rated, not what it said.
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating.create",
                object_type: "rating",
                object_id: &row.id,
                community_id: Some(&row.community_id),
                detail: json!({ "period_id": row.period_id, "company_id": row.company_id }),
            },
        )?;
        Ok(RatingView::from(row))
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}
