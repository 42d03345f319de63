//! POST /api/v1/objections/{id}/answer — the committee answers an objection.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::routes::objections_create::ObjectionView;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::consultations::views::{load, require_manager};
use diandan_app::principal::principal;
use diandan_domain::limits;
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::{audit, objections};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// 1–1000 characters, shown to the owner who objected.
    pub answer: String,
}

/// Answer an objection (once).
#[utoipa::path(
    operation_id = "answerObjection",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "objection id")),
    request_body = Answer,
    responses((status = 200, body = ObjectionView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, description = "already_answered", body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[post("/objections/{id}/answer")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<Answer>,
) -> Result<web::Json<ObjectionView>, ApiError> {
    let text = limits::OBJECTION.check(&body.into_inner().answer).map_err(|m| Error::invalid("answer", m))?;
    let id = id.into_inner();
    let out = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        if !ids::is_uuid(&id) {
            return Err(Error::not_found("objection"));
        }
        let o = objections::get(c, &id)?.ok_or_else(|| Error::not_found("objection"))?;
        let (_, comm) = load(c, &o.consultation_id)?;
        require_manager(&p, &comm)?;
        if !objections::answer(c, &o.id, &text, p.id(), time::to_db(clock::now()))? {
            return Err(Error::new(Code::AlreadyAnswered, "this objection has an answer"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "objection.answer",
                object_type: "objection",
                object_id: &o.id,
                community_id: Some(&comm.id),
                detail: json!({ "consultation_id": o.consultation_id }),
            },
        )?;
        Ok(ObjectionView::from(objections::get(c, &o.id)?.ok_or_else(|| Error::internal("objection vanished"))?))
    })
    .await?;
    Ok(web::Json(out))
}
