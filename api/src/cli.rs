//! The `diandan` command line: serve, migrate, import-roster, verify-audit, demo, openapi.

use crate::config::Config;
use crate::problem::Error;
use crate::state::AppState;
use clap::{Parser, Subcommand};
use diandan_store::{Db, PoolOptions};

#[derive(Parser, Debug)]
#[command(name = "diandan", version, about = "Resident consultation on old-community renovation (点单)")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the HTTP service (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Import a roster CSV (UTF-8 or GBK) into a community, with a progress bar.
    ImportRoster {
        /// The CSV file or XLSX workbook.
        file: std::path::PathBuf,
        /// The community id.
        #[arg(long)]
        community: String,
        /// auto (default), utf-8 or gbk (CSV only).
        #[arg(long, default_value = "auto")]
        encoding: String,
        /// The workbook's sheet to import (default: the first).
        #[arg(long)]
        sheet: Option<String>,
    },
    /// Verify the audit log's hash chains; exits 1 naming the first broken entry.
    VerifyAudit,
    /// Create a demo district, community, roster and accounts, and print how to use them.
    Demo,
    /// Print the OpenAPI document (YAML).
    Openapi,
    /// Print the error codes with their statuses, meanings and operations (docs/error-codes.md).
    ErrorCodes,
}

pub fn open_db(cfg: &Config) -> anyhow_lite::Result<Db> {
    let db = Db::open(&cfg.database_url, &PoolOptions { size: cfg.db_pool, ..Default::default() })
        .map_err(|e| anyhow_lite::msg(format!("cannot open database {}: {e}", redact(&cfg.database_url))))?;
    let applied = db.migrate().map_err(|e| anyhow_lite::msg(e.to_string()))?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    Ok(db)
}

/// Hides a password in a database URL before it is printed.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Creates the first admin when no admin exists. Returns the generated password, if one was
/// generated (it is shown once and never stored in clear).
pub fn bootstrap_admin(db: &Db, cfg: &Config) -> Result<Option<String>, Error> {
    diandan_app::accounts::bootstrap::bootstrap_admin(db, &cfg.admin_user, cfg.admin_password.as_deref())
}

pub async fn serve(cfg: Config) -> anyhow_lite::Result<()> {
    if cfg.dev_login {
        tracing::warn!(
            "!!! DIANDAN_DEV_LOGIN=1: anyone can log in as any resident with code dev:<name>. Never enable this in production. !!!"
        );
        eprintln!(
            "WARNING: development login is ENABLED (DIANDAN_DEV_LOGIN=1): codes dev:<name> log in without WeChat."
        );
    }
    let db = open_db(&cfg)?;
    if let Some(pw) = bootstrap_admin(&db, &cfg).map_err(|e| anyhow_lite::msg(e.to_string()))? {
        eprintln!("==============================================================");
        eprintln!(" First start: created admin '{}' with password: {pw}", cfg.admin_user);
        eprintln!(" It is shown only this once. Set DIANDAN_ADMIN_PASSWORD to choose it.");
        eprintln!("==============================================================");
    }
    let secret = cfg.jwt_secret_bytes().map_err(|e| anyhow_lite::msg(e.to_string()))?;
    let state = AppState::new(&cfg, db.clone(), &secret);
    // Entries committed before a crash are sealed before the first request is answered.
    seal(&db);
    spawn_sealer(db.clone(), cfg.seal_ms);
    spawn_scheduler(state.app.clone(), cfg.scheduler_secs, cfg.login_window);
    spawn_dispatcher(state.app.clone(), state.wechat.clone(), cfg.dispatch_ms);
    let blocking_threads = (cfg.db_pool as usize + 2).max(4);
    tracing::info!(addr = %cfg.addr, database = %redact(&cfg.database_url), workers = cfg.workers, "diandan listening");
    eprintln!("diandan listening on http://{} (database: {})", cfg.addr, redact(&cfg.database_url));
    let limits = state.limits;
    limits
        .apply(actix_web::HttpServer::new(move || crate::build_app(state.clone())))
        .workers(cfg.workers)
        .worker_max_blocking_threads(blocking_threads)
        .bind(&cfg.addr)
        .map_err(|e| anyhow_lite::msg(format!("cannot listen on {}: {e}", cfg.addr)))?
        .run()
        .await
        .map_err(|e| anyhow_lite::msg(e.to_string()))
}

/// Links committed audit entries and receipts into their chains, off the request path.
fn spawn_sealer(db: Db, every_ms: u64) {
    std::thread::Builder::new()
        .name("sealer".into())
        .spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_millis(every_ms.max(10)));
            seal(&db);
        })
        .expect("spawn sealer thread");
}

fn seal(db: &Db) {
    match diandan_app::sealing::seal_pending(db) {
        Ok(s) if s.audit + s.bulletin > 0 => tracing::debug!(audit = s.audit, bulletin = s.bulletin, "sealed"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "sealing failed; retried on the next run"),
    }
}

/// Sends queued subscribe messages while this process holds the dispatcher's lease.
fn spawn_dispatcher(
    app: std::sync::Arc<diandan_app::Context>,
    wechat: std::sync::Arc<diandan_auth::wechat::WeChat>,
    every_ms: u64,
) {
    // The lease outlives a few runs, so a holder that dies is replaced within seconds.
    let lease_secs = ((every_ms * 5) / 1000).max(5) as i64;
    let holder = diandan_store::clock::new_id();
    std::thread::Builder::new()
        .name("dispatcher".into())
        .spawn(move || loop {
            match diandan_app::messages::dispatch::dispatch_due(&app, &wechat, &holder, lease_secs) {
                Ok(d) if d.sent + d.failed + d.retried + d.refused + d.no_grant + d.interrupted > 0 => {
                    tracing::info!(
                        sent = d.sent,
                        failed = d.failed,
                        retried = d.retried,
                        refused = d.refused,
                        no_grant = d.no_grant,
                        interrupted = d.interrupted,
                        "messages dispatched"
                    )
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "message dispatch failed; retried on the next run"),
            }
            std::thread::sleep(std::time::Duration::from_millis(every_ms.max(50)));
        })
        .expect("spawn dispatcher thread");
}

/// Runs the consultation schedule (opening and closing by time) on its own thread, drops
/// failed-login counters whose window has ended and photos never attached.
fn spawn_scheduler(app: std::sync::Arc<diandan_app::Context>, every_secs: u64, login_window: std::time::Duration) {
    let db = app.db.clone();
    std::thread::Builder::new()
        .name("scheduler".into())
        .spawn(move || loop {
            match diandan_app::uploads::sweep::sweep(&app) {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "unattached photos removed"),
                Err(e) => tracing::warn!(error = %e, "could not remove unattached photos"),
            }
            if let Err(e) = diandan_app::uploads::media_check::ask_again(&app) {
                tracing::warn!(error = %e, "could not ask again for photo checks");
            }
            let now = diandan_store::clock::now();
            let moved = crate::scheduler::tick(&db, now);
            if moved > 0 {
                tracing::info!(moved, "scheduled consultation transitions applied");
            }
            if let Err(e) = diandan_app::accounts::login::prune_attempts(&db, now, login_window) {
                tracing::warn!(error = %e, "could not prune failed-login counters");
            }
            std::thread::sleep(std::time::Duration::from_secs(every_secs.max(1)));
        })
        .expect("spawn scheduler thread");
}

pub fn import_roster(
    cfg: &Config,
    file: &std::path::Path,
    community_id: &str,
    encoding: &str,
    sheet: Option<&str>,
) -> anyhow_lite::Result<()> {
    let enc = diandan_app::roster::file::encoding_from(Some(encoding), None).map_err(|e| anyhow_lite::msg(e.detail))?;
    let bytes = std::fs::read(file).map_err(|e| anyhow_lite::msg(format!("cannot read {}: {e}", file.display())))?;
    let db = open_db(cfg)?;
    let rows = diandan_app::roster::file::parse(&bytes, enc, sheet).map_err(|e| {
        let mut msg = format!("{}: {}", file.display(), e.detail);
        for fe in e.errors.iter().take(20) {
            msg.push_str(&format!("\n  {}: {}", fe.field, fe.message));
        }
        anyhow_lite::msg(msg)
    })?;
    let bar = indicatif::ProgressBar::new(rows.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} importing [{bar:40}] {pos}/{len} dwellings ({per_sec}, {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let started = std::time::Instant::now();
    let summary =
        diandan_app::roster::import::import_as_operator(&db, community_id, &bytes, &rows, &mut |n| bar.set_position(n))
            .map_err(|e| anyhow_lite::msg(e.detail))?;
    bar.finish_and_clear();
    println!(
        "imported {} rows in {:.2} s: {} created, {} updated, {} unchanged ({} buildings, {} units new)",
        summary.rows,
        started.elapsed().as_secs_f64(),
        summary.created,
        summary.updated,
        summary.unchanged,
        summary.buildings_created,
        summary.units_created
    );
    Ok(())
}

pub fn verify_audit(cfg: &Config) -> anyhow_lite::Result<bool> {
    let db = open_db(cfg)?;
    let v = diandan_app::audit::verify_chain(&db).map_err(|e| anyhow_lite::msg(e.to_string()))?;
    if v.ok {
        println!("audit log intact: {} entries in {} chains", v.entries, v.chains.len());
        for c in &v.chains {
            println!("  {}: {} entries, head {}", c.chain, c.entries, c.head);
        }
        if v.unsealed > 0 {
            // Committed but not linked yet: a running server seals them within a second, a
            // stopped one when it starts.
            println!("{} entries not sealed yet (no hash covers them until the server seals them)", v.unsealed);
        }
    } else {
        println!("audit log BROKEN at {}", v.broken.unwrap_or_default());
    }
    Ok(v.ok)
}

/// A small error type for the command line (keeps anyhow out of the dependency tree).
pub mod anyhow_lite {
    #[derive(Debug)]
    pub struct Error(pub String);
    impl std::fmt::Display for Error {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }
    pub type Result<T> = std::result::Result<T, Error>;
    pub fn msg(s: impl Into<String>) -> Error {
        Error(s.into())
    }
}
