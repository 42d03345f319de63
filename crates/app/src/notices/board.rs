//! Reading a board: the list (residents see what is visible now, the committee everything with
//! read counts), one notice, and marking it read.

use crate::notices::views::{load, standing, visible, with_attachments, with_counts, NoticeView, Standing};
use crate::page::{Page, PageQuery};
use crate::principal::{community, principal};
use crate::{Actor, Context, Error};
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::notices::{self, Shown};

/// A page of the board of community `community_id`, pinned first, then newest first.
pub fn list_notices(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    q: &PageQuery,
) -> Result<Page<NoticeView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        let who = standing(c, &p, &comm)?;
        let shown = match who {
            Standing::Manager => Shown::All,
            Standing::Member => Shown::Visible(time::to_db(clock::now())),
        };
        let rows = notices::board(c, &comm.id, shown, p.id(), q.limit() + 1, q.offset())?;
        let mut views: Vec<NoticeView> = rows.into_iter().map(|(n, read)| NoticeView::new(n, read)).collect();
        with_attachments(c, &ctx.photos, &mut views)?;
        if who == Standing::Manager {
            with_counts(c, &comm.id, &mut views)?;
        }
        Ok(Page::from_overfetch(views, q))
    })
}

/// Notice `id`; a notice residents cannot see (scheduled, expired, withdrawn) is the managers' only.
pub fn get_notice(ctx: &Context, actor: &Actor, id: &str) -> Result<NoticeView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (n, comm) = load(c, id)?;
        let who = standing(c, &p, &comm)?;
        if who == Standing::Member && !visible(&n, time::to_db(clock::now())) {
            return Err(Error::not_found("notice"));
        }
        let read = notices::read_at(c, &n.id, p.id())?;
        let mut v = NoticeView::new(n, read);
        with_attachments(c, &ctx.photos, std::slice::from_mut(&mut v))?;
        if who == Standing::Manager {
            with_counts(c, &comm.id, std::slice::from_mut(&mut v))?;
        }
        Ok(v)
    })
}

/// Marks notice `id` read by the caller (again: nothing changes). A read receipt is not an act
/// of governance: it is kept with its time in `notice_reads`, not in the audit log, where a
/// community's thousands of reads would bury the decisions.
pub fn mark_read(ctx: &Context, actor: &Actor, id: &str) -> Result<NoticeView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (n, comm) = load(c, id)?;
        let who = standing(c, &p, &comm)?;
        let now = time::to_db(clock::now());
        if !visible(&n, now) {
            return Err(if who == Standing::Member {
                Error::not_found("notice")
            } else {
                Error::new(crate::Code::WrongState, "only a notice on the board now can be read")
            });
        }
        notices::mark_read(c, &n.id, p.id(), now)?;
        let read = notices::read_at(c, &n.id, p.id())?;
        let mut v = NoticeView::new(n, read);
        with_attachments(c, &ctx.photos, std::slice::from_mut(&mut v))?;
        if who == Standing::Manager {
            with_counts(c, &comm.id, std::slice::from_mut(&mut v))?;
        }
        Ok(v)
    })
}
