//! Application state, passed explicitly (no global statics) so tests run in parallel with
//! different settings.

use crate::config::Config;
use diandan_auth::jwt::JwtKeys;
use diandan_auth::throttle::ThrottleConfig;
use diandan_auth::wechat::WeChat;
use diandan_store::Db;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub wechat: Arc<WeChat>,
    /// The failed-login limits (the counters are in the database).
    pub throttle: ThrottleConfig,
    pub refresh_ttl_days: i64,
    pub json_limit: usize,
    pub upload_limit: usize,
    pub photo_limit: usize,
    /// Roster uploads being read now, at most `uploads_at_once`.
    pub uploads: Arc<tokio::sync::Semaphore>,
    pub limits: crate::config::Limits,
    pub trust_forwarded: bool,
    /// The use cases' context: the store and the policies.
    pub app: Arc<diandan_app::Context>,
    /// The per-process limit on writes per user and per address.
    pub write_limiter: Arc<crate::write_allowance::WriteLimiter>,
    /// Password hashing, one hash per core at a time.
    pub password_work: Arc<crate::password_work::PasswordWork>,
}

impl AppState {
    pub fn new(cfg: &Config, db: Db, jwt_secret: &[u8]) -> AppState {
        use diandan_auth::wechat::WeChatConfig;
        let wechat = Arc::new(WeChat::new(WeChatConfig {
            base_url: cfg.wechat_api_base.clone(),
            appid: cfg.wechat_appid.clone(),
            secret: cfg.wechat_secret.clone(),
            dev_login: cfg.dev_login,
            timeout: std::time::Duration::from_secs(5),
        }));
        AppState {
            db: db.clone(),
            jwt: JwtKeys::new(jwt_secret, cfg.access_ttl_secs),
            wechat: wechat.clone(),
            throttle: ThrottleConfig {
                per_account: cfg.login_attempts_per_account,
                per_address: cfg.login_attempts_per_address,
                window: cfg.login_window,
            },
            refresh_ttl_days: cfg.refresh_ttl_days,
            json_limit: cfg.json_limit,
            upload_limit: cfg.upload_limit,
            photo_limit: cfg.photo_limit,
            uploads: Arc::new(tokio::sync::Semaphore::new(cfg.uploads_at_once.max(1))),
            limits: crate::config::Limits {
                head_timeout: cfg.header_timeout,
                body_timeout: cfg.body_timeout,
                upload_timeout: cfg.upload_timeout,
                max_connections: cfg.max_connections,
                workers: cfg.workers,
            },
            trust_forwarded: cfg.trust_forwarded,
            app: Arc::new(diandan_app::Context {
                db: db.clone(),
                calendar: Arc::new(cfg.calendar.clone()),
                deadlines: cfg.deadlines,
                max_voting_days: cfg.max_voting_days,
                proxy_limit: cfg.proxy_limit,
                menus: Default::default(),
                demand_cache: Default::default(),
                district_cache: Default::default(),
                jwt: JwtKeys::new(jwt_secret, cfg.access_ttl_secs),
                refresh_ttl_days: cfg.refresh_ttl_days,
                throttle: ThrottleConfig {
                    per_account: cfg.login_attempts_per_account,
                    per_address: cfg.login_attempts_per_address,
                    window: cfg.login_window,
                },
                templates: Arc::new(cfg.templates.clone()),
                miniprogram_state: cfg.miniprogram_state.clone(),
                privacy_version: cfg.privacy_version.clone(),
                photos: Arc::new(diandan_app::uploads::Photos::new(cfg.data_dir.join("photos"), jwt_secret)),
                wechat,
                push_token: cfg.wechat_push_token.clone(),
                public_url: cfg.public_url.clone(),
            }),
            write_limiter: Arc::new(crate::write_allowance::WriteLimiter::new(
                cfg.writes_per_user,
                cfg.writes_per_address,
            )),
            password_work: Arc::new(crate::password_work::PasswordWork::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
        }
    }
}
