//! The subscribe messages a resident accepted in `wx.requestSubscribeMessage`: each accept is
//! one message of that kind (a one-time grant), spent when one is sent; a refusal or a ban stops
//! the kind until they accept it again. The mini-program asks for the templates listed here.

use crate::principal::principal;
use crate::{Actor, Code, Context, Error, FieldError};
use diandan_domain::message::MessageKind;
use diandan_domain::time;
use diandan_store::{audit, clock, messages};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A template the mini-program may ask a resident to accept.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageTemplate {
    /// vote_opened | vote_closing | result_published | claim_decided | complaint_update | rating_opened
    pub kind: String,
    pub template_id: String,
}

/// What `wx.requestSubscribeMessage` answered.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscribeResults {
    /// Template id → `accept`, `reject`, `ban` or `filter`, as WeChat's success callback gives them (1–10).
    pub results: BTreeMap<String, String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageGrant {
    /// vote_opened | vote_closing | result_published | claim_decided | complaint_update | rating_opened
    pub kind: String,
    /// Messages of this kind that may still be sent.
    pub remaining: i32,
    /// The resident refused the template; nothing is sent until they accept it again.
    pub stopped: bool,
}

/// The configured templates.
pub fn list_templates(ctx: &Context) -> Vec<MessageTemplate> {
    ctx.templates
        .0
        .iter()
        .map(|(k, t)| MessageTemplate { kind: k.as_str().to_owned(), template_id: t.template_id.clone() })
        .collect()
}

fn grant_views(c: &mut diandan_store::AnyConnection, user_id: &str) -> Result<Vec<MessageGrant>, Error> {
    messages::grants_of(c, user_id)?
        .into_iter()
        .map(|g| {
            let kind = MessageKind::parse(&g.kind).ok_or_else(|| Error::internal(format!("stored kind {}", g.kind)))?;
            Ok(MessageGrant { kind: kind.as_str().to_owned(), remaining: g.remaining, stopped: g.stopped_at.is_some() })
        })
        .collect()
}

/// The caller's grants.
pub fn my_grants(ctx: &Context, actor: &Actor) -> Result<Vec<MessageGrant>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        grant_views(c, p.id())
    })
}

/// Records what the caller answered WeChat's subscribe dialog.
pub fn record_subscriptions(ctx: &Context, actor: &Actor, r: SubscribeResults) -> Result<Vec<MessageGrant>, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if p.user.kind != "resident" {
            return Err(Error::new(Code::Forbidden, "subscribe messages are for residents of the mini-program"));
        }
        if r.results.is_empty() || r.results.len() > 10 {
            return Err(Error::invalid("results", "must hold 1–10 templates"));
        }
        let mut errors = Vec::new();
        let mut decided = Vec::new();
        for (template, answer) in &r.results {
            match (ctx.templates.kind_of(template), answer.as_str()) {
                (None, _) => {
                    errors.push(FieldError::new(&format!("results.{template}"), "is not a template of this service"))
                }
                (Some(_), a) if !["accept", "reject", "ban", "filter"].contains(&a) => errors
                    .push(FieldError::new(&format!("results.{template}"), "must be accept, reject, ban or filter")),
                (Some(kind), a) => decided.push((kind, a)),
            }
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let now = time::to_db(clock::now());
        for (kind, answer) in &decided {
            match *answer {
                "accept" => messages::grant(c, p.id(), kind.as_str(), now)?,
                "reject" | "ban" => messages::stop(c, p.id(), kind.as_str(), now)?,
                // `filter`: WeChat hid the template (title or keywords unsuitable): nothing changes.
                _ => {}
            }
        }
        let summary: BTreeMap<&str, &str> = decided.iter().map(|(k, a)| (k.as_str(), *a)).collect();
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "message_grants.record",
                object_type: "user",
                object_id: p.id(),
                community_id: None,
                district_id: None,
                detail: json!({ "answers": summary }),
            },
        )?;
        grant_views(c, p.id())
    })
}
