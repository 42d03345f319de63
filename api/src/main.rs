use clap::Parser;
use diandan_api::cli::{self, Cli, Command};
use diandan_api::config::Config;

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // The HTTP client logs each request's URL at debug level, and the WeChat URLs carry the app
    // secret, the access token or a user's code in their query: never below warn, whatever
    // RUST_LOG asks for.
    let filter = filter.add_directive("ureq=warn".parse().expect("a valid directive"));
    tracing_subscriber::fmt().with_env_filter(filter).with_target(false).init();
}

/// Ends the process without running C `atexit` handlers. libpq's OpenSSL registers cleanup
/// there, and the connection pool's background threads may still be inside libpq when `main`
/// returns: running that cleanup under them segfaults now and then (seen as exit code 139
/// from `verify-audit` on PostgreSQL). Everything this program writes is committed or flushed
/// before this is called.
fn finish(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: _exit only ends the process; no Rust state is used after it.
    unsafe { libc::_exit(code) }
}

/// Makes glibc hand every allocation of 128 KiB or more straight back to the system when it is
/// freed. By default glibc raises that threshold to the size of the largest block freed so far
/// (up to 32 MiB), so after the first password hash (argon2 works in 19 MiB) such blocks are
/// carved from the per-thread heaps instead and stay resident once freed: measured with
/// `scripts/bench load --quick`, peak RSS 145 MB with the sliding threshold, 58 MB with it
/// fixed, same ballot rate. A fixed value turns the sliding off; 128 KiB is glibc's own start.
fn return_large_frees_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

fn main() {
    return_large_frees_to_the_system();
    let cli = Cli::parse();
    init_tracing();
    let cfg = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            finish(2);
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => actix_web::rt::System::new().block_on(cli::serve(cfg)),
        Command::Migrate => cli::open_db(&cfg).map(|_| println!("migrations up to date")),
        Command::ImportRoster { file, community, encoding, sheet } => {
            cli::import_roster(&cfg, &file, &community, &encoding, sheet.as_deref())
        }
        Command::VerifyAudit => match cli::verify_audit(&cfg) {
            Ok(true) => Ok(()),
            Ok(false) => finish(1),
            Err(e) => Err(e),
        },
        Command::Demo => diandan_api::demo::run(&cfg),
        Command::ErrorCodes => {
            print!("{}", diandan_api::openapi_codes::markdown(&diandan_api::openapi::document()));
            Ok(())
        }
        Command::Openapi => {
            print!("{}", diandan_api::openapi::yaml());
            Ok(())
        }
    };
    match result {
        Ok(()) => finish(0),
        Err(e) => {
            eprintln!("error: {e}");
            finish(1)
        }
    }
}
