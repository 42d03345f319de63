//! A member reads the result of a consultation, once voting has closed.

use crate::consultations::tally::{tally, Tally};
use crate::consultations::views::{load, require_reader};
use crate::principal::principal;
use crate::{Actor, Code, Context, Error};

/// The tally of consultation `id` per item and scope instance; `results_hidden` while open.
pub fn read_tally(ctx: &Context, actor: &Actor, id: &str) -> Result<Tally, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_reader(c, &p, &cons, &comm)?;
        if !cons.state.results_visible() {
            return Err(Error::new(
                Code::ResultsHidden,
                "results are shown once voting has closed; see participation meanwhile",
            ));
        }
        tally(c, &cons)
    })
}
