//! PATCH /api/v1/consultations/{id} — edit a draft's title, description, periods and window.
//! Only the fields sent change; the merged draft is checked by the rules of a new one.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::routes::consultations_create::{validate, ConsultationFields};
use crate::state::AppState;
use actix_web::{patch, web};
use chrono::{DateTime, Utc};
use diandan_app::consultations::views::{load, require_manager, view, ConsultationView};
use diandan_app::principal::principal;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::{audit, consultations};
use serde::{Deserialize, Deserializer};
use serde_json::json;
use utoipa::ToSchema;

/// The fields to change. An absent field keeps its value; `opens_at` or `closes_at` sent as
/// `null` clears the window (a draft may not have one yet).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Announcement period before voting opens, days (0–60).
    #[serde(default, deserialize_with = "diandan_app::whole_number::opt_int")]
    pub announce_days: Option<i32>,
    /// Objection period after the preliminary result, days (0–30).
    #[serde(default, deserialize_with = "diandan_app::whole_number::opt_int")]
    pub objection_days: Option<i32>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub opens_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub closes_at: Option<Option<DateTime<Utc>>>,
}

/// Tells a field sent as `null` (Some(None)) from one not sent (None, by `default`).
fn sent<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

impl ConsultationPatch {
    fn merged(self, row: &diandan_store::consultations::ConsultationRow) -> ConsultationFields {
        ConsultationFields {
            title: self.title.unwrap_or_else(|| row.title.clone()),
            description: self.description.unwrap_or_else(|| row.description.clone()),
            announce_days: Some(self.announce_days.unwrap_or(row.announce_days)),
            objection_days: Some(self.objection_days.unwrap_or(row.objection_days)),
            opens_at: self.opens_at.unwrap_or(row.opens_at.map(time::from_db)),
            closes_at: self.closes_at.unwrap_or(row.closes_at.map(time::from_db)),
        }
    }
}

/// Replace a draft's fields (all of them: omitted optional fields are cleared or defaulted).
#[utoipa::path(
    operation_id = "updateConsultation",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = ConsultationPatch,
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
    body: web::Json<ConsultationPatch>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let patch = body.into_inner();
    let id = id.into_inner();
    let max_voting_days = state.app.max_voting_days;
    let out = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let (mut row, comm) = load(c, &id)?;
        require_manager(&p, &comm)?;
        let f = patch.merged(&row);
        validate(&f, max_voting_days)?;
        row.title = f.title.trim().to_string();
        row.description = f.description;
        row.announce_days = f.announce_days.unwrap_or(15);
        row.objection_days = f.objection_days.unwrap_or(7);
        row.opens_at = f.opens_at.map(time::to_db);
        row.closes_at = f.closes_at.map(time::to_db);
        row.updated_at = time::to_db(clock::now());
        if !consultations::update_draft(c, &row)? {
            return Err(Error::new(Code::NotDraft, "only a draft can be edited; the announced agenda is fixed"));
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
