//! A real diandan server on a loopback port, backed by a fresh database.

use crate::client::{send, Resp};
use crate::db::{Backend, TestDb};
use crate::wechat_stub::{self, WeChatStub};
use diandan_api::config::{Config, Mode};
use diandan_api::AppState;
use diandan_store::Db;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

pub struct TestAppBuilder {
    backend: Backend,
    cfg_edits: Vec<Box<dyn FnOnce(&mut Config)>>,
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub cfg: Config,
    pub state: AppState,
    pub wechat: WeChatStub,
    agent: ureq::Agent,
    server: actix_web::dev::ServerHandle,
    pub test_db: TestDb,
}

pub const JWT_SECRET: &str = "test-jwt-secret-test-jwt-secret-0123456789";

pub fn test_config(data_dir: PathBuf, database_url: String, wechat_base: String) -> Config {
    Config {
        mode: Mode::Development,
        addr: "127.0.0.1:0".into(),
        data_dir,
        database_url,
        admin_user: "admin".into(),
        admin_password: Some(crate::ADMIN_PASSWORD.into()),
        dev_login: false,
        wechat_api_base: wechat_base,
        wechat_appid: wechat_stub::APPID.into(),
        wechat_secret: wechat_stub::SECRET.into(),
        wechat_push_token: wechat_stub::PUSH_TOKEN.into(),
        public_url: String::new(),
        jwt_secret: Some(JWT_SECRET.into()),
        access_ttl_secs: 900,
        refresh_ttl_days: 30,
        json_limit: 64 * 1024,
        upload_limit: 32 * 1024 * 1024,
        uploads_at_once: 2,
        photo_limit: 10 * 1024 * 1024,
        header_timeout: Duration::from_secs(5),
        body_timeout: Duration::from_secs(30),
        upload_timeout: Duration::from_secs(300),
        max_connections: 4096,
        max_voting_days: 60,
        proxy_limit: diandan_domain::proxy::DEFAULT_LIMIT,
        db_pool: 4,
        workers: 2,
        trust_forwarded: false,
        login_attempts_per_account: 5,
        login_attempts_per_address: 30,
        login_window: Duration::from_secs(900),
        scheduler_secs: 15,
        seal_ms: 200,
        dispatch_ms: 1000,
        writes_per_user: 300,
        writes_per_address: 3000,
        templates: crate::wechat_stub::templates(),
        miniprogram_state: "developer".into(),
        privacy_version: "2026-12-01".into(),
        calendar: Default::default(),
        deadlines: Default::default(),
    }
}

impl TestAppBuilder {
    pub fn config(mut self, f: impl FnOnce(&mut Config) + 'static) -> Self {
        self.cfg_edits.push(Box::new(f));
        self
    }

    /// Starts the app; None when the backend is PostgreSQL and it is unreachable outside CI.
    pub fn start(self) -> Option<TestApp> {
        let test_db = TestDb::create(self.backend)?;
        let wechat = WeChatStub::start();
        let mut cfg = test_config(test_db.dir.clone(), test_db.url.clone(), wechat.base_url.clone());
        for edit in self.cfg_edits {
            edit(&mut cfg);
        }
        let db = diandan_api::cli::open_db(&cfg).expect("open and migrate test database");
        diandan_api::cli::bootstrap_admin(&db, &cfg).expect("bootstrap admin");
        let state = AppState::new(&cfg, db.clone(), cfg.jwt_secret.as_deref().unwrap_or(JWT_SECRET).as_bytes());
        let (base, server) = spawn_server(state.clone(), cfg.workers);
        let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(60)).build();
        Some(TestApp { base, db, cfg, state, wechat, agent, server, test_db })
    }
}

/// Serves `state` on a fresh loopback port from a thread of its own; returns the base URL.
fn spawn_server(state: AppState, workers: usize) -> (String, actix_web::dev::ServerHandle) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (tx, rx) = std::sync::mpsc::channel();
    let limits = state.limits;
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = actix_web::HttpServer::new(move || diandan_api::build_app(state.clone()));
            let server =
                limits.apply(server).workers(workers).disable_signals().listen(listener).expect("listen").run();
            tx.send(server.handle()).expect("send handle");
            let _ = server.await;
        })
    });
    (base, rx.recv().expect("server started"))
}

/// A second server process's worth of state on the same database (its own pool, caches and
/// in-memory state), as a deployment with two instances has.
pub struct OtherInstance {
    pub base: String,
    server: actix_web::dev::ServerHandle,
}

impl Drop for OtherInstance {
    fn drop(&mut self) {
        let handle = self.server.clone();
        let _ = std::thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(false))).join();
    }
}

impl TestApp {
    /// Starts another instance of the service on this app's database.
    pub fn other_instance(&self) -> OtherInstance {
        let db = diandan_api::cli::open_db(&self.cfg).expect("open the database again");
        let state = AppState::new(&self.cfg, db, self.cfg.jwt_secret.as_deref().unwrap_or(JWT_SECRET).as_bytes());
        let (base, server) = spawn_server(state, self.cfg.workers);
        OtherInstance { base, server }
    }

    /// A request to any base URL (another instance), with this app's client.
    pub fn post_to(&self, base: &str, path: &str, token: Option<&str>, body: Value) -> Resp {
        let bytes = body.to_string().into_bytes();
        send(&self.agent, "POST", &format!("{base}{path}"), token, Some("application/json"), Some(&bytes), &[])
    }

    pub fn builder(backend: Backend) -> TestAppBuilder {
        TestAppBuilder { backend, cfg_edits: Vec::new() }
    }

    pub fn start(backend: Backend) -> Option<TestApp> {
        Self::builder(backend).start()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        content_type: Option<&str>,
        body: Option<&[u8]>,
        headers: &[(&str, &str)],
    ) -> Resp {
        send(&self.agent, method, &self.url(path), token, content_type, body, headers)
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Resp {
        self.request("GET", path, token, None, None, &[])
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        self.post_to(&self.base, path, token, body)
    }

    pub fn put(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        let bytes = body.to_string().into_bytes();
        self.request("PUT", path, token, Some("application/json"), Some(&bytes), &[])
    }

    pub fn delete(&self, path: &str, token: Option<&str>) -> Resp {
        self.request("DELETE", path, token, None, None, &[])
    }

    pub fn login(&self, username: &str, password: &str) -> String {
        let r = self.post("/api/v1/auth/login", None, json!({ "username": username, "password": password }));
        r.expect(200)["access_token"].as_str().expect("access token").to_string()
    }

    pub fn admin(&self) -> String {
        self.login("admin", crate::ADMIN_PASSWORD)
    }

    /// Logs a resident in through the WeChat stub; returns (access token, user id).
    pub fn resident(&self, name: &str) -> (String, String) {
        let r = self.post("/api/v1/auth/wechat", None, json!({ "code": format!("ok-{name}") }));
        let b = r.expect(200);
        (b["access_token"].as_str().unwrap().to_string(), b["user_id"].as_str().unwrap().to_string())
    }

    /// Binds a WeChat-verified phone to the resident.
    pub fn verify_phone(&self, token: &str, phone: &str) {
        self.post("/api/v1/me/phone", Some(token), json!({ "code": format!("phone-{phone}") })).expect(200);
    }

    /// Rows in a table (optionally followed by a WHERE clause), read directly from the database.
    pub fn count(&self, table: &str) -> i64 {
        use diesel::prelude::*;
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        self.db
            .read(|c| {
                diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                    .get_result::<N>(c)
                    .map(|r| r.n)
                    .map_err(diandan_store::StoreError::from)
            })
            .expect("count")
    }

    /// Runs the sealer as the server does after commits; returns (audit entries, receipts) sealed.
    pub fn seal(&self) -> (usize, usize) {
        let s = diandan_app::sealing::seal_pending(&self.db).expect("seal");
        (s.audit, s.bulletin)
    }

    /// Runs the message dispatcher once as the server does, holding its lease as `holder`.
    pub fn dispatch(&self, holder: &str) -> diandan_app::messages::dispatch::Dispatched {
        diandan_app::messages::dispatch::dispatch_due(&self.state.app, &self.state.wechat, holder, 5).expect("dispatch")
    }

    /// Runs one pass of the consultation schedule (openings, closings, closing reminders).
    pub fn tick(&self) -> usize {
        diandan_app::consultations::schedule::tick(&self.db, diandan_store::clock::now())
    }

    /// Uploads `file` as the mini-program does (multipart, field `file`).
    pub fn upload(&self, token: Option<&str>, filename: &str, file: &[u8]) -> Resp {
        let (ct, body) = crate::photos::form("file", filename, file, &[]);
        self.request("POST", "/api/v1/uploads", token, Some(&ct), Some(&body), &[])
    }

    /// Runs the scheduler's removal of unattached photos once; answers how many went.
    pub fn sweep_photos(&self) -> usize {
        diandan_app::uploads::sweep::sweep(&self.state.app).expect("sweep")
    }

    /// Runs raw SQL (for tests that tamper with stored data).
    pub fn exec(&self, sql: &str) {
        use diesel::prelude::*;
        self.db.write(|c| diesel::sql_query(sql).execute(c).map_err(diandan_store::StoreError::from)).expect("exec");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop the server before the database is dropped.
        let handle = self.server.clone();
        let _ = std::thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(false))).join();
    }
}
