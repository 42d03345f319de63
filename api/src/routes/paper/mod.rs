//! Paper ballots: one endpoint per file.

pub mod confirm;
pub mod create;
pub mod list;
pub mod void;
