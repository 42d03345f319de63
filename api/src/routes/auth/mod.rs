//! Logging in and sessions: one endpoint per file.

pub mod login;
pub mod logout;
pub mod refresh;
pub mod wechat;
