//! Design versions of a renovation project: one endpoint per file.

pub mod approve;
pub mod get;
pub mod list;
pub mod submit;
