//! A member reads one consultation with its menu (drafts only the committee).

use crate::consultations::views::{load, require_reader, view, ConsultationView};
use crate::principal::principal;
use crate::{Actor, Context, Error};
use diandan_store::consultations;

/// Consultation `id` as the caller may see it.
pub fn get_consultation(ctx: &Context, actor: &Actor, id: &str) -> Result<ConsultationView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (row, comm) = load(c, id)?;
        require_reader(c, &p, &row, &comm)?;
        let items = consultations::items(c, &row.id)?;
        Ok(view(row, items))
    })
}
