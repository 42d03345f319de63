//! Ballots in many communities at once: 20 communities of 250 dwellings (50 with --quick),
//! every owner verified through the API and a consultation open in each; then the same number
//! of ballots from the same clients cast (a) all into one of those consultations and (b)
//! spread over the 20. Rows one ballot locks that belong to its consultation (its bulletin
//! chain, its tally cells) are then spread 20 ways; rows every ballot locks (one audit chain
//! for the whole service) are not — their ratio shows what is global.

use crate::harness::*;
use crate::setup::*;
use serde_json::{json, Value};
use std::time::Duration;

pub const COMMUNITIES: usize = 20;
const CLIENTS: usize = 32;

/// One community's open consultation and its verified owners.
struct Round {
    id: String,
    items: Vec<String>,
    owners: Vec<Owner>,
}

/// The 20 communities, in `district`, numbered after the benchmark's main community (0).
fn rounds(agent: &ureq::Agent, base: &str, admin: &str, district: &str, dwellings: usize) -> Vec<Round> {
    (1..=COMMUNITIES)
        .map(|ci| {
            let community = community(agent, base, admin, district, &format!("并发小区{ci}"), &roster(dwellings, ci));
            let committee = staff(agent, base, admin, &format!("bench-committee-{ci}"), "committee", &community);
            let owners = verify_owners(base, admin, &community, 16);
            let (id, items) = consultation(agent, base, &committee, &community, "多小区");
            Round { id, items, owners }
        })
        .collect()
}

/// `total` ballots over HTTP, ballot i into round i mod |rounds| by one of its owners in turn
/// (`offset` varies the choices between calls); the wall time.
fn cast(base: &str, rounds: &[Round], total: usize, offset: usize) -> Duration {
    let (_, wall) = load(CLIENTS, total, |_, agent, i| {
        let r = &rounds[i % rounds.len()];
        let o = &r.owners[(i / rounds.len()) % r.owners.len()];
        expect(
            agent,
            "POST",
            &format!("{base}/api/v1/consultations/{}/ballot", r.id),
            Some(&o.token),
            Some(&ballot_body(&r.items, i + offset)),
            201,
        );
    });
    wall
}

pub fn run(agent: &ureq::Agent, base: &str, admin: &str, district: &str, quick: bool) -> Value {
    let dwellings = if quick { 50 } else { 250 };
    let ballots = if quick { 2_000 } else { 10_000 };
    eprintln!("setting up {COMMUNITIES} communities of {dwellings} dwellings...");
    let rounds = rounds(agent, base, admin, district, dwellings);
    // Every owner votes once first, so that both measured sides are revisions only.
    let everyone: usize = rounds.iter().map(|r| r.owners.len()).sum();
    cast(base, &rounds, everyone, 0);
    eprintln!("{ballots} ballots into one community, {ballots} spread over {COMMUNITIES}...");
    // In alternating halves, so that drift (table growth, autovacuum) falls on both alike.
    let (mut one, mut twenty) = (Duration::ZERO, Duration::ZERO);
    for half in 0..2 {
        one += cast(base, &rounds[..1], ballots / 2, (2 * half + 1) * ballots);
        twenty += cast(base, &rounds, ballots / 2, (2 * half + 2) * ballots);
    }
    let (one_per_s, twenty_per_s) = (ballots as f64 / one.as_secs_f64(), ballots as f64 / twenty.as_secs_f64());
    json!({
        "communities": COMMUNITIES,
        "community_dwellings": dwellings,
        "community_ballots": ballots,
        "community_clients": CLIENTS,
        "one_community_per_s": round2(one_per_s),
        "twenty_communities_per_s": round2(twenty_per_s),
        "twenty_to_one_ratio": round2(twenty_per_s / one_per_s),
    })
}
