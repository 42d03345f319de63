//! POST /api/v1/bindings/{id}/withdraw — the resident withdraws their own claim or binding.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::principal::principal;
use diandan_app::views::BindingView;
use diandan_domain::roles::BindingStatus;
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::{audit, bindings};
use serde_json::json;

/// Withdraw a pending or approved binding of your own (e.g. after moving out).
#[utoipa::path(
    operation_id = "withdrawBinding",
    tag = "bindings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "binding id")),
    responses(
        (status = 200, body = BindingView),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "binding_not_active", body = crate::problem::Problem),
    )
)]
#[post("/bindings/{id}/withdraw")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<BindingView>, ApiError> {
    let id = id.into_inner();
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        if !ids::is_uuid(&id) {
            return Err(Error::not_found("binding"));
        }
        // Another user's binding is answered 404, not 403: its existence is not theirs to learn.
        let b = bindings::get(c, &id)?.filter(|b| b.user_id == p.id()).ok_or_else(|| Error::not_found("binding"))?;
        let from = BindingStatus::parse(&b.status)
            .filter(|s| s.is_active())
            .ok_or_else(|| Error::new(Code::BindingNotActive, "this binding is already closed"))?;
        if !bindings::decide(
            c,
            &id,
            from.as_str(),
            BindingStatus::Withdrawn.as_str(),
            Some(p.id()),
            time::to_db(clock::now()),
            None,
        )? {
            return Err(Error::new(Code::BindingNotActive, "this binding changed meanwhile; reload it"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "binding.withdraw",
                object_type: "binding",
                object_id: &id,
                community_id: Some(&b.community_id),
                detail: json!({ "dwelling_id": b.dwelling_id }),
            },
        )?;
        let view = bindings::view(c, &id)?.ok_or_else(|| Error::internal("binding vanished"))?;
        Ok(BindingView::own(view))
    })
    .await?;
    Ok(web::Json(view))
}
