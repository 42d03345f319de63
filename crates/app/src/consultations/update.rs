//! The committee edits a draft's title, description, periods and window: the manager's right,
//! then the merged draft checked by the rules of a new one, the row and its audit entry.

use crate::consultations::create::{validate, ConsultationFields};
use crate::consultations::views::{load, require_manager, view, ConsultationView};
use crate::principal::principal;
use crate::{Actor, Code, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::time;
use diandan_store::consultations::{self, ConsultationRow};
use diandan_store::{audit, clock};
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
    #[serde(default, deserialize_with = "crate::whole_number::opt_int")]
    pub announce_days: Option<i32>,
    /// Objection period after the preliminary result, days (0–30).
    #[serde(default, deserialize_with = "crate::whole_number::opt_int")]
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
    fn merged(self, row: &ConsultationRow) -> ConsultationFields {
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

/// Applies `patch` to draft `id`; answers the draft as it now stands.
pub fn update_consultation(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    patch: ConsultationPatch,
) -> Result<ConsultationView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (mut row, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        let f = patch.merged(&row);
        validate(&f, ctx.max_voting_days)?;
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
                district_id: None,
                detail: json!({ "title": row.title }),
            },
        )?;
        let items = consultations::items(c, &row.id)?;
        Ok(view(row, items))
    })
}
