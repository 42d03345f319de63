//! One work order with its history, as the caller may see it: the submitter, its community's
//! committee and residents, and the staff of the company it is assigned to.

use crate::complaints::views::{detail, load, viewer, ComplaintView};
use crate::principal::principal;
use crate::{Actor, Context, Error};

/// Reads order `id` with its events, in the view the caller's relation to it gives.
pub fn read_complaint(ctx: &Context, actor: &Actor, id: &str) -> Result<ComplaintView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (row, comm) = load(c, id)?;
        let v = viewer(c, &p, &row, &comm)?;
        detail(c, &ctx.photos, row, v, p.id())
    })
}
