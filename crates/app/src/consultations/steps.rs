//! The committee's steps of a consultation's lifecycle (announce, open, close, extend, publish
//! the preliminary result, finish the review, publish): one use case, one transaction each —
//! load, the manager's right, the step's rule and effect (`lifecycle`), the consultation as it
//! now stands.

use crate::consultations::lifecycle;
use crate::consultations::views::{load, require_manager, view, ConsultationView};
use crate::principal::principal;
use crate::{Actor, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::limits;
use diandan_store::{clock, consultations};

/// One step, with what it needs besides the consultation.
#[derive(Debug, Clone)]
pub enum Step {
    Announce,
    Open,
    Close,
    Extend { closes_at: DateTime<Utc>, reason: String },
    Preliminary,
    FinishReview,
    Publish,
}

/// Takes `step` on consultation `id` as the caller.
pub fn take(ctx: &Context, actor: &Actor, id: &str, step: Step) -> Result<ConsultationView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (row, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        let now = clock::now();
        let row = match step {
            Step::Announce => lifecycle::announce(c, p.id(), row, now)?,
            Step::Open => lifecycle::open(c, Some(p.id()), row, now)?,
            Step::Close => lifecycle::close(c, Some(p.id()), row, now)?,
            Step::Extend { closes_at, reason } => {
                let reason = limits::REASON.check(&reason).map_err(|m| Error::invalid("reason", m))?;
                lifecycle::extend(c, p.id(), row, closes_at, reason, now, ctx.max_voting_days)?
            }
            Step::Preliminary => lifecycle::preliminary(c, p.id(), row, now)?,
            Step::FinishReview => lifecycle::finish_review(c, p.id(), row, now)?,
            Step::Publish => lifecycle::publish(c, p.id(), row, now)?,
        };
        let items = consultations::items(c, &row.id)?;
        Ok(view(row, items))
    })
}
