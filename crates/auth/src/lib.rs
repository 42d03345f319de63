//! Authentication: argon2id password hashes, JWT access tokens, refresh tokens, the login
//! throttle and the WeChat API client. No web framework and no database here.

pub mod jwt;
pub mod password;
pub mod refresh;
pub mod throttle;
pub mod wechat;
pub mod wechat_security;
