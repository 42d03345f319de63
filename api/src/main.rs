use clap::Parser;
use diandan_api::cli::{self, Cli, Command};
use diandan_api::config::Config;

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_target(false).init();
}

fn main() {
    let cli = Cli::parse();
    init_tracing();
    let cfg = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => actix_web::rt::System::new().block_on(cli::serve(cfg)),
        Command::Migrate => cli::open_db(&cfg).map(|_| println!("migrations up to date")),
        Command::ImportRoster { file, community, encoding } => cli::import_roster(&cfg, &file, &community, &encoding),
        Command::VerifyAudit => match cli::verify_audit(&cfg) {
            Ok(true) => Ok(()),
            Ok(false) => std::process::exit(1),
            Err(e) => Err(e),
        },
        Command::Demo => diandan_api::demo::run(&cfg),
        Command::Openapi => {
            print!("{}", diandan_api::openapi::yaml());
            Ok(())
        }
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
