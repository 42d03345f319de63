//! Residents' representatives (楼长, 单元联系人): one endpoint per file.

pub mod appoint;
pub mod list;
pub mod revoke;
