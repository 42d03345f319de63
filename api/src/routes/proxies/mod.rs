//! Proxy authorisations (委托投票): one endpoint per file.

pub mod confirm;
pub mod create;
pub mod list;
pub mod mine;
pub mod reject;
pub mod revoke;
