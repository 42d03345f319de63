//! The representatives' review of a design version: one endpoint per file.

pub mod decide;
pub mod get;
pub mod open;
pub mod opinions;
