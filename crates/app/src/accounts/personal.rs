//! A resident's own data (PIPL): consent to the privacy policy (recorded with its version and
//! time, asked again when the version changes), an export of everything held about them, and
//! the erasure of their identity.

use crate::principal::principal;
use crate::views::BindingView;
use crate::{Actor, Code, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::time;
use diandan_store::personal::{self, Erased};
use diandan_store::{audit, bindings, clock, messages};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct PrivacyStatus {
    /// The policy in force (`DIANDAN_PRIVACY_VERSION`).
    pub current_version: String,
    pub accepted_version: Option<String>,
    pub accepted_at: Option<DateTime<Utc>>,
    /// The person has not accepted the policy in force: show it and ask.
    pub needs_consent: bool,
}

impl PrivacyStatus {
    pub fn of(user: &diandan_store::users::UserRow, current: &str) -> PrivacyStatus {
        PrivacyStatus {
            current_version: current.to_owned(),
            accepted_version: user.privacy_version.clone(),
            accepted_at: user.privacy_accepted_at.map(time::from_db),
            needs_consent: user.privacy_version.as_deref() != Some(current),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The version of the policy the person was shown and accepted: the one in force.
    pub version: String,
}

/// Records the caller's consent to the policy in force.
pub fn consent(ctx: &Context, actor: &Actor, c: &Consent) -> Result<PrivacyStatus, Error> {
    ctx.db.write(|conn| {
        let p = principal(conn, actor)?;
        if c.version != ctx.privacy_version {
            return Err(Error::invalid("version", format!("is not the policy in force ({})", ctx.privacy_version)));
        }
        let now = time::to_db(clock::now());
        personal::set_privacy(conn, p.id(), &c.version, now)?;
        audit::append(
            conn,
            audit::Event {
                actor_id: Some(p.id()),
                action: "user.privacy_consent",
                object_type: "user",
                object_id: p.id(),
                community_id: None,
                district_id: None,
                detail: json!({ "version": c.version }),
            },
        )?;
        let mut user = p.user;
        user.privacy_version = Some(c.version.clone());
        user.privacy_accepted_at = Some(now);
        Ok(PrivacyStatus::of(&user, &ctx.privacy_version))
    })
}

/// Everything held about the caller, as one JSON document.
pub fn export(ctx: &Context, actor: &Actor) -> Result<Value, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let u = &p.user;
        let t = |v: chrono::NaiveDateTime| time::canonical(time::from_db(v));
        let bound: Vec<Value> = bindings::list_for_user(c, p.id())?
            .into_iter()
            .map(|b| serde_json::to_value(BindingView::own(b)).unwrap_or(Value::Null))
            .collect();
        let ballots: Vec<Value> = personal::ballots_cast(c, p.id())?
            .into_iter()
            .map(|(title, receipt, channel, choices, signed)| {
                json!({ "consultation": title, "receipt": receipt, "channel": channel,
                        "choices": serde_json::from_str::<Value>(&choices).unwrap_or(Value::String(choices)), "signed_at": t(signed) })
            })
            .collect();
        let complaints: Vec<Value> = personal::complaints_of(c, p.id())?
            .into_iter()
            .map(|(id, category, description, status, at)| json!({ "id": id, "category": category, "description": description, "status": status, "created_at": t(at) }))
            .collect();
        let ratings: Vec<Value> = personal::ratings_of(c, p.id())?
            .into_iter()
            .map(|(period, s, comment, at)| json!({ "period_id": period, "security": s[0], "cleaning": s[1], "greening": s[2], "repairs": s[3], "fees": s[4], "attitude": s[5], "comment": comment, "updated_at": t(at) }))
            .collect();
        let objections: Vec<Value> = personal::objections_of(c, p.id())?
            .into_iter()
            .map(|(cons, text, answer, at)| json!({ "consultation_id": cons, "text": text, "answer": answer, "filed_at": t(at) }))
            .collect();
        // 怎么改: objections to designs, seats and opinions as a representative, ratings of the works.
        let design_objections: Vec<Value> = personal::design_objections_of(c, p.id())?
            .into_iter()
            .map(|(design, measure, text, answer, at)| json!({ "design_id": design, "measure_id": measure, "text": text, "answer": answer, "filed_at": t(at) }))
            .collect();
        let seats: Vec<Value> = personal::representative_seats_of(c, p.id())?
            .into_iter()
            .map(|(community, seat, dwelling, at, revoked)| json!({ "community_id": community, "seat": seat, "dwelling_id": dwelling, "appointed_at": t(at), "revoked_at": revoked.map(t) }))
            .collect();
        let opinions: Vec<Value> = personal::review_opinions_of(c, p.id())?
            .into_iter()
            .map(|(review, measure, opinion, comment, at)| json!({ "review_id": review, "measure_id": measure, "opinion": opinion, "comment": comment, "given_at": t(at) }))
            .collect();
        let works_ratings: Vec<Value> = personal::acceptance_ratings_of(c, p.id())?
            .into_iter()
            .map(|(project, measure, level, comment, at)| json!({ "project_id": project, "measure_id": measure, "level": level, "comment": comment, "rated_at": t(at) }))
            .collect();
        // 委托投票: authorisations given for the person's owners (or entered by them), and those
        // naming their verified phone as the proxy.
        let mut proxies: Vec<Value> = Vec::new();
        let held = match (&u.phone, u.phone_verified_at) {
            (Some(phone), Some(_)) => diandan_store::proxies::naming_phone(c, phone)?,
            _ => Vec::new(),
        };
        for (role, rows) in [("owner", diandan_store::proxies::given_by(c, p.id())?), ("proxy", held)] {
            for (r, b, un, room, _) in rows {
                proxies.push(json!({
                    "as": role, "id": r.id, "consultation_id": r.consultation_id, "dwelling": format!("{b} {un} {room}"),
                    "proxy_name": r.proxy_name, "proxy_phone": r.proxy_phone, "kind": r.kind.as_str(),
                    "paper_ref": r.paper_ref, "status": r.status.as_str(), "entered_at": t(r.entered_at),
                }));
            }
        }
        let now = clock::now();
        let photos: Vec<Value> = diandan_store::uploads::by_user(c, p.id())?
            .into_iter()
            .map(|r| serde_json::to_value(crate::uploads::views::view(&ctx.photos, r, now)).unwrap_or(Value::Null))
            .collect();
        let reads: Vec<Value> =
            personal::reads_of(c, p.id())?.into_iter().map(|(n, at)| json!({ "notice_id": n, "read_at": t(at) })).collect();
        let grants: Vec<Value> = messages::grants_of(c, p.id())?
            .into_iter()
            .map(|g| json!({ "kind": g.kind, "remaining": g.remaining, "stopped": g.stopped_at.is_some() }))
            .collect();
        let sent: Vec<Value> = messages::of_user(c, p.id())?
            .into_iter()
            .map(|m| json!({ "kind": m.kind, "state": m.state, "values": serde_json::from_str::<Value>(&m.fields).unwrap_or(Value::Null), "queued_at": t(m.created_at), "sent_at": m.sent_at.map(t) }))
            .collect();
        let sessions: Vec<Value> = personal::sessions_of(c, p.id())?
            .into_iter()
            .map(|(created, expires, revoked)| json!({ "signed_in_at": t(created), "expires_at": t(expires), "revoked_at": revoked.map(t) }))
            .collect();
        let acts: Vec<Value> = personal::acts_of(c, p.id())?
            .into_iter()
            .map(|(action, ty, id, at)| json!({ "action": action, "object_type": ty, "object_id": id, "at": t(at) }))
            .collect();
        Ok(json!({
            "exported_at": time::canonical(clock::now()),
            "account": {
                "id": u.id, "kind": u.kind, "display_name": u.display_name, "username": u.username,
                "wechat_openid": u.openid, "phone": u.phone, "phone_verified_at": u.phone_verified_at.map(t),
                "created_at": t(u.created_at),
                "privacy": PrivacyStatus::of(u, &ctx.privacy_version),
            },
            "bindings": bound,
            "ballots": ballots,
            "complaints": complaints,
            "ratings": ratings,
            "objections": objections,
            "design_objections": design_objections,
            "representative_seats": seats,
            "review_opinions": opinions,
            "acceptance_ratings": works_ratings,
            "proxies": proxies,
            "photos": photos,
            "notices_read": reads,
            "message_subscriptions": grants,
            "messages": sent,
            "sessions": sessions,
            "audit": acts,
        }))
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Erasure {
    pub erased_at: DateTime<Utc>,
    /// Claims to dwellings withdrawn.
    pub bindings_withdrawn: usize,
    /// Ballot versions that no longer name who cast them (they stay counted).
    pub ballots_unlinked: usize,
    pub sessions_revoked: usize,
}

/// Erases the caller's identity (residents only: staff accounts are disabled by an admin).
pub fn erase(ctx: &Context, actor: &Actor) -> Result<Erasure, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if p.user.kind != "resident" {
            return Err(Error::new(Code::Forbidden, "staff accounts are closed by an administrator"));
        }
        let now = clock::now();
        let Erased { bindings_withdrawn, ballots_unlinked, sessions_revoked } =
            personal::erase(c, p.id(), time::to_db(now))?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "user.erase",
                object_type: "user",
                object_id: p.id(),
                community_id: None,
                district_id: None,
                detail: json!({ "bindings_withdrawn": bindings_withdrawn, "ballots_unlinked": ballots_unlinked }),
            },
        )?;
        Ok(Erasure { erased_at: now, bindings_withdrawn, ballots_unlinked, sessions_revoked })
    })
}
