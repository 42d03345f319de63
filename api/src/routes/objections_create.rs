//! POST /api/v1/consultations/{id}/objections — an owner objects to the preliminary result.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::ballots::owner::owner_key;
use diandan_app::consultations::views::{load, state as state_of};
use diandan_app::principal::principal;
use diandan_domain::consultation::State;
use diandan_domain::limits;
use diandan_domain::time;
use diandan_store::audit;
use diandan_store::clock;
use diandan_store::objections::{self, ObjectionRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewObjection {
    /// 1–1000 characters.
    pub text: String,
    /// The receipt concerned, if any ("my receipt is not in the bulletin").
    pub receipt: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectionView {
    pub id: String,
    pub text: String,
    pub receipt: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub answer: Option<String>,
    pub answered_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<ObjectionRow> for ObjectionView {
    fn from(o: ObjectionRow) -> Self {
        ObjectionView {
            id: o.id,
            text: o.text,
            receipt: o.receipt,
            created_at: time::from_db(o.created_at),
            answer: o.answer,
            answered_at: o.answered_at.map(time::from_db),
        }
    }
}

/// File an objection during the objection period (owners on the roll only).
#[utoipa::path(
    operation_id = "fileObjection",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = NewObjection,
    responses(
        (status = 201, body = ObjectionView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "objections_closed", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/objections")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewObjection>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let text = limits::OBJECTION.check(&b.text).map_err(|m| Error::invalid("text", m))?;
    let receipt = limits::RECEIPT
        .check_optional(b.receipt.as_deref())
        .map_err(|m| Error::invalid("receipt", m))?
        .map(|r| r.to_uppercase());
    let id = id.into_inner();
    let row = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        let now = clock::now();
        let open =
            state_of(&cons)? == State::Preliminary && cons.objection_deadline.is_some_and(|d| time::to_db(now) < d);
        if !open {
            return Err(Error::new(
                Code::ObjectionsClosed,
                "objections are accepted while the preliminary result is public",
            ));
        }
        owner_key(c, &p, &cons.id, &comm.id, None).or_else(|e| {
            if e.code == Code::OwnerAmbiguous {
                Ok(String::new())
            } else {
                Err(e)
            }
        })?;
        let row = ObjectionRow {
            id: clock::new_id(),
            consultation_id: cons.id.clone(),
            user_id: p.id().to_owned(),
            text,
            receipt,
            created_at: time::to_db(now),
            answer: None,
            answered_by: None,
            answered_at: None,
        };
        objections::insert(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "objection.file",
                object_type: "objection",
                object_id: &row.id,
                community_id: Some(&comm.id),
                detail: json!({ "consultation_id": cons.id, "receipt": row.receipt }),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(ObjectionView::from(row)))
}
