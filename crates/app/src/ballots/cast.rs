//! An owner casts or revises their ballot online: one transaction — the right (an owner in the
//! electorate, voting open), then the choices, a new version with its receipt, the running tally,
//! the bulletin entry and the audit entry; replays of an `Idempotency-Key` get the first answer.
//!
//! Nothing in it is shared with ballots of other owners but the tally cells (sharded): the
//! bulletin and audit entries are inserted unsealed and linked into their chains after commit
//! by the sealer (`crate::sealing`), so the receipt is on the bulletin at once and its place in
//! the chain follows well under a second later.

use crate::ballots::input::{to_choices, validation, ItemChoiceIn};
use crate::ballots::menu::MenuCache;
use crate::ballots::owner::owner_with_roll;
use crate::ballots::voting::{allowed_items, ballot_for, new_receipt, promote};
use crate::consultations::views::load;
use crate::idempotency::{self, Key};
use crate::moderation::screen::{record, screen, Screen, Subject};
use crate::principal::principal;
use crate::proxies::authority::{authority, recheck};
use crate::{Actor, Code, Context, Error};
use diandan_auth::wechat_security::Scene;
use diandan_domain::bulletin::mask_dwelling;
use diandan_domain::consultation::State;
use diandan_domain::{ballot, time};
use diandan_store::ballots::{self, VersionRow};
use diandan_store::{audit, bulletin, chains, clock, AnyConnection};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotRequest {
    /// Needed only when you own dwellings of several owner keys in this community.
    pub dwelling_id: Option<String>,
    /// Cast for another owner under their confirmed authorisation (委托投票): its id. Leave
    /// `dwelling_id` out then; the ballot counts for the owner who authorised you.
    pub proxy_id: Option<String>,
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
}

/// Casts `request` on consultation `id`; answers the status and body to send (stored for
/// replays under `key`).
pub fn cast(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    key: Option<&Key>,
    request: &BallotRequest,
) -> Result<(i32, String), Error> {
    // The comment is screened by WeChat before the transaction (the only free text of a ballot).
    let screened = screen(ctx, &actor.user_id, Scene::Comment, &[("comment", request.comment.as_deref())])?;
    idempotency::write_retrying(&ctx.db, |c| cast_in(c, &ctx.menus, actor, id, key, request, &screened))
}

/// The ballot transaction on an open write transaction.
pub fn cast_in(
    c: &mut AnyConnection,
    menus: &MenuCache,
    actor: &Actor,
    id: &str,
    key: Option<&Key>,
    request: &BallotRequest,
    screened: &Screen,
) -> Result<(i32, String), Error> {
    let p = principal(c, actor)?;
    if let Some(stored) = idempotency::replay_or_reserve(c, p.id(), key)? {
        return Ok(stored);
    }
    // Held until commit: closing waits for this ballot, and this ballot for a closing under way.
    chains::hold_voting(c, id)?;
    let (cons, comm) = load(c, id)?;
    let now = clock::now();
    let st = cons.state;
    if st != State::Open {
        let code = if matches!(st, State::Draft | State::Announced) { Code::VotingNotOpen } else { Code::VotingClosed };
        return Err(Error::new(code, format!("voting is not open (the consultation is {})", st.as_str())));
    }
    if cons.closes_at.is_some_and(|t| time::to_db(now) >= t) {
        return Err(Error::new(Code::VotingClosed, "the voting window has ended"));
    }
    let proxy = match request.proxy_id.as_deref() {
        Some(_) if request.dwelling_id.is_some() => {
            return Err(Error::invalid(
                "dwelling_id",
                "leave it out when voting as a proxy: the authorisation names the owner",
            ))
        }
        Some(pid) => Some(authority(c, &p, &cons.id, &comm.id, pid)?),
        None => None,
    };
    let (owner, roll, (bn, un, room)) = match &proxy {
        Some(row) => {
            let (roll, label) = ballots::owner_roll_labelled(c, &cons.id, &row.owner_key)?;
            (row.owner_key.clone(), roll, label)
        }
        None => owner_with_roll(c, &p, &cons.id, &comm.id, request.dwelling_id.as_deref())?,
    };
    let channel = if proxy.is_some() { "proxy" } else { "online" };
    // The caller may vote here: now their choices are looked at.
    let choices = to_choices(&request.choices, request.comment.clone())?;
    let menu = menus.get(c, &cons)?;
    let sc = &menu.scopes;
    ballot::validate(&choices, &menu.ids, &allowed_items(sc, &roll)).map_err(validation)?;
    ballot::validate_candidates(&choices, &menu.candidates).map_err(validation)?;

    let at = time::to_db(now);
    let (b, no) = ballot_for(c, &cons.id, &owner, at)?;
    if let Some(row) = &proxy {
        recheck(c, row)?;
    }
    let version = VersionRow {
        id: clock::new_id(),
        ballot_id: b.id.clone(),
        consultation_id: cons.id.clone(),
        version_no: no,
        channel: channel.into(),
        status: "counted".into(),
        choices: serde_json::to_string(&choices).map_err(Error::internal)?,
        cast_by: Some(p.id().to_owned()),
        signed_at: at,
        sheet_ref: None,
        entered_by: None,
        confirmed_by: None,
        confirmed_at: None,
        void_reason: None,
        receipt: new_receipt(),
        created_at: at,
        proxy_id: proxy.as_ref().map(|r| r.id.clone()),
    };
    ballots::insert_version(c, &version)?;
    if let Some(comment) = &choices.comment {
        let subject = Subject {
            kind: "ballot_comment",
            id: &version.id,
            community_id: Some(&comm.id),
            parent_id: Some(&cons.id),
            author_id: p.id(),
            text: comment,
        };
        record(c, screened, subject)?;
    }
    let promotion = promote(c, sc, &roll, &b, &version)?;
    let counted = promotion.counted;
    bulletin::append(c, &cons.id, &version.receipt, &mask_dwelling(&bn, &un, &room), channel)?;
    audit::append(
        c,
        audit::Event {
            actor_id: Some(p.id()),
            action: "ballot.cast",
            object_type: "ballot",
            object_id: &b.id,
            community_id: Some(&comm.id),
            district_id: None,
            detail: json!({ "consultation_id": cons.id, "version": no, "receipt": version.receipt, "channel": channel, "proxy_id": version.proxy_id, "counted": counted }),
        },
    )?;
    let receipt = BallotReceipt { receipt: version.receipt, version: no, counted, signed_at: time::from_db(at) };
    let body = serde_json::to_string(&receipt).map_err(Error::internal)?;
    idempotency::store(c, p.id(), key, 201, &body)?;
    // The tally shards are the only rows shared with other owners' ballots: locked by the last
    // statement before commit.
    promotion.apply(c)?;
    Ok((201, body))
}
