//! POST /api/v1/bindings — a resident claims a dwelling as owner or occupant.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::principal::principal;
use diandan_app::views::BindingView;
use diandan_domain::limits;
use diandan_domain::roles::{auto_approves, BindingStatus, Relation};
use diandan_domain::{ids, time};
use diandan_store::bindings::{self, BindingRow};
use diandan_store::clock;
use diandan_store::{audit, roster};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewBinding {
    pub dwelling_id: String,
    /// owner | occupant
    pub relation: String,
    /// A note for the committee (e.g. "co-owner with my wife"), at most 200 characters.
    pub note: Option<String>,
}

/// Claim a dwelling. An owner claim whose WeChat-verified phone equals the roster's
/// registered phone is approved at once; every other claim waits for the committee. Only
/// residents' (WeChat) accounts claim dwellings: a staff account that could would let an
/// admin or committee member approve their own claim and vote.
#[utoipa::path(
    operation_id = "claimDwelling",
    tag = "bindings",
    security(("bearer" = [])),
    request_body = NewBinding,
    responses(
        (status = 201, body = BindingView),
        (status = 403, description = "not_a_resident_account", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "binding_exists", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/bindings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewBinding>,
) -> Result<HttpResponse, ApiError> {
    if caller.kind != diandan_store::users::RESIDENT {
        return Err(ApiError::new(
            Code::NotAResidentAccount,
            "dwellings are claimed from the mini-program with a resident's WeChat account, not with a staff account",
        ));
    }
    let b = body.into_inner();
    let relation =
        Relation::parse(&b.relation).ok_or_else(|| Error::invalid("relation", "must be owner or occupant"))?;
    let note = limits::BINDING_NOTE.check_optional(b.note.as_deref()).map_err(|m| Error::invalid("note", m))?;
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        if !ids::is_uuid(&b.dwelling_id) {
            return Err(Error::not_found("dwelling"));
        }
        let d = roster::dwelling(c, &b.dwelling_id)?.ok_or_else(|| Error::not_found("dwelling"))?;
        if !bindings::active_for(c, p.id(), &d.id)?.is_empty() {
            return Err(Error::new(
                Code::BindingExists,
                "you already have a pending or approved claim on this dwelling",
            ));
        }
        let phone_ok = p.user.phone_verified_at.is_some();
        let auto = auto_approves(relation, p.user.phone.as_deref().filter(|_| phone_ok), d.registered_phone.as_deref());
        let now = time::to_db(clock::now());
        let row = BindingRow {
            id: clock::new_id(),
            user_id: p.id().to_owned(),
            dwelling_id: d.id.clone(),
            community_id: d.community_id.clone(),
            relation: relation.as_str().into(),
            status: if auto { BindingStatus::Approved } else { BindingStatus::Pending }.as_str().into(),
            auto_approved: auto,
            note,
            decided_by: None,
            decided_at: auto.then_some(now),
            reason: None,
            created_at: now,
        };
        bindings::insert(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: if auto { "binding.auto_approve" } else { "binding.claim" },
                object_type: "binding",
                object_id: &row.id,
                community_id: Some(&row.community_id),
                detail: json!({ "dwelling_id": row.dwelling_id, "relation": row.relation }),
            },
        )?;
        let view = bindings::view(c, &row.id)?.ok_or_else(|| Error::internal("binding vanished after insert"))?;
        Ok(BindingView::own(view))
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}
