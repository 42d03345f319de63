//! Quality supervisors: one endpoint per file.

pub mod appoint;
pub mod list;
pub mod revoke;
