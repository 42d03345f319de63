//! The public receipt bulletin: one endpoint per file.

pub mod list;
pub mod receipt;
