//! `diandan-bench NAME [--backend sqlite|postgres] [--quick] [--check]` — run through
//! `scripts/bench`. The last line printed is one JSON object of figures. The load benchmark
//! exits 1 when an acknowledged ballot was lost, and with `--check` (as CI runs it) also when
//! an enforced target is missed (`load::ENFORCED`; `load::REPORTED` ones are only printed).

mod ceilings;
mod communities;
mod consultation;
mod demand;
mod feed;
mod feed_ceiling;
mod harness;
mod load;
mod setup;
mod sql_ceiling;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let name = args.first().cloned().unwrap_or_default();
    let backend = args
        .iter()
        .position(|a| a == "--backend")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "sqlite".into());
    let quick = args.iter().any(|a| a == "--quick");
    let check = args.iter().any(|a| a == "--check");
    if backend != "sqlite" && backend != "postgres" {
        eprintln!("--backend must be sqlite or postgres");
        std::process::exit(2);
    }
    let figures = match name.as_str() {
        "consultation" => consultation::run(&backend, quick),
        "demand" => demand::run(&backend, quick),
        "load" => load::run(&backend, quick),
        "feed" => feed::run(&backend, quick),
        _ => {
            eprintln!(
                "usage: diandan-bench consultation|demand|feed|load [--backend sqlite|postgres] [--quick] [--check]"
            );
            std::process::exit(2);
        }
    };
    println!("{figures}");
    if name == "load" || name == "feed" {
        for m in load::missed_targets(&figures, &load::REPORTED) {
            eprintln!("target missed (reported, not enforced): {m}");
        }
        let missed = load::missed_targets(&figures, &load::ENFORCED);
        for m in &missed {
            eprintln!("target missed: {m}");
        }
        if figures["lost_acknowledged"].as_u64().is_some_and(|n| n > 0) || (check && !missed.is_empty()) {
            std::process::exit(1);
        }
    }
}
