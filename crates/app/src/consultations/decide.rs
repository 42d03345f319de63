//! The committee's review of an item while the preliminary result is public: the manager's
//! right, then the decision and its reason, the threshold of a legal rule, the decision and its
//! audit entry in one transaction.

use crate::consultations::tally::item_tallies;
use crate::consultations::views::{load, require_manager, ItemView};
use crate::principal::principal;
use crate::{Actor, Code, Context, Error};
use diandan_domain::consultation::State;
use diandan_domain::limits;
use diandan_domain::time;
use diandan_store::{audit, clock, consultations};
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

/// Records `d` on item `item_id` of consultation `id`; answers the item as decided.
pub fn decide_item(ctx: &Context, actor: &Actor, id: &str, item_id: &str, d: Decision) -> Result<ItemView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        // The caller may decide here: now the decision is looked at.
        let Decision { decision, reason } = d;
        if decision != "approved" && decision != "rejected" {
            return Err(Error::invalid("decision", "must be approved or rejected"));
        }
        let reason = limits::DECISION_REASON.check(&reason).map_err(|m| Error::invalid("reason", m))?;
        if cons.state != State::Preliminary {
            return Err(Error::new(Code::WrongState, "items are decided while the preliminary result is public"));
        }
        let item = consultations::item(c, item_id)?
            .filter(|i| i.consultation_id == cons.id)
            .ok_or_else(|| Error::not_found("item"))?;
        let legal = item.rule.is_legal();
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
                district_id: None,
                detail: json!({ "item_id": item.id, "decision": decision, "reason": reason }),
            },
        )?;
        Ok(ItemView::from(consultations::item(c, &item.id)?.ok_or_else(|| Error::internal("item vanished"))?))
    })
}
