//! Sends queued messages through `subscribeMessage.send`. One server process at a time holds
//! the dispatcher's lease and sends; any process takes it over once it runs out.
//!
//! The guarantee is **at most once**: a message is marked `sending` and committed before it is
//! handed to WeChat, and its answer recorded after. A process that dies in between leaves it
//! `sending`; the next holder of the lease marks it `unknown` and never sends it again (WeChat
//! has no idempotency key, so a resend could tell a resident twice). A message is tried again
//! only when WeChat certainly did not take it: it answered "busy" (-1) or "limited" (45009), or
//! the connection was never made; then after a back-off, at most five times. Any other failure
//! ends the message as `failed`, a refusal (43101) as `refused` and stops the kind for that
//! user. Every outcome is kept on its row.

use crate::messages::notify::Values;
use crate::wechat_token::{with_token, Failure};
use crate::{Context, Error};
use chrono::Duration;
use diandan_auth::wechat::{SubscribeMessage, WeChat, WeChatError};
use diandan_domain::message::{backoff_secs, fit, page, MessageKind, MAX_ATTEMPTS};
use diandan_domain::time;
use diandan_store::messages::{self, OutboxRow};
use diandan_store::{clock, users};

pub const LEASE: &str = "dispatcher";
/// Messages looked at per run.
const BATCH: i64 = 50;

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Dispatched {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub refused: usize,
    pub no_grant: usize,
    /// Left `sending` by a process that died, now `unknown`.
    pub interrupted: usize,
    /// Another process holds the lease: this one sent nothing.
    pub not_holder: bool,
}

/// How a send ended, and what becomes of the message.
enum Outcome {
    Sent,
    Retry(String),
    Failed(String),
    Refused,
    /// Handed over, answer lost: never resent.
    Unknown(String),
}

fn outcome(r: Result<(), Failure>) -> Outcome {
    match r {
        Ok(()) => Outcome::Sent,
        Err(Failure::WeChat(e)) => match e {
            WeChatError::Refused => Outcome::Refused,
            e if e.not_taken() => Outcome::Retry(e.to_string()),
            WeChatError::Unreachable { .. } => Outcome::Unknown(e.to_string()),
            other => Outcome::Failed(other.to_string()),
        },
        // The token could not be had: nothing was sent.
        Err(Failure::Store(e)) => Outcome::Retry(e.to_string()),
    }
}

/// Sends what is due as `holder` (this process's id) holding the lease for `lease_secs`.
pub fn dispatch_due(ctx: &Context, wx: &WeChat, holder: &str, lease_secs: i64) -> Result<Dispatched, Error> {
    let mut done = Dispatched::default();
    let lease = |done: &mut Dispatched| -> Result<bool, Error> {
        ctx.db.write(|c| {
            let now = clock::now();
            match messages::take_lease(
                c,
                LEASE,
                holder,
                time::to_db(now),
                time::to_db(now + Duration::seconds(lease_secs)),
            )? {
                None => Ok(false),
                Some(taken_over) => {
                    if taken_over {
                        done.interrupted += messages::settle_interrupted(c, time::to_db(now))?;
                    }
                    Ok(true)
                }
            }
        })
    };
    if !lease(&mut done)? {
        done.not_holder = true;
        return Ok(done);
    }
    let due = ctx.db.read(|c| Ok::<_, Error>(messages::due(c, time::to_db(clock::now()), BATCH)?))?;
    for row in due {
        // Renewed before each message: a slow WeChat must not let the lease run out mid-batch.
        if !lease(&mut done)? {
            break;
        }
        let Some(msg) = claim(ctx, &row, &mut done)? else { continue };
        let result = with_token(&ctx.db, wx, |token| wx.send_subscribe(token, &msg));
        record(ctx, &row, outcome(result), &mut done)?;
    }
    Ok(done)
}

/// Marks `row` sending (one attempt more) and spends the user's grant, in one transaction;
/// the message to send, or None when it ends here (no grant, no openid, no template).
fn claim(ctx: &Context, row: &OutboxRow, done: &mut Dispatched) -> Result<Option<SubscribeMessage>, Error> {
    ctx.db.write(|c| {
        let now = time::to_db(clock::now());
        let attempts = row.attempts + 1;
        if !messages::set_state(c, &row.id, "pending", "sending", attempts, row.next_attempt_at, None, now)? {
            return Ok(None);
        }
        let end = |c: &mut diandan_store::AnyConnection, state: &str, why: &str| {
            messages::set_state(c, &row.id, "sending", state, attempts, row.next_attempt_at, Some(why), now)
        };
        let kind = MessageKind::parse(&row.kind);
        let template = kind.and_then(|k| ctx.templates.get(k));
        let Some(template) = template else {
            end(c, "failed", "no template is configured for this kind")?;
            done.failed += 1;
            return Ok(None);
        };
        let openid = users::get(c, &row.user_id)?.and_then(|u| u.openid);
        let Some(openid) = openid else {
            end(c, "failed", "the user has no WeChat account (erased or staff)")?;
            done.failed += 1;
            return Ok(None);
        };
        if !messages::spend(c, &row.user_id, &row.kind, now)? {
            end(c, "no_grant", "no accepted subscription left for this kind")?;
            done.no_grant += 1;
            return Ok(None);
        }
        let values: Values = serde_json::from_str(&row.fields).map_err(Error::internal)?;
        let data = template
            .fields
            .iter()
            .map(|(key, name)| (key.clone(), fit(key, values.get(name).map(String::as_str).unwrap_or(""))))
            .collect();
        Ok(Some(SubscribeMessage {
            openid,
            template_id: template.template_id.clone(),
            page: template.page.as_deref().map(|p| page(p, &values)),
            data,
            state: ctx.miniprogram_state.clone(),
        }))
    })
}

/// Records how the send of `row` ended.
fn record(ctx: &Context, row: &OutboxRow, o: Outcome, done: &mut Dispatched) -> Result<(), Error> {
    ctx.db.write(|c| {
        let now = clock::now();
        let at = time::to_db(now);
        let attempts = row.attempts + 1;
        let set = |c: &mut diandan_store::AnyConnection, to: &str, next, why: Option<&str>| {
            messages::set_state(c, &row.id, "sending", to, attempts, next, why, at)
        };
        match o {
            Outcome::Sent => {
                set(c, "sent", row.next_attempt_at, None)?;
                done.sent += 1;
            }
            Outcome::Refused => {
                set(c, "refused", row.next_attempt_at, Some("the user refused this message (43101)"))?;
                messages::stop(c, &row.user_id, &row.kind, at)?;
                done.refused += 1;
            }
            Outcome::Unknown(why) => {
                set(c, "unknown", row.next_attempt_at, Some(&why))?;
                done.failed += 1;
            }
            Outcome::Retry(why) if attempts < MAX_ATTEMPTS => {
                // WeChat did not take it: the grant was not used.
                messages::refund(c, &row.user_id, &row.kind, at)?;
                let next = time::to_db(now + Duration::seconds(backoff_secs(attempts)));
                set(c, "pending", next, Some(&why))?;
                done.retried += 1;
            }
            Outcome::Retry(why) | Outcome::Failed(why) => {
                messages::refund(c, &row.user_id, &row.kind, at)?;
                set(c, "failed", row.next_attempt_at, Some(&why))?;
                done.failed += 1;
            }
        }
        Ok(())
    })
}
