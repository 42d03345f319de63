//! PATCH /api/v1/consultations/{id} — edit a draft's title, description, periods and window.

use crate::access::principal;
use crate::blocking;
use crate::caller::Caller;
use crate::consultation_views::{load, require_manager, view, ConsultationView};
use crate::problem::ApiError;
use crate::routes::consultations_create::{validate, ConsultationFields};
use crate::state::AppState;
use actix_web::{patch, web};
use diandan_domain::time;
use diandan_store::{audit, consultations};
use serde_json::json;

/// Replace a draft's fields (all of them: omitted optional fields are cleared or defaulted).
#[utoipa::path(
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = ConsultationFields,
    responses(
        (status = 200, body = ConsultationView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "not_draft", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[patch("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ConsultationFields>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let f = body.into_inner();
    validate(&f)?;
    let id = id.into_inner();
    let out = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let (mut row, comm) = load(c, &id)?;
        require_manager(&p, &comm)?;
        row.title = f.title.trim().to_string();
        row.description = f.description;
        row.announce_days = f.announce_days.unwrap_or(15);
        row.objection_days = f.objection_days.unwrap_or(7);
        row.opens_at = f.opens_at.map(time::to_db);
        row.closes_at = f.closes_at.map(time::to_db);
        row.updated_at = time::to_db(time::now());
        if !consultations::update_draft(c, &row)? {
            return Err(ApiError::conflict("not_draft", "only a draft can be edited; the announced agenda is fixed"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "consultation.edit",
                object_type: "consultation",
                object_id: &row.id,
                community_id: Some(&comm.id),
                detail: json!({ "title": row.title }),
            },
        )?;
        let items = consultations::items(c, &row.id)?;
        Ok(view(row, items))
    })
    .await?;
    Ok(web::Json(out))
}
