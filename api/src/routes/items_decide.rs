//! POST /api/v1/consultations/{id}/items/{item_id}/decision — the committee's review of an item.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::consultations::tally::item_tallies;
use diandan_app::consultations::views::{load, require_manager, state as state_of, ItemView};
use diandan_app::principal::principal;
use diandan_domain::consultation::State;
use diandan_domain::limits;
use diandan_domain::tally::Rule;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::{audit, consultations};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// approved | rejected
    pub decision: String,
    /// 1–500 characters, published with the result.
    pub reason: String,
}

/// Approve or reject an item with a reason. An item with a legal rule that passed in no scope
/// instance cannot be approved; a passed item may still be rejected (budget, feasibility).
#[utoipa::path(
    operation_id = "decideMenuItem",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), ("item_id" = String, Path, description = "item id")),
    request_body = Decision,
    responses(
        (status = 200, body = ItemView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_state, threshold_not_met", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/items/{item_id}/decision")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    body: web::Json<Decision>,
) -> Result<web::Json<ItemView>, ApiError> {
    let Decision { decision, reason } = body.into_inner();
    if decision != "approved" && decision != "rejected" {
        return Err(ApiError::invalid("decision", "must be approved or rejected"));
    }
    let reason = limits::DECISION_REASON.check(&reason).map_err(|m| Error::invalid("reason", m))?;
    let (id, item_id) = path.into_inner();
    let out = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        require_manager(&p, &comm)?;
        if state_of(&cons)? != State::Preliminary {
            return Err(Error::new(Code::WrongState, "items are decided while the preliminary result is public"));
        }
        let item = consultations::item(c, &item_id)?
            .filter(|i| i.consultation_id == cons.id)
            .ok_or_else(|| Error::not_found("item"))?;
        let legal = Rule::parse(&item.rule).is_some_and(|r| r.is_legal());
        if decision == "approved" && legal {
            let t = item_tallies(c, &cons, std::slice::from_ref(&item))?;
            if t.first().is_none_or(|x| x.passed_instances == 0) {
                return Err(Error::new(
                    Code::ThresholdNotMet,
                    "this item did not reach its legal threshold and cannot be approved",
                ));
            }
        }
        consultations::decide_item(c, &item.id, &decision, &reason, p.id(), time::to_db(clock::now()))?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "consultation.item_decide",
                object_type: "consultation",
                object_id: &cons.id,
                community_id: Some(&comm.id),
                detail: json!({ "item_id": item.id, "decision": decision, "reason": reason }),
            },
        )?;
        Ok(ItemView::from(consultations::item(c, &item.id)?.ok_or_else(|| Error::internal("item vanished"))?))
    })
    .await?;
    Ok(web::Json(out))
}
