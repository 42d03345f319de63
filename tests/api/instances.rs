//! Several instances on one PostgreSQL: three `diandan serve` processes share one database
//! (a schema of the test server), with clients spread across them. An instance killed with
//! SIGKILL under voting load loses no acknowledged ballot and the others keep serving; every
//! instance runs the schedule, yet each consultation opens and closes once; failed logins on
//! all instances count together; one instance's cached demand figures follow publications
//! made through another. PostgreSQL only (plain `#[test]`s, as in outage.rs): on SQLite one
//! process owns its database file.

use crate::live::*;
use diandan_testkit::{Backend, TestDb};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::process::Child;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Three servers on one database, killed when dropped.
struct Instances {
    servers: Vec<Reaper>,
    bases: Vec<String>,
}

/// Starts three servers on `db` at the same moment: on the fresh database they all run the
/// migrations and try to create the first admin; the startup lock makes one do it while the
/// others wait (before it, two of three exited on duplicate catalogue rows).
fn three(db: &TestDb, env: &[(&str, &str)]) -> Instances {
    let started: Vec<(Child, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..3).map(|_| s.spawn(|| start_with_env(&db.url, &db.dir, env))).collect();
        handles.into_iter().map(|h| h.join().expect("an instance failed to start")).collect()
    });
    let (servers, bases) = started.into_iter().map(|(child, base)| (Reaper(child), base)).unzip();
    Instances { servers, bases }
}

impl Instances {
    fn api(&self, i: usize) -> String {
        format!("{}/api/v1", self.bases[i])
    }
}

fn client() -> ureq::Agent {
    ureq::AgentBuilder::new().timeout(Duration::from_secs(10)).build()
}

/// Polls `done` every 20 ms until it holds; fails naming `what` after `limit`.
fn eventually(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let t0 = Instant::now();
    while !done() {
        assert!(t0.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_state(agent: &ureq::Agent, api: &str, admin: &str, cid: &str, state: &str) {
    eventually(&format!("consultation {cid} {state}"), Duration::from_secs(15), || {
        ok(agent, "GET", &format!("{api}/consultations/{cid}"), Some(admin), None, 200)["state"] == state
    });
}

// ---- 1. SIGKILL of one instance under voting load ----------------------------------------

const CHOICES: [&str; 3] = ["support", "oppose", "abstain"];
const THREADS: usize = OWNERS / 2;
/// Ballots acknowledged before the kill, and after it, before the load stops.
const BALLOTS_EACH_SIDE: usize = 80;
const KILLED: usize = 1;

struct Ack {
    owner: usize,
    choice: &'static str,
    receipt: String,
    /// The instance the request went to first, and the one that answered it.
    first: usize,
    by: usize,
    /// Sent after the killed instance had died.
    after_kill: bool,
}

/// A choice on the first item; the second is always supported.
fn ballot(items: &[String], choice: &str) -> Value {
    json!({ "choices": { &items[0]: { "choice": choice }, &items[1]: { "choice": "support" } } })
}

/// Sends the ballot to instance `first`; while an instance cannot be reached the same request,
/// with the same key, goes to the next one. Answers which instance answered, and its body.
fn cast_anywhere(
    agent: &ureq::Agent,
    bases: &[String],
    first: usize,
    cid: &str,
    token: &str,
    body: &Value,
    key: &str,
) -> (usize, Value) {
    for attempt in 0..2 * bases.len() {
        let i = (first + attempt) % bases.len();
        let url = format!("{}/api/v1/consultations/{cid}/ballot", bases[i]);
        match call(agent, "POST", &url, Some(token), Some(body.clone()), &[("Idempotency-Key", key)]) {
            Ok((201, v)) => return (i, v),
            Ok((s, v)) => panic!("ballot {key} answered {s} by instance {i}: {v}"),
            Err(_) => continue, // unreachable: the next instance gets the same request
        }
    }
    panic!("no instance answered ballot {key}");
}

/// (support, oppose, abstain) heads of `item` over all its cells.
fn heads(cells: &[diandan_store::ballots::CellRow], item: &str) -> (i64, i64, i64) {
    cells
        .iter()
        .filter(|c| c.item_id == item)
        .fold((0, 0, 0), |(s, o, a), c| (s + c.support_heads, o + c.oppose_heads, a + c.abstain_heads))
}

#[test]
fn a_killed_instance_loses_no_acknowledged_ballot_and_the_others_keep_serving() {
    let Some(db) = TestDb::create(Backend::Postgres) else { return };
    let mut instances = three(&db, &[]);
    let bases = instances.bases.clone();
    let agent = client();
    let Vote { admin, cid, items, owners } = setup_vote(&agent, &bases[0]);

    // One key on three instances: B answers what A answered, C refuses the key with another body.
    let url = |i: usize| format!("{}/api/v1/consultations/{cid}/ballot", bases[i]);
    let key = [("Idempotency-Key", "one-key-three-instances")];
    let (status, first) =
        call(&agent, "POST", &url(0), Some(&owners[0]), Some(ballot(&items, "support")), &key).unwrap();
    assert_eq!(status, 201, "{first}");
    let replay = call(&agent, "POST", &url(1), Some(&owners[0]), Some(ballot(&items, "support")), &key).unwrap();
    assert_eq!(replay, (201, first.clone()), "a replay on another instance answers the first answer");
    let (status, reused) =
        call(&agent, "POST", &url(2), Some(&owners[0]), Some(ballot(&items, "oppose")), &key).unwrap();
    assert_eq!((status, reused["code"].as_str()), (422, Some("idempotency_key_reused")), "{reused}");
    let receipt = first["receipt"].as_str().unwrap().to_string();
    let acks = Mutex::new(vec![Ack { owner: 0, choice: "support", receipt, first: 0, by: 0, after_kill: false }]);

    // Owners vote and revise from 8 threads, round robin over the instances; one instance is
    // killed midway and not restarted.
    let (stop, killed) = (AtomicBool::new(false), AtomicBool::new(false));
    std::thread::scope(|s| {
        for t in 0..THREADS {
            let (stop, killed, acks, owners, items, cid, bases) =
                (&stop, &killed, &acks, &owners, &items, &cid, &bases);
            s.spawn(move || {
                let agent = client();
                let mut n = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let owner = t * 2 + n % 2;
                    n += 1;
                    let choice = CHOICES[(n + t) % 3];
                    let first = (t + n) % bases.len();
                    let after_kill = killed.load(Ordering::Relaxed);
                    let key = format!("t{t}-n{n}");
                    let body = ballot(items, choice);
                    let (by, v) = cast_anywhere(&agent, bases, first, cid, &owners[owner], &body, &key);
                    let receipt = v["receipt"].as_str().unwrap().to_string();
                    acks.lock().unwrap().push(Ack { owner, choice, receipt, first, by, after_kill });
                }
            });
        }
        let count = || acks.lock().unwrap().len();
        eventually("ballots before the kill", Duration::from_secs(30), || count() >= BALLOTS_EACH_SIDE);
        let server = &mut instances.servers[KILLED].0;
        server.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix
        server.wait().expect("reap");
        killed.store(true, Ordering::Relaxed);
        let at_kill = count();
        eventually("ballots after the kill", Duration::from_secs(30), || count() >= at_kill + BALLOTS_EACH_SIDE);
        stop.store(true, Ordering::Relaxed);
    });
    let acks = acks.into_inner().unwrap();

    // The survivors kept answering: of the ballots acknowledged after the kill, at most one per
    // thread was already under way; those aimed at the dead instance went to another one.
    let after: Vec<&Ack> = acks.iter().filter(|a| a.after_kill).collect();
    assert!(after.len() >= BALLOTS_EACH_SIDE - THREADS, "{} ballots acknowledged after the kill", after.len());
    assert!(after.iter().all(|a| a.by != KILLED), "the killed instance answered");
    assert!((0..bases.len()).filter(|i| *i != KILLED).all(|i| after.iter().any(|a| a.by == i)), "a survivor was idle");
    let moved = after.iter().filter(|a| a.first == KILLED).count();
    assert!(moved > 0, "no request aimed at the killed instance was moved");
    eprintln!("{} ballots acknowledged, {} after the kill, {moved} of them moved", acks.len(), after.len());

    // Every acknowledged ballot is stored, and nothing else: a request retried on another
    // instance after its first instance had committed it got the stored answer, it was not
    // cast twice. The latest acknowledged ballot of each owner counts.
    let api = format!("{}/api/v1", bases[0]);
    for (i, token) in owners.iter().enumerate() {
        let mine: Vec<&Ack> = acks.iter().filter(|a| a.owner == i).collect();
        let ballot = ok(&agent, "GET", &format!("{api}/consultations/{cid}/ballot"), Some(token), None, 200);
        let versions = ballot["versions"].as_array().unwrap();
        let stored: HashSet<&str> = versions.iter().map(|v| v["receipt"].as_str().unwrap()).collect();
        let acked: HashSet<&str> = mine.iter().map(|a| a.receipt.as_str()).collect();
        assert_eq!(acked.len(), mine.len(), "owner {i}: two acknowledgements share a receipt");
        assert_eq!(versions.len(), stored.len(), "owner {i}: two versions share a receipt");
        let lost: Vec<_> = acked.difference(&stored).collect();
        let unacknowledged: Vec<_> = stored.difference(&acked).collect();
        assert!(
            lost.is_empty() && unacknowledged.is_empty(),
            "owner {i}: lost {lost:?}, never acknowledged {unacknowledged:?}"
        );
        let last = mine.last().unwrap_or_else(|| panic!("owner {i} never voted"));
        let latest = versions.iter().max_by_key(|v| v["version"].as_i64().unwrap()).unwrap();
        assert_eq!((latest["receipt"].as_str(), &latest["status"]), (Some(last.receipt.as_str()), &json!("counted")));
        assert_eq!(versions.iter().filter(|v| v["status"] == "counted").count(), 1, "owner {i}: one counting version");
    }

    // The sealers of the survivors link every receipt into its chain.
    let verify = format!("{api}/audit/verify");
    eventually("entries sealed", Duration::from_secs(10), || {
        ok(&agent, "GET", &verify, Some(&admin), None, 200)["unsealed"] == 0
    });
    for a in acks.iter().step_by(7) {
        let url = format!("{api}/consultations/{cid}/bulletin/{}", a.receipt);
        let found = ok(&agent, "GET", &url, Some(&owners[a.owner]), None, 200);
        assert!(found["entry"]["seq"].as_i64().is_some_and(|s| s >= 1), "receipt {} unsealed: {found}", a.receipt);
    }

    // The running tally equals a recount, and holds each owner's latest choice once.
    let cells = tally_equals_recount(&db, &cid);
    let latest: Vec<&str> = (0..owners.len()).map(|i| acks.iter().rfind(|a| a.owner == i).unwrap().choice).collect();
    let count = |c: &str| latest.iter().filter(|l| **l == c).count() as i64;
    assert_eq!(heads(&cells, &items[0]), (count("support"), count("oppose"), count("abstain")));
    assert_eq!(heads(&cells, &items[1]), (OWNERS as i64, 0, 0));
    let verified = ok(&agent, "GET", &verify, Some(&admin), None, 200);
    assert_eq!(verified["ok"], true, "{verified}");
}

// ---- 2. Every instance runs the schedule -------------------------------------------------

/// Enough consultations that one instance's pass over them outlasts the gap between the
/// instances' ticks (their schedules are a few tens of milliseconds apart, as they started).
const SCHEDULED: usize = 30;

#[test]
fn every_instance_runs_the_schedule_yet_each_consultation_opens_and_closes_once() {
    let Some(db) = TestDb::create(Backend::Postgres) else { return };
    let instances = three(&db, &[("DIANDAN_SCHEDULER_SECS", "1")]);
    let agent = client();
    let api = instances.api(0);
    let admin = admin_token(&agent, &api);
    let district = district(&agent, &api, &admin, "调度街道");
    let (community, _) = community_with_roster(&agent, &api, &admin, &district, "调度小区");
    // Drafted through all three instances; every window opens in 3 s and closes 2 s later, so
    // every instance's scheduler finds them all due within the same second.
    let now = chrono::Utc::now();
    let window = (now + chrono::Duration::seconds(3), now + chrono::Duration::seconds(5));
    let ids: Vec<String> = (0..SCHEDULED)
        .map(|k| announced(&agent, &instances.api(k % 3), &admin, &community, &["water_supply"], window).0)
        .collect();
    for (k, id) in ids.iter().enumerate() {
        wait_state(&agent, &instances.api(k % 3), &admin, id, "closed");
    }
    // One opening (the roll frozen once: 16 owners) and one closing each, both by the schedule.
    let log = ok(&agent, "GET", &format!("{api}/audit?community_id={community}&limit=500"), Some(&admin), None, 200);
    for id in &ids {
        let moves: Vec<(&str, &Value, &Value)> = log
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["object_id"] == id.as_str())
            .filter(|e| e["action"] == "consultation.open" || e["action"] == "consultation.close")
            .map(|e| (e["action"].as_str().unwrap(), &e["detail"]["scheduled"], &e["detail"]["owners"]))
            .collect();
        assert_eq!(
            moves,
            vec![
                ("consultation.close", &json!(true), &Value::Null),
                ("consultation.open", &json!(true), &json!(OWNERS))
            ],
            "consultation {id}, newest first"
        );
    }
    // The race was run: instances found consultations being moved, or moved, by another one
    // (their transactions rolled back, which they log).
    let raced: usize =
        instances.bases.iter().map(|b| server_log(&db.dir, b).matches("scheduled transition refused").count()).sum();
    eprintln!("{raced} scheduled transitions refused, another instance having made them");
    assert!(raced > 0, "the instances' schedules never overlapped: nothing was raced");
}

// ---- 3. The login throttle -----------------------------------------------------------------

const CLERK_PASSWORD: &str = "clerk-password-1";

/// A password login on `api`: the status, the problem's code (empty on success), Retry-After.
fn login(agent: &ureq::Agent, api: &str, username: &str, password: &str) -> (u16, String, Option<u64>) {
    let sent =
        agent.post(&format!("{api}/auth/login")).send_json(json!({ "username": username, "password": password }));
    let resp = match sent {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("login on {api}: {e}"),
    };
    let (status, retry) = (resp.status(), resp.header("retry-after").and_then(|v| v.parse().ok()));
    let body: Value = resp.into_json().unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_string(), retry)
}

fn staff(agent: &ureq::Agent, api: &str, admin: &str, username: &str) {
    let body = json!({ "username": username, "password": CLERK_PASSWORD, "display_name": username });
    ok(agent, "POST", &format!("{api}/users"), Some(admin), Some(body), 201);
}

#[test]
fn failed_logins_spread_over_the_instances_count_together() {
    let Some(db) = TestDb::create(Backend::Postgres) else { return };
    let instances = three(&db, &[("DIANDAN_LOGIN_MAX_PER_ACCOUNT", "5")]);
    let agent = client();
    let admin = admin_token(&agent, &instances.api(0));
    staff(&agent, &instances.api(0), &admin, "clerk");
    staff(&agent, &instances.api(0), &admin, "cashier");

    // Five failures, on instances A, B, C, A, B.
    for n in 0..5 {
        let (status, code, _) = login(&agent, &instances.api(n % 3), "clerk", "wrong-password");
        assert_eq!((status, code.as_str()), (401, "invalid_credentials"), "failure {n}");
    }
    // The sixth attempt is refused on every instance, before its password is looked at: even
    // the right one.
    for i in 0..3 {
        let (status, code, retry) = login(&agent, &instances.api(i), "clerk", CLERK_PASSWORD);
        assert_eq!((status, code.as_str()), (429, "too_many_attempts"), "instance {i}");
        assert!(retry.is_some_and(|s| (1..=900).contains(&s)), "instance {i}: Retry-After {retry:?}");
    }
    // Nine failures at once, three on each instance: exactly five are counted (and checked),
    // the other four refused.
    let mut answers: Vec<(u16, String)> = std::thread::scope(|s| {
        let guesses: Vec<_> = (0..9)
            .map(|n| {
                let api = instances.api(n % 3);
                s.spawn(move || {
                    let (status, code, _) = login(&client(), &api, "cashier", "wrong-password");
                    (status, code)
                })
            })
            .collect();
        guesses.into_iter().map(|g| g.join().unwrap()).collect()
    });
    answers.sort();
    let expected: Vec<(u16, String)> = [(401, "invalid_credentials"); 5]
        .into_iter()
        .chain([(429, "too_many_attempts"); 4])
        .map(|(s, c)| (s, c.to_string()))
        .collect();
    assert_eq!(answers, expected);
    // The counters are the accounts': another account logs in.
    assert_eq!(login(&agent, &instances.api(1), "admin", ADMIN_PASSWORD).0, 200);
}

// ---- 4. Caches ----------------------------------------------------------------------------

/// Owner `key`'s token, bound to their dwelling among `dwellings`.
fn owner(agent: &ureq::Agent, api: &str, dwellings: &[Value], key: &str) -> String {
    verified_owner(agent, api, dwellings.iter().find(|d| d["owner_key"] == key).unwrap())
}

fn vote(agent: &ureq::Agent, api: &str, token: &str, cid: &str, choices: &[(&String, &str)]) {
    let choices: serde_json::Map<String, Value> =
        choices.iter().map(|(item, c)| (item.to_string(), json!({ "choice": c }))).collect();
    let url = format!("{api}/consultations/{cid}/ballot");
    ok(agent, "POST", &url, Some(token), Some(json!({ "choices": choices })), 201);
}

/// Takes a closed consultation through its review to publication; every item is rejected (two
/// voters of sixteen reach no quorum, and an item that missed its threshold cannot be approved).
fn publish(agent: &ureq::Agent, api: &str, admin: &str, cid: &str, items: &[String]) {
    let post = |path: &str, body: Value| {
        ok(agent, "POST", &format!("{api}/consultations/{cid}/{path}"), Some(admin), Some(body), 200)
    };
    post("preliminary", json!({}));
    for item in items {
        post(&format!("items/{item}/decision"), json!({ "decision": "rejected", "reason": "未达法定比例" }));
    }
    post("finish-review", json!({}));
    post("publish", json!({}));
}

/// The (support, oppose) weights of item `code` in a demand list or district summary.
fn support_oppose(list: &Value, code: &str) -> (Value, Value) {
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("{code} in {list}"));
    (item["support"].clone(), item["oppose"].clone())
}

fn weight(area: &str, headcount: i64) -> Value {
    json!({ "area": area, "headcount": headcount })
}

#[test]
fn cached_demand_figures_follow_publications_made_through_another_instance() {
    let Some(db) = TestDb::create(Backend::Postgres) else { return };
    let instances = three(&db, &[("DIANDAN_SCHEDULER_SECS", "1")]);
    let (a, b, c) = (instances.api(0), instances.api(1), instances.api(2));
    let agent = client();
    let admin = admin_token(&agent, &a);
    let district = district(&agent, &a, &admin, "需求街道");
    let (east, east_dwellings) = community_with_roster(&agent, &a, &admin, &district, "东区");
    let (west, west_dwellings) = community_with_roster(&agent, &a, &admin, &district, "西区");
    // Owners C1 (51.50 m²) and C2 (52.50 m²) vote in 东区, C3 (53.50 m²) and C4 (54.50 m²) in 西区.
    let (o1, o2) = (owner(&agent, &a, &east_dwellings, "C1"), owner(&agent, &a, &east_dwellings, "C2"));
    let (o3, o4) = (owner(&agent, &a, &west_dwellings, "C3"), owner(&agent, &a, &west_dwellings, "C4"));

    // Three votes that the schedule opens in 2 s and closes 4 s later: two in 东区, one in 西区.
    let now = chrono::Utc::now();
    let window = (now + chrono::Duration::seconds(2), now + chrono::Duration::seconds(6));
    let (first, first_items) = announced(&agent, &a, &admin, &east, &["water_supply"], window);
    let (second, second_items) = announced(&agent, &a, &admin, &west, &["water_supply", "elevator"], window);
    let (third, third_items) = announced(&agent, &a, &admin, &east, &["water_supply"], window);
    for cid in [&first, &second, &third] {
        wait_state(&agent, &a, &admin, cid, "open");
    }
    vote(&agent, &c, &o1, &first, &[(&first_items[0], "support")]);
    vote(&agent, &c, &o2, &first, &[(&first_items[0], "oppose")]);
    vote(&agent, &c, &o3, &second, &[(&second_items[0], "support"), (&second_items[1], "support")]);
    vote(&agent, &c, &o4, &second, &[(&second_items[0], "support"), (&second_items[1], "oppose")]);
    vote(&agent, &c, &o1, &third, &[(&third_items[0], "oppose")]);
    vote(&agent, &c, &o2, &third, &[(&third_items[0], "oppose")]);
    for cid in [&first, &second, &third] {
        wait_state(&agent, &a, &admin, cid, "closed");
    }

    // Owners voted on C. B reads (and caches) the district's sums and 东区's list; A publishes;
    // B reads again.
    let district_on_b = || ok(&agent, "GET", &format!("{b}/districts/{district}/demand-list"), Some(&admin), None, 200);
    let east_on_b = || ok(&agent, "GET", &format!("{b}/communities/{east}/demand-list"), Some(&admin), None, 200);
    assert_eq!(district_on_b()["communities"], 0);
    let (status, none) =
        call(&agent, "GET", &format!("{b}/communities/{east}/demand-list"), Some(&admin), None, &[]).unwrap();
    assert_eq!((status, none["code"].as_str()), (404, Some("no_demand_list")), "{none}");

    publish(&agent, &a, &admin, &first, &first_items);
    let sums = district_on_b();
    assert_eq!(sums["communities"], 1, "{sums}");
    assert_eq!(support_oppose(&sums, "water_supply"), (weight("51.50", 1), weight("52.50", 1)));
    let list = east_on_b();
    assert_eq!(list["consultation_id"], first.as_str());
    assert_eq!(support_oppose(&list, "water_supply"), (weight("51.50", 1), weight("52.50", 1)));

    // A second community's list joins the sums.
    publish(&agent, &a, &admin, &second, &second_items);
    let sums = district_on_b();
    assert_eq!(sums["communities"], 2, "{sums}");
    assert_eq!(support_oppose(&sums, "water_supply"), (weight("159.50", 3), weight("52.50", 1)));
    assert_eq!(support_oppose(&sums, "elevator"), (weight("53.50", 1), weight("54.50", 1)));

    // 东区's newer list replaces its first one, in its own list and in the sums.
    publish(&agent, &a, &admin, &third, &third_items);
    let list = east_on_b();
    assert_eq!(list["consultation_id"], third.as_str());
    assert_eq!(support_oppose(&list, "water_supply"), (weight("0.00", 0), weight("104.00", 2)));
    let sums = district_on_b();
    assert_eq!(sums["communities"], 2, "{sums}");
    assert_eq!(support_oppose(&sums, "water_supply"), (weight("108.00", 2), weight("104.00", 2)));
    assert_eq!(support_oppose(&sums, "elevator"), (weight("53.50", 1), weight("54.50", 1)));
}
