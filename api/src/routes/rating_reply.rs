//! POST /api/v1/rating-periods/{id}/replies — a company answers its result publicly.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::routes::rating_results::ReplyView;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::principal::principal;
use diandan_app::ratings::views::{load_period, period_state};
use diandan_domain::limits;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::ratings::{self, ReplyRow};
use diandan_store::{audit, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReply {
    /// Needed only by staff of several companies.
    pub company_id: Option<String>,
    /// 1–2000 characters.
    pub text: String,
}

/// Publish the company's reply to a closed period's result (its staff; once per period).
#[utoipa::path(
    operation_id = "replyToRatings",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating period id")),
    request_body = NewReply,
    responses(
        (status = 201, body = ReplyView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "rating_open | already_replied | not_rated", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/replies")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewReply>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let text = limits::REPLY.check(&b.text).map_err(|m| Error::invalid("text", m))?;
    let id = id.into_inner();
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let period = load_period(c, &id)?;
        let mine: Vec<String> = p.grants.companies().into_iter().map(str::to_owned).collect();
        let company = match (&b.company_id, mine.as_slice()) {
            (Some(co), _) if mine.contains(co) => co.clone(),
            (None, [one]) => one.clone(),
            (None, [_, _, ..]) => return Err(Error::invalid("company_id", "you work for several companies; name one")),
            _ => return Err(Error::new(Code::Forbidden, "only a company's staff reply for it")),
        };
        if period_state(&period, clock::now()) != "closed" {
            return Err(Error::new(Code::RatingOpen, "a reply is published once the period has closed"));
        }
        if !ratings::sums(c, &period.id)?.iter().any(|(_, co, _)| *co == company) {
            return Err(Error::new(Code::NotRated, "the company received no rating in this period"));
        }
        let row = ReplyRow {
            id: clock::new_id(),
            period_id: period.id.clone(),
            company_id: company,
            text,
            user_id: p.id().to_owned(),
            created_at: time::to_db(clock::now()),
        };
        ratings::insert_reply(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::AlreadyReplied, "the company has replied to this period"),
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating.reply",
                object_type: "rating_reply",
                object_id: &row.id,
                community_id: None,
                detail: json!({ "period_id": row.period_id, "company_id": row.company_id }),
            },
        )?;
        Ok(ReplyView { text: row.text, created_at: time::from_db(row.created_at) })
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}
