//! POST /api/v1/consultations/{id}/ballot — an owner casts or revises their ballot online.

use crate::access::principal;
use crate::ballot_input::{to_choices, validation, ItemChoiceIn};
use crate::caller::Caller;
use crate::consultation_views::{load, state as state_of};
use crate::idempotent;
use crate::owner::owner_key;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::voting::{allowed_items, ballot_for, new_receipt, promote, scopes};
use actix_web::{post, web, HttpRequest, HttpResponse};
use diandan_domain::bulletin::mask_dwelling;
use diandan_domain::consultation::State;
use diandan_domain::{ballot, time};
use diandan_store::ballots::{self, VersionRow};
use diandan_store::clock;
use diandan_store::{audit, consultations};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotRequest {
    /// Needed only when you own dwellings of several owner keys in this community.
    pub dwelling_id: Option<String>,
    /// Per item id: your choice, optional priority rank and co-pay willingness. Items left
    /// out get no choice (you do not participate in them).
    pub choices: BTreeMap<String, ItemChoiceIn>,
    /// At most 200 characters; shown to designers without your name.
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BallotReceipt {
    /// Keep it: find it on the public bulletin to check your ballot is counted.
    pub receipt: String,
    pub version: i32,
    /// Whether this version is the one that counts (a later-signed paper ballot would win).
    pub counted: bool,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    /// Position and hash of the receipt on the bulletin chain.
    pub bulletin_seq: i64,
    pub bulletin_hash: String,
}

/// Cast or revise your ballot. Every version is kept and gets a receipt; the latest counts.
/// Send an `Idempotency-Key` header to make retries safe: a repeat returns the first answer.
#[utoipa::path(
    operation_id = "castBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), ("Idempotency-Key" = Option<String>, Header, description = "makes retries safe")),
    request_body = BallotRequest,
    responses(
        (status = 201, body = BallotReceipt),
        (status = 403, description = "not_an_owner, binding_not_verified, not_a_resident, not_in_electorate", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "voting_not_open, voting_closed", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, owner_ambiguous, idempotency_key_reused", body = crate::problem::Problem),
    )
)]
#[post("/ballot")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<BallotRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    let key = idempotent::from_request(&req, &request)?;
    let choices = to_choices(&request.choices, request.comment.clone())?;
    let id = id.into_inner();
    let (status, body) =
        idempotent::write_retrying(&state, move |c| cast(c, &caller, &id, key.as_ref(), choices.clone(), &request))
            .await?;
    Ok(idempotent::respond(status, body))
}

/// The whole ballot transaction, callable without HTTP (the benchmark measures its rate as the
/// database ceiling).
pub fn cast(
    c: &mut diandan_store::AnyConnection,
    caller: &crate::caller::Caller,
    id: &str,
    key: Option<&idempotent::Key>,
    choices: ballot::Choices,
    request: &BallotRequest,
) -> Result<(i32, String), ApiError> {
    let p = principal(c, caller)?;
    if let Some(stored) = idempotent::replay_or_reserve(c, p.id(), key)? {
        return Ok(stored);
    }
    let (cons, comm) = load(c, id)?;
    let now = clock::now();
    let st = state_of(&cons)?;
    if st != State::Open {
        let code = if matches!(st, State::Draft | State::Announced) { "voting_not_open" } else { "voting_closed" };
        return Err(ApiError::conflict(code, format!("voting is not open (the consultation is {})", st.as_str())));
    }
    if cons.closes_at.is_some_and(|t| time::to_db(now) >= t) {
        return Err(ApiError::conflict("voting_closed", "the voting window has ended"));
    }
    let owner = owner_key(c, &p, &cons.id, &comm.id, request.dwelling_id.as_deref())?;
    let roll = ballots::owner_roll(c, &cons.id, &owner)?;
    let items = consultations::items(c, &cons.id)?;
    let sc = scopes(&items);
    let menu: HashSet<String> = items.iter().map(|i| i.id.clone()).collect();
    ballot::validate(&choices, &menu, &allowed_items(&sc, &roll)).map_err(validation)?;

    let at = time::to_db(now);
    let (b, no) = ballot_for(c, &cons.id, &owner, at)?;
    let version = VersionRow {
        id: clock::new_id(),
        ballot_id: b.id.clone(),
        consultation_id: cons.id.clone(),
        version_no: no,
        channel: "online".into(),
        status: "counted".into(),
        choices: serde_json::to_string(&choices).map_err(ApiError::internal)?,
        cast_by: Some(p.id().to_owned()),
        signed_at: at,
        sheet_ref: None,
        entered_by: None,
        confirmed_by: None,
        confirmed_at: None,
        void_reason: None,
        receipt: new_receipt(),
        created_at: at,
    };
    ballots::insert_version(c, &version)?;
    let (bn, un, room) = ballots::first_dwelling_label(c, &cons.id, &owner)?;
    // From here on the transaction touches shared rows (tally shards, the bulletin head, the
    // audit head): keep it short.
    let counted = promote(c, &sc, &roll, &b, &version)?;
    let entry = ballots::append_bulletin(c, &cons.id, &version.receipt, &mask_dwelling(&bn, &un, &room), "online")?;
    audit::append(
        c,
        audit::Event {
            actor_id: Some(p.id()),
            action: "ballot.cast",
            object_type: "ballot",
            object_id: &b.id,
            community_id: Some(&comm.id),
            detail: json!({ "consultation_id": cons.id, "version": no, "receipt": version.receipt, "channel": "online", "counted": counted }),
        },
    )?;
    let receipt = BallotReceipt {
        receipt: version.receipt,
        version: no,
        counted,
        signed_at: time::from_db(at),
        bulletin_seq: entry.seq,
        bulletin_hash: entry.hash,
    };
    let body = serde_json::to_string(&receipt).map_err(ApiError::internal)?;
    idempotent::store(c, p.id(), key, 201, &body)?;
    Ok((201, body))
}
