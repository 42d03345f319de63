//! The use cases of diandan, one module per capability. Each use case takes the store handle
//! (or a connection inside a transaction) and the verified caller, checks the caller's right
//! first, then the input, and returns a typed [`Error`] whose [`Code`] the HTTP layer renders.
//! Nothing here knows HTTP: actix lives only in `diandan-api`, diesel only in `diandan-store`.

pub mod accounts;
pub mod audit;
pub mod ballots;
pub mod bindings;
pub mod bulletin;
pub mod catalog;
pub mod companies;
pub mod complaints;
pub mod consultations;
pub mod demand;
pub mod demo;
pub mod error;
pub mod feed;
pub mod health;
pub mod idempotency;
pub mod messages;
pub mod moderation;
pub mod notices;
pub mod page;
pub mod places;
pub mod principal;
pub mod projects;
pub mod proxies;
pub mod ratings;
pub mod reports;
pub mod roster;
pub mod sealing;
pub mod uploads;
pub mod views;
pub mod wechat_token;
pub mod whole_number;

pub use error::{Code, Error, FieldError, Result};
pub use principal::{Actor, Principal};

use diandan_auth::jwt::JwtKeys;
use diandan_auth::throttle::ThrottleConfig;
use diandan_domain::complaint::{DeadlinePolicy, WorkCalendar};
use diandan_store::Db;
use std::sync::Arc;

/// What every use case may draw on: the store and the policies set by configuration. One per
/// server; cheap to share.
pub struct Context {
    pub db: Db,
    /// China's working days, for work-order deadlines.
    pub calendar: Arc<WorkCalendar>,
    pub deadlines: DeadlinePolicy,
    /// The longest a voting window may last, extensions included.
    pub max_voting_days: i64,
    /// How many owners one person may vote for in one consultation (委托投票; Weifang: 3).
    pub proxy_limit: u32,
    /// Menus of consultations open for voting, as ballots need them.
    pub menus: ballots::menu::MenuCache,
    /// Published demand lists, rendered once.
    pub demand_cache: demand::list::DemandCache,
    /// District sums of demand lists, until a community publishes again.
    pub district_cache: demand::district::DistrictCache,
    /// The keys that sign access tokens, and their lifetime.
    pub jwt: JwtKeys,
    /// How long a refresh token lives, in days.
    pub refresh_ttl_days: i64,
    /// The failed-login limits (the counters are in the database).
    pub throttle: ThrottleConfig,
    /// The subscribe-message templates by kind (`DIANDAN_WX_TEMPLATES`).
    pub templates: Arc<diandan_domain::message::Templates>,
    /// Which version of the mini-program a message opens: `formal`, `trial` or `developer`.
    pub miniprogram_state: String,
    /// The privacy policy in force; a person who accepted another is asked again.
    pub privacy_version: String,
    /// Photo files and the key their addresses are signed with.
    pub photos: Arc<uploads::Photos>,
    /// WeChat's API: the content checks of what residents write and post.
    pub wechat: Arc<diandan_auth::wechat::WeChat>,
    /// The token WeChat's message pushes are signed with (empty: pushes refused).
    pub push_token: String,
    /// The public origin WeChat fetches photos from to check them (empty: photos not checked).
    pub public_url: String,
}
