//! The works of a renovation project: its parties and the milestones of its measures; one
//! endpoint per file.

pub mod get;
pub mod milestone;
pub mod party;
