//! DELETE /api/v1/consultations/{id}/items/{item_id} — remove an item from a draft.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use diandan_app::consultations::views::{load, require_manager, state as state_of};
use diandan_app::principal::principal;
use diandan_store::{audit, consultations};
use serde_json::json;

/// Remove a draft's item.
#[utoipa::path(
    operation_id = "removeMenuItem",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), ("item_id" = String, Path, description = "item id")),
    responses((status = 204, description = "removed"), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, description = "not_draft", body = crate::problem::Problem))
)]
#[delete("/items/{item_id}")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, item_id) = path.into_inner();
    blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        require_manager(&p, &comm)?;
        if !state_of(&cons)?.menu_editable() {
            return Err(Error::new(Code::NotDraft, "the menu is fixed once announced"));
        }
        let item = consultations::item(c, &item_id)?
            .filter(|i| i.consultation_id == cons.id)
            .ok_or_else(|| Error::not_found("item"))?;
        consultations::delete_item(c, &item.id)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "consultation.item_remove",
                object_type: "consultation",
                object_id: &cons.id,
                community_id: Some(&comm.id),
                detail: json!({ "item_id": item.id, "code": item.code }),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
