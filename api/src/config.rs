//! Configuration from environment variables (a `.env` file is read first if present). Every
//! variable has a safe default for local use; in production mode secrets have none.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Development,
    Production,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub mode: Mode,
    pub addr: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub admin_user: String,
    pub admin_password: Option<String>,
    pub dev_login: bool,
    pub wechat_api_base: String,
    pub wechat_appid: String,
    pub wechat_secret: String,
    /// The token WeChat signs its message pushes with (the mini-program's 消息推送 setting).
    pub wechat_push_token: String,
    /// The service's public https origin, which WeChat fetches photos from to check them.
    pub public_url: String,
    /// None: generated once and kept in `<data dir>/jwt-secret` (development only).
    pub jwt_secret: Option<String>,
    pub access_ttl_secs: i64,
    pub refresh_ttl_days: i64,
    pub json_limit: usize,
    pub upload_limit: usize,
    /// Roster uploads read at one time (each may hold up to `upload_limit` bytes).
    pub uploads_at_once: usize,
    /// Largest photo upload, bytes.
    pub photo_limit: usize,
    /// Time limits on a request's head and body, and the connection cap.
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub upload_timeout: Duration,
    pub max_connections: usize,
    /// The longest voting window, extensions included (days).
    pub max_voting_days: i64,
    /// How many owners one proxy may vote for in one consultation.
    pub proxy_limit: u32,
    pub db_pool: u32,
    pub workers: usize,
    pub trust_forwarded: bool,
    pub login_attempts_per_account: usize,
    pub login_attempts_per_address: usize,
    pub login_window: Duration,
    /// Seconds between checks of the consultation schedule.
    pub scheduler_secs: u64,
    /// Milliseconds between runs of the sealer (audit and bulletin hash chains).
    pub seal_ms: u64,
    /// Milliseconds between runs of the message dispatcher.
    pub dispatch_ms: u64,
    /// The subscribe-message templates by kind.
    pub templates: diandan_domain::message::Templates,
    /// `formal`, `trial` or `developer`: the mini-program version messages open.
    pub miniprogram_state: String,
    /// Writes a minute per signed-in user and per client address (0: no limit).
    pub writes_per_user: u32,
    pub writes_per_address: u32,
    /// The privacy policy version in force.
    pub privacy_version: String,
    /// Working days and complaint deadlines.
    pub calendar: diandan_domain::complaint::WorkCalendar,
    pub deadlines: diandan_domain::complaint::DeadlinePolicy,
}

/// One documented variable: (name, default, meaning). The README's table is this list.
pub const VARIABLES: &[(&str, &str, &str)] = &[
    (
        "DIANDAN_ENV",
        "development",
        "`production` requires DIANDAN_JWT_SECRET and WECHAT_* and forbids DIANDAN_DEV_LOGIN",
    ),
    ("DIANDAN_ADDR", "127.0.0.1:8080", "listen address"),
    ("DIANDAN_DATA_DIR", "./data", "data directory (SQLite file, generated development JWT secret)"),
    ("DATABASE_URL", "sqlite://$DIANDAN_DATA_DIR/diandan.db", "`sqlite://PATH` (or a bare path) or `postgres://...`"),
    ("DIANDAN_ADMIN_USER", "admin", "username of the first admin, created at first start when no admin exists"),
    ("DIANDAN_ADMIN_PASSWORD", "(generated, printed once)", "password of that first admin"),
    (
        "DIANDAN_DEV_LOGIN",
        "0",
        "`1` accepts WeChat codes `dev:<name>` and phone codes `dev:<phone>` (never in production)",
    ),
    ("WECHAT_API_BASE", "https://api.weixin.qq.com", "WeChat API base URL (tests point it at a local stub)"),
    ("WECHAT_APPID", "(empty)", "mini-program appid"),
    ("WECHAT_SECRET", "(empty)", "mini-program app secret; never leaves the server"),
    (
        "WECHAT_PUSH_TOKEN",
        "(empty)",
        "the token of the mini-program's message push (消息推送, plaintext JSON) to `/api/v1/wechat/push`; empty: pushes refused",
    ),
    (
        "DIANDAN_PUBLIC_URL",
        "(empty)",
        "the service's public https origin; WeChat fetches photos from it to check them (empty: photos are not checked)",
    ),
    ("DIANDAN_JWT_SECRET", "(generated into the data dir)", "HS256 key for access tokens, at least 32 bytes"),
    ("DIANDAN_ACCESS_TTL_SECS", "900", "access token lifetime"),
    ("DIANDAN_REFRESH_TTL_DAYS", "30", "refresh token lifetime"),
    ("DIANDAN_JSON_LIMIT", "65536", "largest JSON request body, bytes"),
    ("DIANDAN_UPLOAD_LIMIT", "33554432", "largest roster upload, bytes"),
    ("DIANDAN_UPLOADS_AT_ONCE", "2", "roster and photo uploads read at the same time; more wait their turn"),
    ("DIANDAN_PHOTO_LIMIT", "10485760", "largest photo upload, bytes (photos are kept under `$DIANDAN_DATA_DIR/photos`)"),
    ("DIANDAN_HEADER_TIMEOUT_SECS", "5", "time a client has to send a request's line and headers"),
    (
        "DIANDAN_BODY_TIMEOUT_SECS",
        "30",
        "time a client has to send a JSON body (408 `body_timeout`, connection closed)",
    ),
    ("DIANDAN_UPLOAD_TIMEOUT_SECS", "300", "time a client has to send a roster file"),
    ("DIANDAN_MAX_CONNECTIONS", "4096", "open connections, all workers together; more wait in the listen queue"),
    ("DIANDAN_MAX_VOTING_DAYS", "60", "longest voting window from opening to closing, extensions included"),
    ("DIANDAN_DB_POOL", "8", "database connections (SQLite: readers; one writer besides)"),
    ("DIANDAN_WORKERS", "number of cores", "HTTP worker threads"),
    ("DIANDAN_TRUST_FORWARDED", "0", "`1` takes the client address from X-Forwarded-For (only behind a proxy you run)"),
    ("DIANDAN_LOGIN_MAX_PER_ACCOUNT", "5", "failed password logins per account per window"),
    ("DIANDAN_LOGIN_MAX_PER_ADDRESS", "30", "failed password logins per client address per window"),
    ("DIANDAN_LOGIN_WINDOW_SECS", "900", "the failed-login window"),
    ("DIANDAN_WRITES_PER_USER", "300", "writes a minute per signed-in user (all at once after a quiet minute); 0: no limit"),
    ("DIANDAN_WRITES_PER_ADDRESS", "3000", "writes a minute per client address; 0: no limit"),
    ("DIANDAN_SCHEDULER_SECS", "15", "how often consultations are opened and closed by their schedule"),
    ("DIANDAN_SEAL_MS", "200", "how often committed audit entries and receipts are linked into their hash chains"),
    ("DIANDAN_DISPATCH_MS", "1000", "how often queued WeChat subscribe messages are sent"),
    (
        "DIANDAN_WX_TEMPLATES",
        "(none)",
        "subscribe-message templates, JSON: `{\"vote_opened\": {\"template_id\": \"…\", \"page\": \"pages/vote/index?id={consultation_id}\", \"fields\": {\"thing1\": \"title\", \"time2\": \"closes_at\"}}}`; kinds and values in the README",
    ),
    ("DIANDAN_PRIVACY_VERSION", "2026-12-01", "the privacy policy in force; residents who accepted another version are asked again"),
    ("DIANDAN_WX_STATE", "formal", "which mini-program version a message opens: formal, trial or developer"),
    ("DIANDAN_COMPLAINT_DAYS", "5", "working days a complaint handler has to answer (normal urgency)"),
    ("DIANDAN_URGENT_HOURS", "24", "hours a handler has to answer an urgent complaint"),
    ("DIANDAN_HOLIDAYS", "(none)", "public holidays that are not working days, `YYYY-MM-DD` separated by commas"),
    ("DIANDAN_EXTRA_WORKDAYS", "(none)", "weekend days worked in exchange for a holiday (调休), same format"),
    ("RUST_LOG", "info", "log filter (tracing-subscriber syntax)"),
];

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse<T: std::str::FromStr>(name: &str, default: T) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| ConfigError(format!("{name}={v:?} is not valid"))),
    }
}

fn flag(name: &str) -> Result<bool, ConfigError> {
    match var(name).as_deref().map(str::trim) {
        None | Some("0") | Some("false") | Some("no") => Ok(false),
        Some("1") | Some("true") | Some("yes") => Ok(true),
        Some(v) => Err(ConfigError(format!("{name}={v:?}: use 1 or 0"))),
    }
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let _ = dotenvy::dotenv();
        let mode = match var("DIANDAN_ENV").as_deref() {
            None | Some("development") | Some("dev") => Mode::Development,
            Some("production") | Some("prod") => Mode::Production,
            Some(v) => return Err(ConfigError(format!("DIANDAN_ENV={v:?}: use development or production"))),
        };
        let data_dir = PathBuf::from(var("DIANDAN_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let database_url =
            var("DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}", data_dir.join("diandan.db").display()));
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        let cfg = Config {
            mode,
            addr: var("DIANDAN_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into()),
            data_dir,
            database_url,
            admin_user: var("DIANDAN_ADMIN_USER").unwrap_or_else(|| "admin".into()),
            admin_password: var("DIANDAN_ADMIN_PASSWORD"),
            dev_login: flag("DIANDAN_DEV_LOGIN")?,
            wechat_api_base: var("WECHAT_API_BASE").unwrap_or_else(|| "https://api.weixin.qq.com".into()),
            wechat_appid: var("WECHAT_APPID").unwrap_or_default(),
            wechat_secret: var("WECHAT_SECRET").unwrap_or_default(),
            wechat_push_token: var("WECHAT_PUSH_TOKEN").unwrap_or_default(),
            public_url: var("DIANDAN_PUBLIC_URL").unwrap_or_default().trim_end_matches('/').to_owned(),
            jwt_secret: var("DIANDAN_JWT_SECRET"),
            access_ttl_secs: parse("DIANDAN_ACCESS_TTL_SECS", 900)?,
            refresh_ttl_days: parse("DIANDAN_REFRESH_TTL_DAYS", 30)?,
            json_limit: parse("DIANDAN_JSON_LIMIT", 64 * 1024)?,
            upload_limit: parse("DIANDAN_UPLOAD_LIMIT", 32 * 1024 * 1024)?,
            uploads_at_once: parse("DIANDAN_UPLOADS_AT_ONCE", 2)?,
            photo_limit: parse("DIANDAN_PHOTO_LIMIT", 10 * 1024 * 1024)?,
            header_timeout: Duration::from_secs(parse("DIANDAN_HEADER_TIMEOUT_SECS", 5)?),
            body_timeout: Duration::from_secs(parse("DIANDAN_BODY_TIMEOUT_SECS", 30)?),
            upload_timeout: Duration::from_secs(parse("DIANDAN_UPLOAD_TIMEOUT_SECS", 300)?),
            max_connections: parse("DIANDAN_MAX_CONNECTIONS", 4096)?,
            max_voting_days: parse("DIANDAN_MAX_VOTING_DAYS", 60)?,
            proxy_limit: parse("DIANDAN_PROXY_LIMIT", diandan_domain::proxy::DEFAULT_LIMIT)?,
            db_pool: parse("DIANDAN_DB_POOL", 8)?,
            workers: parse("DIANDAN_WORKERS", workers)?,
            trust_forwarded: flag("DIANDAN_TRUST_FORWARDED")?,
            login_attempts_per_account: parse("DIANDAN_LOGIN_MAX_PER_ACCOUNT", 5)?,
            login_attempts_per_address: parse("DIANDAN_LOGIN_MAX_PER_ADDRESS", 30)?,
            login_window: Duration::from_secs(parse("DIANDAN_LOGIN_WINDOW_SECS", 900)?),
            scheduler_secs: parse("DIANDAN_SCHEDULER_SECS", 15)?,
            seal_ms: parse("DIANDAN_SEAL_MS", 200)?,
            dispatch_ms: parse("DIANDAN_DISPATCH_MS", 1000)?,
            writes_per_user: parse("DIANDAN_WRITES_PER_USER", 300)?,
            writes_per_address: parse("DIANDAN_WRITES_PER_ADDRESS", 3000)?,
            privacy_version: var("DIANDAN_PRIVACY_VERSION").unwrap_or_else(|| "2026-12-01".into()),
            templates: diandan_domain::message::Templates::parse(&var("DIANDAN_WX_TEMPLATES").unwrap_or_default())
                .map_err(|e| ConfigError(format!("DIANDAN_WX_TEMPLATES: {e}")))?,
            miniprogram_state: match var("DIANDAN_WX_STATE").as_deref().map(str::trim) {
                None | Some("") => "formal".into(),
                Some(s @ ("formal" | "trial" | "developer")) => s.to_owned(),
                Some(s) => return Err(ConfigError(format!("DIANDAN_WX_STATE={s:?}: use formal, trial or developer"))),
            },
            calendar: diandan_domain::complaint::WorkCalendar::parse(
                &var("DIANDAN_HOLIDAYS").unwrap_or_default(),
                &var("DIANDAN_EXTRA_WORKDAYS").unwrap_or_default(),
            )
            .map_err(|e| ConfigError(format!("DIANDAN_HOLIDAYS / DIANDAN_EXTRA_WORKDAYS: {e}")))?,
            deadlines: diandan_domain::complaint::DeadlinePolicy {
                normal_working_days: parse("DIANDAN_COMPLAINT_DAYS", 5)?,
                urgent_hours: parse("DIANDAN_URGENT_HOURS", 24)?,
            },
        };
        cfg.check()?;
        Ok(cfg)
    }

    fn check(&self) -> Result<(), ConfigError> {
        if self.mode == Mode::Production {
            if self.dev_login {
                return Err(ConfigError("DIANDAN_DEV_LOGIN must not be enabled in production".into()));
            }
            match &self.jwt_secret {
                Some(s) if s.len() >= 32 => {}
                _ => {
                    return Err(ConfigError("DIANDAN_JWT_SECRET (at least 32 bytes) is required in production".into()))
                }
            }
            if self.wechat_appid.is_empty() || self.wechat_secret.is_empty() {
                return Err(ConfigError("WECHAT_APPID and WECHAT_SECRET are required in production".into()));
            }
            // Photos residents post are checked by WeChat, which fetches them and pushes its verdict.
            if self.wechat_push_token.is_empty() || !self.public_url.starts_with("https://") {
                return Err(ConfigError(
                    "WECHAT_PUSH_TOKEN and DIANDAN_PUBLIC_URL (https://...) are required in production".into(),
                ));
            }
        }
        if let Some(s) = &self.jwt_secret {
            if s.len() < 32 {
                return Err(ConfigError("DIANDAN_JWT_SECRET must be at least 32 bytes".into()));
            }
        }
        if self.access_ttl_secs < 60 || self.refresh_ttl_days < 1 {
            return Err(ConfigError("token lifetimes are too short".into()));
        }
        Ok(())
    }

    /// The JWT key: configured, or (development) read from / generated into the data dir.
    pub fn jwt_secret_bytes(&self) -> Result<Vec<u8>, ConfigError> {
        if let Some(s) = &self.jwt_secret {
            return Ok(s.as_bytes().to_vec());
        }
        let path = self.data_dir.join("jwt-secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            if existing.trim().len() >= 32 {
                return Ok(existing.trim().as_bytes().to_vec());
            }
        }
        diandan_store::db::private_dir(&self.data_dir)
            .map_err(|e| ConfigError(format!("cannot create {}: {e}", self.data_dir.display())))?;
        let secret = diandan_auth::refresh::generate();
        write_private(&path, &secret).map_err(|e| ConfigError(format!("cannot write {}: {e}", path.display())))?;
        Ok(secret.into_bytes())
    }
}

fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?.write_all(text.as_bytes())
}

/// Time limits on a request's head and body, and the connection cap (applied in `server.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Time to send the request line and headers.
    pub head_timeout: Duration,
    /// Time to send a JSON body, from the moment the handler starts reading it.
    pub body_timeout: Duration,
    /// Time to send an upload (a roster file).
    pub upload_timeout: Duration,
    /// Open connections, all workers together; beyond it new ones wait in the listen queue.
    pub max_connections: usize,
    pub workers: usize,
}
