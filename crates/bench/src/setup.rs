//! Building a realistic world through the real API: districts, communities with rosters,
//! owners verified by phone, consultations with a 20-item menu, and taking them to publication.

use crate::harness::*;
use serde_json::{json, Value};

pub const COMMUNITY_CODES: [&str; 16] = [
    "water_supply",
    "drainage",
    "power_supply",
    "telecom_lines",
    "roads",
    "gas",
    "heating",
    "fire_safety",
    "security",
    "waste_sorting",
    "mobile_network",
    "fibre",
    "greening",
    "lighting",
    "parcel_lockers",
    "canteen",
];
pub const UNIT_CODES: [&str; 4] = ["elevator", "stairwell", "barrier_free", "ebike_charging"];

pub struct Owner {
    pub token: String,
    pub user_id: String,
    pub owner_key: String,
    /// The unit of the owner's dwelling (in these rosters an owner's dwellings share a unit): the
    /// scope key of the tally cells of unit-scoped items.
    pub unit_id: String,
}

/// Deterministic pseudo-random choice for version `i`, item `j`.
fn choice(i: usize, j: usize) -> &'static str {
    let x = (i as u64).wrapping_mul(6364136223846793005).wrapping_add(j as u64 * 1442695040888963407) >> 33;
    ["support", "support", "oppose", "abstain"][(x % 4) as usize]
}

/// Ballot `i`: a choice on every item; every 7th owner ranks the first item and offers to pay,
/// every 11th leaves a comment.
pub fn ballot_body(items: &[String], i: usize) -> Value {
    let mut m = serde_json::Map::new();
    for (j, id) in items.iter().enumerate() {
        m.insert(id.clone(), json!({ "choice": choice(i, j) }));
    }
    if i % 7 == 0 {
        m.insert(items[0].clone(), json!({ "choice": "support", "priority": 1, "copay": "up_to1000" }));
    }
    if i % 11 == 0 {
        json!({ "choices": m, "comment": format!("希望尽快改造，第{}条意见", i % 97) })
    } else {
        json!({ "choices": m })
    }
}

/// A roster of `n` dwellings (200 per building, 50 per unit, 5 per floor); owner keys and
/// phones are unique across communities (index `ci`). Every 50th dwelling belongs to the owner
/// of the one before; the last 2% are developer-held.
pub fn roster(n: usize, ci: usize) -> String {
    let mut s = String::from("building,unit,room,floor,area,owner_key,owner_name,phone,developer\n");
    let mut owner = 0;
    for i in 0..n {
        let (b, rest) = (i / 200 + 1, i % 200);
        let (u, rest) = (rest / 50 + 1, rest % 50);
        let (f, r) = (rest / 5 + 1, rest % 5 + 1);
        let area = 4500 + (i * 37 % 7000);
        let developer = i >= n - n / 50;
        if i % 50 != 49 {
            owner += 1;
        }
        if developer {
            s.push_str(&format!("{b}号楼,{u}单元,{f}0{r},{f},{}.{:02},,,,是\n", area / 100, area % 100));
        } else {
            let phone = ci * 10_000 + owner;
            s.push_str(&format!(
                "{b}号楼,{u}单元,{f}0{r},{f},{}.{:02},C{ci}O{owner},业主{ci}-{owner},139{phone:08},否\n",
                area / 100,
                area % 100
            ));
        }
    }
    s
}

pub fn login(agent: &ureq::Agent, base: &str, username: &str, password: &str) -> String {
    let v = expect(
        agent,
        "POST",
        &format!("{base}/api/v1/auth/login"),
        None,
        Some(&json!({ "username": username, "password": password })),
        200,
    );
    v["access_token"].as_str().unwrap().to_string()
}

pub fn district(agent: &ureq::Agent, base: &str, admin: &str, name: &str) -> String {
    let v =
        expect(agent, "POST", &format!("{base}/api/v1/districts"), Some(admin), Some(&json!({ "name": name })), 201);
    v["id"].as_str().unwrap().to_string()
}

/// A community with its roster imported.
pub fn community(agent: &ureq::Agent, base: &str, admin: &str, district: &str, name: &str, roster: &str) -> String {
    let v = expect(
        agent,
        "POST",
        &format!("{base}/api/v1/communities"),
        Some(admin),
        Some(&json!({ "district_id": district, "name": name, "address": "基准路1号" })),
        201,
    );
    let id = v["id"].as_str().unwrap().to_string();
    let imported = post_csv(agent, &format!("{base}/api/v1/communities/{id}/roster"), admin, roster);
    assert!(imported["created"].as_u64().is_some_and(|n| n > 0), "{imported}");
    id
}

/// A staff account with a community role; returns its token.
pub fn staff(agent: &ureq::Agent, base: &str, admin: &str, username: &str, role: &str, community: &str) -> String {
    let password = format!("{username}-password");
    let v = expect(
        agent,
        "POST",
        &format!("{base}/api/v1/users"),
        Some(admin),
        Some(&json!({ "username": username, "password": password, "display_name": username })),
        201,
    );
    let uid = v["id"].as_str().unwrap().to_string();
    expect(
        agent,
        "POST",
        &format!("{base}/api/v1/role-grants"),
        Some(admin),
        Some(&json!({ "user_id": uid, "role": role, "community_id": community })),
        201,
    );
    login(agent, base, username, &password)
}

/// One verified owner account per owner key (the developer's dwellings vote on paper): WeChat
/// login, phone verification, owner claim auto-approved by the matching roster phone.
pub fn verify_owners(base: &str, reader: &str, community: &str, threads: usize) -> Vec<Owner> {
    let agent = agent();
    // (owner key, dwelling id, phone, unit id)
    let mut dwelling_of: Vec<(String, String, String, String)> = Vec::new();
    let mut offset = 0;
    loop {
        let page = expect(
            &agent,
            "GET",
            &format!("{base}/api/v1/communities/{community}/dwellings?limit=500&offset={offset}"),
            Some(reader),
            None,
            200,
        );
        for d in page["items"].as_array().unwrap() {
            if d["developer_held"] == false {
                let key = d["owner_key"].as_str().unwrap().to_string();
                let (ci, owner) = key[1..].split_once('O').unwrap();
                let phone =
                    format!("139{:08}", ci.parse::<usize>().unwrap() * 10_000 + owner.parse::<usize>().unwrap());
                let unit = d["unit_id"].as_str().unwrap().to_string();
                dwelling_of.push((key, d["id"].as_str().unwrap().to_string(), phone, unit));
            }
        }
        if page["next_offset"].is_null() {
            break;
        }
        offset += 500;
    }
    dwelling_of.sort();
    dwelling_of.dedup_by(|a, b| a.0 == b.0);
    let slots: Vec<std::sync::Mutex<Option<Owner>>> = dwelling_of.iter().map(|_| std::sync::Mutex::new(None)).collect();
    load(threads, dwelling_of.len(), |_, agent, i| {
        let (key, dwelling, phone, unit) = &dwelling_of[i];
        let login = expect(
            agent,
            "POST",
            &format!("{base}/api/v1/auth/wechat"),
            None,
            Some(&json!({ "code": format!("dev:{key}") })),
            200,
        );
        let token = login["access_token"].as_str().unwrap().to_string();
        expect(
            agent,
            "POST",
            &format!("{base}/api/v1/me/phone"),
            Some(&token),
            Some(&json!({ "code": format!("dev:{phone}") })),
            200,
        );
        let b = expect(
            agent,
            "POST",
            &format!("{base}/api/v1/bindings"),
            Some(&token),
            Some(&json!({ "dwelling_id": dwelling, "relation": "owner" })),
            201,
        );
        assert_eq!(b["status"], "approved");
        *slots[i].lock().unwrap() = Some(Owner {
            token,
            user_id: login["user_id"].as_str().unwrap().to_string(),
            owner_key: key.clone(),
            unit_id: unit.clone(),
        });
    });
    slots.into_iter().map(|s| s.into_inner().unwrap().expect("owner set up")).collect()
}

/// An open consultation with the 20-item menu (no objection period, so that the benchmarks
/// can take it to publication at once).
pub fn consultation(
    agent: &ureq::Agent,
    base: &str,
    manager: &str,
    community: &str,
    title: &str,
) -> (String, Vec<String>) {
    let opens = diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(2));
    let closes = diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::days(30));
    let c = expect(
        agent,
        "POST",
        &format!("{base}/api/v1/communities/{community}/consultations"),
        Some(manager),
        Some(
            &json!({ "title": title, "announce_days": 0, "objection_days": 0, "opens_at": opens, "closes_at": closes }),
        ),
        201,
    );
    let id = c["id"].as_str().unwrap().to_string();
    let mut items = Vec::new();
    let all = COMMUNITY_CODES.iter().map(|c| (c, "community")).chain(UNIT_CODES.iter().map(|c| (c, "unit")));
    for (code, scope) in all {
        let v = expect(
            agent,
            "POST",
            &format!("{base}/api/v1/consultations/{id}/items"),
            Some(manager),
            Some(
                &json!({ "code": code, "scope": scope, "estimated_cost": "500000.00", "resident_share_percent": "10" }),
            ),
            201,
        );
        items.push(v["id"].as_str().unwrap().to_string());
    }
    expect(agent, "POST", &format!("{base}/api/v1/consultations/{id}/announce"), Some(manager), Some(&json!({})), 200);
    expect(agent, "POST", &format!("{base}/api/v1/consultations/{id}/open"), Some(manager), Some(&json!({})), 200);
    (id, items)
}

/// Takes a closed consultation through the preliminary result, the committee's decisions
/// (approve what passed, reject what failed) and the review to publication.
pub fn publish(agent: &ureq::Agent, base: &str, manager: &str, id: &str) {
    let c = format!("{base}/api/v1/consultations/{id}");
    expect(agent, "POST", &format!("{c}/preliminary"), Some(manager), Some(&json!({})), 200);
    let tally = expect(agent, "GET", &format!("{c}/tally"), Some(manager), None, 200);
    for item in tally["items"].as_array().unwrap() {
        let ok = item["rule"] == "consultative" || item["passed_instances"].as_i64().unwrap_or(0) > 0;
        let decision = if ok { "approved" } else { "rejected" };
        expect(
            agent,
            "POST",
            &format!("{c}/items/{}/decision", item["item_id"].as_str().unwrap()),
            Some(manager),
            Some(&json!({ "decision": decision, "reason": "评审" })),
            200,
        );
    }
    expect(agent, "POST", &format!("{c}/finish-review"), Some(manager), Some(&json!({})), 200);
    expect(agent, "POST", &format!("{c}/publish"), Some(manager), Some(&json!({})), 200);
}
