//! Accounts and sessions: logging in (password or WeChat), refreshing and ending a session,
//! one's own account, staff accounts, role grants, and the first administrator.

pub mod bootstrap;
pub mod disable;
pub mod grants;
pub mod login;
pub mod logout;
pub mod me;
pub mod personal;
pub mod refresh;
pub mod session;
pub mod users;
pub mod wechat;
