//! Ratings of the property manager: one endpoint per file.

pub mod create;
pub mod mine;
pub mod reply;
pub mod results;
pub mod update;
