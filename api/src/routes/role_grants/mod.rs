//! Role grants: one endpoint per file.

pub mod create;
pub mod list;
pub mod revoke;
