//! Ballots, the tally, participation and the voters: one endpoint per file.

pub mod cast;
pub mod mine;
pub mod participation;
pub mod tally;
pub mod voters;
