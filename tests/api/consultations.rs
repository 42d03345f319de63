//! Consultations end to end: the menu, the lifecycle, ballots and revisions, idempotency,
//! paper ballots with four eyes, the tally with exact figures, receipts, objections, review.

use crate::fixtures::{world, World};
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};

struct Vote {
    world: World,
    cid: String,
    items: std::collections::HashMap<String, String>,
    zhang: String,
    li: String,
    wang: String,
}

fn now_plus(secs: i64) -> String {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64 + secs;
    chrono_rfc3339(t)
}

fn chrono_rfc3339(t: i64) -> String {
    diandan_domain::time::canonical(chrono::DateTime::from_timestamp(t, 0).unwrap())
}

/// Owners K101 (张三, two dwellings in 1号楼 1单元), K201 (李四, 1号楼 2单元) and K301 (王五,
/// 2号楼 1单元) are bound and verified; 2号楼 1单元 102 is developer-held.
fn setup(b: Backend, objection_days: i64) -> Option<Vote> {
    let w = world(b)?;
    let app = &w.app;
    let (zhang, _) = app.resident("zhang");
    app.verify_phone(&zhang, "13800000001");
    let d = w.dwelling("1号楼", "1单元", "101");
    assert_eq!(
        app.post("/api/v1/bindings", Some(&zhang), json!({ "dwelling_id": d, "relation": "owner" })).expect(201)
            ["status"],
        "approved"
    );
    let (li, _) = app.resident("li");
    app.verify_phone(&li, "13800000002");
    let d = w.dwelling("1号楼", "2单元", "201");
    app.post("/api/v1/bindings", Some(&li), json!({ "dwelling_id": d, "relation": "owner" })).expect(201);
    let (wang, _) = app.resident("wang");
    let d = w.dwelling("2号楼", "1单元", "101");
    let bid = app.post("/api/v1/bindings", Some(&wang), json!({ "dwelling_id": d, "relation": "owner" })).expect(201)
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.post(&format!("/api/v1/bindings/{bid}/approve"), Some(&w.committee), json!({})).expect(200);

    let c = app.post(
        &format!("/api/v1/communities/{}/consultations", w.community),
        Some(&w.committee),
        json!({ "title": "2026年改造菜单", "description": "征询", "announce_days": 0, "objection_days": objection_days, "opens_at": now_plus(5), "closes_at": now_plus(3600) }),
    );
    let cid = c.expect(201)["id"].as_str().unwrap().to_string();
    assert_eq!(c.body["state"], "draft");
    let mut items = std::collections::HashMap::new();
    for code in ["water_supply", "elevator", "canteen"] {
        let r = app.post(
            &format!("/api/v1/consultations/{cid}/items"),
            Some(&w.committee),
            json!({ "code": code, "estimated_cost": "1250000.00", "resident_share_percent": "30" }),
        );
        items.insert(code.to_string(), r.expect(201)["id"].as_str().unwrap().to_string());
    }
    Some(Vote { world: w, cid, items, zhang, li, wang })
}

fn ballot(v: &Vote, choices: &[(&str, &str)]) -> Value {
    let mut m = serde_json::Map::new();
    for (code, choice) in choices {
        m.insert(v.items[*code].clone(), json!({ "choice": choice }));
    }
    json!({ "choices": m })
}

fn cast(v: &Vote, token: &str, choices: &[(&str, &str)]) -> diandan_testkit::Resp {
    v.world.app.post(&format!("/api/v1/consultations/{}/ballot", v.cid), Some(token), ballot(v, choices))
}

fn item<'a>(tally: &'a Value, code: &str) -> &'a Value {
    tally["items"].as_array().unwrap().iter().find(|i| i["code"] == code).unwrap()
}

fn instance<'a>(item: &'a Value, label: &str) -> &'a Value {
    item["instances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| panic!("{label} in {item}"))
}

fn full_lifecycle_with_exact_tally(b: Backend) {
    let Some(v) = setup(b, 1) else { return };
    let (app, w, cid) = (&v.world.app, &v.world, v.cid.clone());
    let base = format!("/api/v1/consultations/{cid}");

    // Rule change needs a reason; targets must be this community's.
    app.post(&format!("{base}/items"), Some(&w.committee), json!({ "code": "greening", "rule": "supermajority" }))
        .expect_problem(422, "validation_failed");
    app.post(
        &format!("{base}/items"),
        Some(&w.committee),
        json!({ "code": "roof_repair", "targets": ["01a20500-0000-7000-8000-000000000000"] }),
    )
    .expect_problem(422, "validation_failed");
    app.post(&format!("{base}/items"), Some(&w.committee), json!({ "code": "water_supply" }))
        .expect_problem(409, "item_exists");
    // Not the other community's committee, not a resident.
    app.post(&format!("{base}/items"), Some(&w.other_committee), json!({ "code": "greening" }))
        .expect_problem(403, "forbidden");
    app.get(&base, Some(&v.zhang)).expect_problem(403, "forbidden");

    cast(&v, &v.zhang, &[("water_supply", "support")]).expect_problem(409, "voting_not_open");
    let announced = app.post(&format!("{base}/announce"), Some(&w.committee), json!({}));
    assert_eq!(announced.expect(200)["state"], "announced");
    assert_eq!(announced.body["menu_hash"].as_str().unwrap().len(), 64);
    app.post(&format!("{base}/items"), Some(&w.committee), json!({ "code": "greening" }))
        .expect_problem(409, "not_draft");
    assert_eq!(
        app.get(&base, Some(&v.zhang)).expect(200)["items"].as_array().unwrap().len(),
        3,
        "members read it once announced"
    );
    cast(&v, &v.zhang, &[("water_supply", "support")]).expect_problem(409, "voting_not_open");

    let opened = app.post(&format!("{base}/open"), Some(&w.committee), json!({}));
    let o = opened.expect(200).clone();
    assert_eq!(
        (o["state"].as_str(), o["roll_owners"].as_i64(), o["roll_area"].as_str()),
        (Some("open"), Some(4), Some("344.35"))
    );
    let roll_hash = o["roll_hash"].as_str().unwrap().to_string();
    app.post(&format!("{base}/close"), Some(&w.committee), json!({})).expect_problem(409, "window_running");

    // A roster change after opening does not touch the frozen roll.
    let changed = crate::fixtures::ROSTER.replace("56.30", "99.99");
    crate::fixtures::import(app, &w.admin, &w.community, changed.as_bytes(), "text/csv").expect(200);

    // Ballots.
    app.seal();
    let z1 = cast(&v, &v.zhang, &[("water_supply", "support"), ("elevator", "support"), ("canteen", "support")]);
    let z1 = z1.expect(201).clone();
    assert_eq!((z1["version"].as_i64(), z1["counted"].as_bool()), (Some(1), Some(true)));
    // The receipt is on the bulletin at once; its place in the chain comes with sealing.
    let z1_receipt = z1["receipt"].as_str().unwrap().to_string();
    let unsealed = app.get(&format!("{base}/bulletin/{z1_receipt}"), Some(&v.zhang)).expect(200).clone();
    assert_eq!((unsealed["entry"]["seq"].clone(), unsealed["entries"].clone()), (json!(null), json!(0)));
    assert_eq!(app.seal(), (1, 1), "the ballot's audit entry and its receipt");
    let sealed = app.get(&format!("{base}/bulletin/{z1_receipt}"), Some(&v.zhang)).expect(200).clone();
    assert_eq!((sealed["entry"]["seq"].clone(), sealed["entries"].clone()), (json!(1), json!(1)));
    assert_eq!(sealed["entry"]["prev_hash"], diandan_domain::audit::GENESIS);
    assert_eq!(sealed["bulletin_head"], sealed["entry"]["hash"]);
    cast(&v, &v.li, &[("water_supply", "support"), ("elevator", "oppose"), ("canteen", "abstain")]).expect(201);
    cast(&v, &v.wang, &[("water_supply", "oppose"), ("elevator", "support")]).expect(201);
    // 张三 changes his mind on the water supply: version 2 counts, version 1 stays in history.
    let z2 = cast(&v, &v.zhang, &[("water_supply", "oppose"), ("elevator", "support"), ("canteen", "support")]);
    assert_eq!(z2.expect(201)["version"], 2);
    let mine = app.get(&format!("{base}/ballot"), Some(&v.zhang));
    let versions = mine.expect(200)["versions"].as_array().unwrap().clone();
    assert_eq!(
        versions.iter().map(|x| x["status"].as_str().unwrap()).collect::<Vec<_>>(),
        vec!["superseded", "counted"]
    );
    assert_eq!(mine.body["owner_key"], "K101");

    // Refusals: bad choice, unknown item, an occupant, an unverified claim.
    cast(&v, &v.zhang, &[("water_supply", "maybe")]).expect_problem(422, "validation_failed");
    app.post(&format!("{base}/ballot"), Some(&v.zhang), json!({ "choices": { "nope": { "choice": "support" } } }))
        .expect_problem(422, "validation_failed");
    let (occupant, _) = app.resident("occupant");
    let d = w.dwelling("1号楼", "2单元", "201");
    let bid = app
        .post("/api/v1/bindings", Some(&occupant), json!({ "dwelling_id": d, "relation": "occupant" }))
        .expect(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    cast(&v, &occupant, &[("water_supply", "support")]).expect_problem(403, "binding_not_verified");
    app.post(&format!("/api/v1/bindings/{bid}/approve"), Some(&w.committee), json!({})).expect(200);
    cast(&v, &occupant, &[("water_supply", "support")]).expect_problem(403, "not_an_owner");
    let (stranger, _) = app.resident("stranger");
    cast(&v, &stranger, &[("water_supply", "support")]).expect_problem(403, "not_a_resident");

    // While open: no results, participation only (the committee also per building and unit).
    app.get(&format!("{base}/tally"), Some(&w.committee)).expect_problem(403, "results_hidden");
    let part = app.get(&format!("{base}/participation"), Some(&v.li));
    assert_eq!(part.expect(200)["community"]["voted"]["headcount"], 3);
    assert_eq!(part.body["community"]["total"]["area"], "344.35", "the frozen roll, not the edited roster");
    // The roster gave plain areas: the whole roll's area is `given`, none from the register.
    assert_eq!(part.body["area_sources"], json!([{ "source": "given", "dwellings": 5, "area": "344.35" }]));
    assert!(part.body.get("units").is_none());
    let part = app.get(&format!("{base}/participation"), Some(&w.committee));
    assert_eq!(part.expect(200)["units"].as_array().unwrap().len(), 3);
    let missing = app.get(&format!("{base}/voters?voted=false"), Some(&w.committee));
    let missing = missing.expect(200).as_array().unwrap().clone();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["dwellings"], json!(["2号楼 1单元 102"]));
    app.get(&format!("{base}/voters"), Some(&v.zhang)).expect_problem(403, "forbidden");

    // The window ends; the scheduler closes it.
    let later = chrono::Utc::now() + chrono::Duration::hours(2);
    assert_eq!(diandan_api::scheduler::tick(&app.db, later), 1);
    let closed = app.get(&base, Some(&w.committee)).expect(200).clone();
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["roll_hash"], roll_hash.as_str());
    // Closing sealed every receipt first: the closing head covers all four ballot versions.
    assert_eq!(closed["closing_head"], closed["bulletin_head"]);
    assert_eq!(closed["bulletin_entries"], 4);
    cast(&v, &v.li, &[("water_supply", "oppose")]).expect_problem(409, "voting_closed");

    // The developer's paper ballot, signed before closing, entered after, confirmed by another member.
    let second = w.staff("committee-a2", "committee", &w.community.clone());
    let dev = w.dwelling("2号楼", "1单元", "102");
    // Signed the moment voting opened (inside the window, before closing).
    let signed = o["opened_at"].as_str().unwrap().to_string();
    let mut m = serde_json::Map::new();
    m.insert(v.items["water_supply"].clone(), json!({ "choice": "support" }));
    let paper = app.post(
        &format!("{base}/paper-ballots"),
        Some(&w.committee),
        json!({ "dwelling_id": dev, "choices": m.clone(), "sheet_ref": "scan-0001.pdf", "signed_at": signed }),
    );
    let vid = paper.expect(201)["version_id"].as_str().unwrap().to_string();
    app.post(
        &format!("{base}/paper-ballots"),
        Some(&w.committee),
        json!({ "dwelling_id": dev, "choices": m, "sheet_ref": "x", "signed_at": now_plus(-86400 * 30) }),
    )
    .expect_problem(422, "signed_outside_window");
    // The second member sees whose entry they are about to confirm.
    let queue = app.get(&format!("{base}/paper-ballots"), Some(&second)).expect(200).clone();
    assert_eq!(queue.as_array().unwrap().len(), 1);
    let enterer = app.get("/api/v1/me", Some(&w.committee)).expect(200).clone();
    assert_eq!(queue[0]["entered_by"], enterer["id"]);
    assert_eq!(queue[0]["entered_by_name"], enterer["display_name"]);
    assert!(queue[0]["entered_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    app.post(&format!("/api/v1/paper-ballots/{vid}/confirm"), Some(&w.committee), json!({}))
        .expect_problem(403, "same_member");
    let confirmed = app.post(&format!("/api/v1/paper-ballots/{vid}/confirm"), Some(&second), json!({}));
    assert_eq!(confirmed.expect(200)["status"], "counted");
    let paper_receipt = confirmed.body["receipt"].as_str().unwrap().to_string();
    app.seal();
    let paper_entry = app.get(&format!("{base}/bulletin/{paper_receipt}"), Some(&v.zhang)).expect(200).clone();
    assert_eq!(
        (paper_entry["entry"]["seq"].clone(), paper_entry["entry"]["channel"].clone()),
        (json!(5), json!("paper"))
    );
    assert_ne!(paper_entry["bulletin_head"], closed["closing_head"], "the paper receipt follows the closing head");
    app.post(&format!("/api/v1/paper-ballots/{vid}/confirm"), Some(&second), json!({}))
        .expect_problem(409, "not_pending");

    // The tally, exactly.
    let t = app.get(&format!("{base}/tally"), Some(&v.li)).expect(200).clone();
    let water = instance(item(&t, "water_supply"), "全小区");
    assert_eq!(water["total"], json!({ "area": "344.35", "headcount": 4 }));
    assert_eq!(water["participating"], json!({ "area": "344.35", "headcount": 4 }));
    assert_eq!(water["support"], json!({ "area": "158.05", "headcount": 2 }));
    assert_eq!(water["oppose"], json!({ "area": "186.30", "headcount": 2 }));
    assert_eq!((water["quorum"].as_bool(), water["passed"].as_bool()), (Some(true), Some(false)));
    assert_eq!(water["reasons"], json!(["approval_area", "approval_headcount"]));
    let elevator = item(&t, "elevator");
    assert_eq!(elevator["passed_instances"], 1);
    let u11 = instance(elevator, "1号楼 1单元");
    assert_eq!((u11["support"]["area"].as_str(), u11["passed"].as_bool()), (Some("116.30"), Some(true)));
    let u12 = instance(elevator, "1号楼 2单元");
    assert_eq!(u12["reasons"], json!(["approval_area", "approval_headcount"]));
    let u21 = instance(elevator, "2号楼 1单元");
    assert_eq!(u21["total"], json!({ "area": "140.00", "headcount": 2 }));
    assert_eq!(u21["reasons"], json!(["quorum_area", "quorum_headcount"]));
    let canteen = instance(item(&t, "canteen"), "全小区");
    assert_eq!(
        (canteen["support"]["area"].as_str(), canteen["abstain"]["area"].as_str(), canteen["passed"].as_null()),
        (Some("116.30"), Some("88.05"), Some(()))
    );

    // Receipts: 张三 finds his; a made-up one is not there.
    let receipt = z1["receipt"].as_str().unwrap();
    let check = app.get(&format!("{base}/bulletin/{receipt}"), Some(&v.zhang));
    assert_eq!(check.expect(200)["entry"]["seq"], 1);
    assert_eq!(check.body["entry"]["dwelling"], "1号楼1单元**1");
    app.get(&format!("{base}/bulletin/AAAA-BBBB-CCCC"), Some(&v.zhang)).expect_problem(404, "receipt_not_found");
    app.get(&format!("{base}/bulletin/AA%00BB"), Some(&v.zhang)).expect_problem(404, "receipt_not_found");
    let bulletin = app.get(&format!("{base}/bulletin"), Some(&v.wang));
    let entries = bulletin.expect(200).as_array().unwrap().clone();
    assert_eq!(entries.len(), 5);
    for pair in entries.windows(2) {
        assert_eq!(pair[1]["prev_hash"], pair[0]["hash"]);
    }
    assert!(!bulletin.text.contains("support") && !bulletin.text.contains("oppose"), "never choices on the bulletin");

    // Preliminary result, objections, review.
    let pre = app.post(&format!("{base}/preliminary"), Some(&w.committee), json!({}));
    assert_eq!(pre.expect(200)["state"], "preliminary");
    let photo = app.upload(Some(&v.li), "notice.jpg", &diandan_testkit::photos::phone_photo(32, 24));
    let photo = photo.expect(201)["id"].clone();
    let obj = app.post(
        &format!("{base}/objections"),
        Some(&v.li),
        json!({ "text": "我的回执没有出现", "receipt": "aaaa-bbbb-cccc", "photos": [photo] }),
    );
    let oid = obj.expect(201)["id"].as_str().unwrap().to_string();
    assert_eq!(obj.body["receipt"], "AAAA-BBBB-CCCC");
    assert_eq!(obj.body["photos"][0]["id"], photo);
    let listed = app.get(&format!("{base}/objections"), Some(&w.committee));
    assert_eq!(listed.expect(200)[0]["photos"][0]["attached_to"], "objection", "the committee sees the photo");
    app.post(&format!("{base}/objections"), Some(&stranger), json!({ "text": "x" }))
        .expect_problem(403, "not_a_resident");
    app.post(&format!("{base}/finish-review"), Some(&w.committee), json!({})).expect_problem(409, "objection_period");
    app.exec(&format!("UPDATE consultations SET objection_deadline = '2000-01-01 00:00:00' WHERE id = '{cid}'"));
    app.post(&format!("{base}/finish-review"), Some(&w.committee), json!({}))
        .expect_problem(409, "objections_unanswered");
    app.post(&format!("/api/v1/objections/{oid}/answer"), Some(&v.li), json!({ "answer": "x" }))
        .expect_problem(403, "forbidden");
    app.post(
        &format!("/api/v1/objections/{oid}/answer"),
        Some(&w.committee),
        json!({ "answer": "该回执不存在，请核对" }),
    )
    .expect(200);
    app.post(&format!("/api/v1/objections/{oid}/answer"), Some(&w.committee), json!({ "answer": "again" }))
        .expect_problem(409, "already_answered");
    assert_eq!(app.get(&format!("{base}/objections"), Some(&v.li)).expect(200)[0]["answer"], "该回执不存在，请核对");
    app.post(&format!("{base}/finish-review"), Some(&w.committee), json!({})).expect_problem(409, "items_undecided");
    let decide = |code: &str, d: &str| {
        app.post(
            &format!("{base}/items/{}/decision", v.items[code]),
            Some(&w.committee),
            json!({ "decision": d, "reason": "评审意见" }),
        )
    };
    decide("water_supply", "approved").expect_problem(409, "threshold_not_met");
    decide("water_supply", "rejected").expect(200);
    assert_eq!(decide("elevator", "approved").expect(200)["decision"], "approved");
    decide("canteen", "approved").expect(200);
    assert_eq!(
        app.post(&format!("{base}/finish-review"), Some(&w.committee), json!({})).expect(200)["state"],
        "reviewed"
    );
    assert_eq!(app.post(&format!("{base}/publish"), Some(&w.committee), json!({})).expect(200)["state"], "published");
    app.post(&format!("{base}/publish"), Some(&w.committee), json!({})).expect_problem(409, "wrong_state");

    // Every step is audited, no choices in the log, and the chain verifies.
    let log = app.get(&format!("/api/v1/audit?community_id={}&limit=500", w.community), Some(&w.committee));
    let actions: Vec<&str> =
        log.expect(200).as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for a in [
        "consultation.announce",
        "consultation.open",
        "consultation.close",
        "ballot.cast",
        "ballot.paper_enter",
        "ballot.paper_confirm",
        "objection.file",
        "objection.answer",
        "consultation.item_decide",
        "consultation.review",
        "consultation.publish",
    ] {
        assert!(actions.contains(&a), "{a} missing");
    }
    assert!(!log.text.contains("\"support\"") && !log.text.contains("\"oppose\""));
    assert_eq!(app.get("/api/v1/audit/verify", Some(&w.admin)).expect(200)["ok"], true);
}

fn idempotent_retries_and_concurrent_revisions(b: Backend) {
    let Some(v) = setup(b, 0) else { return };
    let (app, w) = (&v.world.app, &v.world);
    let base = format!("/api/v1/consultations/{}", v.cid);
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("{base}/open"), Some(&w.committee), json!({})).expect(200);

    // The same request sent six times at once with one key: one version, one answer.
    let body = ballot(&v, &[("water_supply", "support")]).to_string();
    let answers: Vec<diandan_testkit::Resp> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..6)
            .map(|_| {
                s.spawn(|| {
                    app.request(
                        "POST",
                        &format!("{base}/ballot"),
                        Some(&v.zhang),
                        Some("application/json"),
                        Some(body.as_bytes()),
                        &[("Idempotency-Key", "retry-1")],
                    )
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for a in &answers {
        assert_eq!(a.status, 201, "{}", a.text);
        assert_eq!(a.body["receipt"], answers[0].body["receipt"]);
    }
    assert_eq!(app.count("ballot_versions"), 1);
    let other = ballot(&v, &[("water_supply", "oppose")]).to_string();
    app.request(
        "POST",
        &format!("{base}/ballot"),
        Some(&v.zhang),
        Some("application/json"),
        Some(other.as_bytes()),
        &[("Idempotency-Key", "retry-1")],
    )
    .expect_problem(422, "idempotency_key_reused");

    // Twelve concurrent revisions by one owner: all recorded, exactly one counts, and the
    // running tally equals a recount from the stored counting versions.
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..12)
            .map(|i| {
                let choice = if i % 2 == 0 { "support" } else { "oppose" };
                let body = ballot(&v, &[("water_supply", choice), ("elevator", "abstain")]);
                let (app, base, token) = (app, base.clone(), v.zhang.clone());
                s.spawn(move || app.post(&format!("{base}/ballot"), Some(&token), body).status)
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    assert_eq!(app.count("ballot_versions"), 13);
    let counting: i64 = {
        let mine = app.get(&format!("{base}/ballot"), Some(&v.zhang));
        mine.expect(200)["versions"].as_array().unwrap().iter().filter(|x| x["status"] == "counted").count() as i64
    };
    assert_eq!(counting, 1);
    let recount = app
        .db
        .read(|c| {
            let items = diandan_store::consultations::items(c, &v.cid)?;
            diandan_app::ballots::voting::recount(c, &v.cid, &items)
        })
        .unwrap();
    let cells = app.db.read(|c| Ok::<_, diandan_app::Error>(diandan_store::ballots::cells(c, &v.cid)?)).unwrap();
    let mut nonzero = 0;
    for cell in &cells {
        let expected = recount.get(&(cell.item_id.clone(), cell.scope_key.clone())).cloned().unwrap_or_default();
        assert_eq!((cell.support_area, cell.support_heads), (expected.support.area, expected.support.heads));
        assert_eq!((cell.oppose_area, cell.oppose_heads), (expected.oppose.area, expected.oppose.heads));
        assert_eq!((cell.abstain_area, cell.abstain_heads), (expected.abstain.area, expected.abstain.heads));
        nonzero += (cell.support_heads + cell.oppose_heads + cell.abstain_heads) as usize;
    }
    // One owner: one head on the water supply (community) and one on the elevator (their unit).
    assert_eq!(nonzero, 2);
}

fn schedule_and_announcement_period(b: Backend) {
    let Some(v) = setup(b, 0) else { return };
    let (app, w) = (&v.world.app, &v.world);
    let base = format!("/api/v1/consultations/{}", v.cid);
    // With the default 15-day announcement period the window must open 15 days after announcing.
    let fields =
        json!({ "title": "t", "announce_days": 15, "opens_at": now_plus(86400), "closes_at": now_plus(86400 * 30) });
    app.request("PATCH", &base, Some(&w.committee), Some("application/json"), Some(fields.to_string().as_bytes()), &[])
        .expect(200);
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect_problem(409, "announcement_period");
    let fields = json!({ "title": "t", "announce_days": 15, "opens_at": now_plus(86400 * 16), "closes_at": now_plus(86400 * 30) });
    app.request("PATCH", &base, Some(&w.committee), Some("application/json"), Some(fields.to_string().as_bytes()), &[])
        .expect(200);
    // A PATCH changes what it names and keeps the rest: the window and periods survive a new title.
    let retitled = app.request(
        "PATCH",
        &base,
        Some(&w.committee),
        Some("application/json"),
        Some(r#"{"title":"  2026年改造菜单 "}"#.as_bytes()),
        &[],
    );
    let retitled = retitled.expect(200);
    assert_eq!((retitled["title"].as_str(), retitled["announce_days"].as_i64()), (Some("2026年改造菜单"), Some(15)));
    assert!(retitled["opens_at"].is_string() && retitled["closes_at"].is_string(), "{retitled}");
    // The window is bounded (60 days by default): a close 61 days after opening is refused.
    let endless = json!({ "closes_at": now_plus(86400 * (16 + 61)) }).to_string();
    let r = app.request("PATCH", &base, Some(&w.committee), Some("application/json"), Some(endless.as_bytes()), &[]);
    assert_eq!(r.expect_problem(422, "voting_window_too_long").body["errors"][0]["field"], "closes_at");
    // The merged draft is checked as a whole: a new close before the kept opening is refused.
    let early = json!({ "closes_at": now_plus(86400) }).to_string();
    app.request("PATCH", &base, Some(&w.committee), Some("application/json"), Some(early.as_bytes()), &[])
        .expect_problem(422, "validation_failed");
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect(200);
    app.request("PATCH", &base, Some(&w.committee), Some("application/json"), Some(fields.to_string().as_bytes()), &[])
        .expect_problem(409, "not_draft");
    app.post(&format!("{base}/open"), Some(&w.committee), json!({})).expect_problem(409, "announcement_period");
    // Extending is allowed, shortening is not.
    app.post(
        &format!("{base}/extend"),
        Some(&w.committee),
        json!({ "closes_at": now_plus(86400 * 20), "reason": "春节" }),
    )
    .expect_problem(409, "window_not_extended");
    let ext = app.post(
        &format!("{base}/extend"),
        Some(&w.committee),
        json!({ "closes_at": now_plus(86400 * 40), "reason": "春节期间延长" }),
    );
    assert_eq!(ext.expect(200)["extension_reason"], "春节期间延长");
    // Nor may an extension take the window past 60 days from its opening (the probe sent 9999).
    for far in ["9999-12-31T23:59:59Z".to_string(), now_plus(86400 * (16 + 61))] {
        app.post(&format!("{base}/extend"), Some(&w.committee), json!({ "closes_at": far, "reason": "无限期" }))
            .expect_problem(422, "voting_window_too_long");
    }
    let create = json!({ "title": "长期", "opens_at": now_plus(86400), "closes_at": "9999-12-31T23:59:59Z" });
    app.post(&format!("/api/v1/communities/{}/consultations", w.community), Some(&w.committee), create)
        .expect_problem(422, "voting_window_too_long");
    // Nothing is due today; in 17 days the scheduler opens it, in 41 it closes it.
    assert_eq!(diandan_api::scheduler::tick(&app.db, chrono::Utc::now()), 0);
    assert_eq!(diandan_api::scheduler::tick(&app.db, chrono::Utc::now() + chrono::Duration::days(17)), 1);
    assert_eq!(app.get(&base, Some(&w.committee)).expect(200)["state"], "open");
    assert_eq!(diandan_api::scheduler::tick(&app.db, chrono::Utc::now() + chrono::Duration::days(41)), 1);
    assert_eq!(app.get(&base, Some(&w.committee)).expect(200)["state"], "closed");
}

fn ballots_only_name_items_in_the_owners_scope(b: Backend) {
    let Some(v) = setup(b, 0) else { return };
    let (app, w) = (&v.world.app, &v.world);
    let base = format!("/api/v1/consultations/{}", v.cid);
    let tree =
        app.get(&format!("/api/v1/communities/{}/buildings", w.community), Some(&w.committee)).expect(200).clone();
    let building2 =
        tree.as_array().unwrap().iter().find(|x| x["name"] == "2号楼").unwrap()["id"].as_str().unwrap().to_string();
    let roof = app.post(
        &format!("{base}/items"),
        Some(&w.committee),
        json!({ "code": "roof_repair", "targets": [building2] }),
    );
    let roof_id = roof.expect(201)["id"].as_str().unwrap().to_string();
    assert_eq!(roof.body["scope"], "building");
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("{base}/open"), Some(&w.committee), json!({})).expect(200);
    let out = app.post(
        &format!("{base}/ballot"),
        Some(&v.zhang),
        json!({ "choices": { roof_id.clone(): { "choice": "support" } } }),
    );
    out.expect_problem(422, "validation_failed");
    assert_eq!(out.body["errors"][0]["field"], format!("choices.{roof_id}"));
    app.post(
        &format!("{base}/ballot"),
        Some(&v.wang),
        json!({ "choices": { roof_id: { "choice": "support", "priority": 1, "copay": "up_to1000" } }, "comment": "屋顶漏水" }),
    )
    .expect(201);
    assert_eq!(app.count("ballot_versions"), 1);
}

fn paper_and_online_the_later_signature_counts(b: Backend) {
    let Some(v) = setup(b, 0) else { return };
    let (app, w) = (&v.world.app, &v.world);
    let base = format!("/api/v1/consultations/{}", v.cid);
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect(200);
    let opened = app.post(&format!("{base}/open"), Some(&w.committee), json!({})).expect(200).clone();
    let opened_at = opened["opened_at"].as_str().unwrap().to_string();
    let second = w.staff("committee-a2", "committee", &w.community.clone());
    let d201 = w.dwelling("1号楼", "2单元", "201");
    let paper = |choice: &str, signed: &str| {
        let mut m = serde_json::Map::new();
        m.insert(v.items["water_supply"].clone(), json!({ "choice": choice }));
        let r = app.post(
            &format!("{base}/paper-ballots"),
            Some(&w.committee),
            json!({ "dwelling_id": d201, "choices": m, "sheet_ref": "scan.pdf", "signed_at": signed }),
        );
        r.expect(201)["version_id"].as_str().unwrap().to_string()
    };
    let water = |app: &diandan_testkit::TestApp| -> (i64, i64) {
        let cells = app.db.read(|c| Ok::<_, diandan_app::Error>(diandan_store::ballots::cells(c, &v.cid)?)).unwrap();
        let cell = cells.iter().find(|c| c.item_id == v.items["water_supply"]).unwrap();
        (cell.support_heads, cell.oppose_heads)
    };

    // A paper ballot waiting for its second signature does not count.
    let early = paper("oppose", &opened_at);
    assert_eq!(water(app), (0, 0));
    assert_eq!(
        app.get(&format!("{base}/participation"), Some(&w.committee)).expect(200)["community"]["voted"]["headcount"],
        0
    );
    // 李四 then votes online (signed now, after the sheet): online counts.
    cast(&v, &v.li, &[("water_supply", "support")]).expect(201);
    assert_eq!(water(app), (1, 0));
    // The sheet signed earlier is confirmed afterwards: kept, but superseded.
    let r = app.post(&format!("/api/v1/paper-ballots/{early}/confirm"), Some(&second), json!({}));
    assert_eq!(r.expect(200)["status"], "superseded");
    assert_eq!(water(app), (1, 0));
    // A sheet signed after the online vote wins once confirmed.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let later = paper("oppose", &now_plus(0));
    assert_eq!(
        app.post(&format!("/api/v1/paper-ballots/{later}/confirm"), Some(&second), json!({})).expect(200)["status"],
        "counted"
    );
    assert_eq!(water(app), (0, 1));
    // A mistaken entry is voided with a reason, never counted.
    let wrong = paper("support", &now_plus(0));
    app.post(&format!("/api/v1/paper-ballots/{wrong}/void"), Some(&second), json!({ "reason": "与扫描件不符" }))
        .expect(204);
    app.post(&format!("/api/v1/paper-ballots/{wrong}/confirm"), Some(&second), json!({}))
        .expect_problem(409, "not_pending");
    assert_eq!(water(app), (0, 1));
    let history = app.get(&format!("{base}/ballot"), Some(&v.li));
    let statuses: Vec<&str> =
        history.expect(200)["versions"].as_array().unwrap().iter().map(|x| x["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, vec!["superseded", "superseded", "counted", "voided"]);
}

/// The caller's right is checked before the body: another community's committee sending a bad
/// body is refused (403), the community's own committee gets the validation error (422).
fn the_right_comes_before_the_body(b: Backend) {
    let Some(v) = setup(b, 0) else { return };
    let (w, app) = (&v.world, &v.world.app);
    let create = format!("/api/v1/communities/{}/consultations", w.community);
    let catalog = format!("/api/v1/communities/{}/catalog", w.community);
    let decide = format!("/api/v1/consultations/{}/items/{}/decision", v.cid, v.items["elevator"]);
    let cases = [
        (&create, json!({ "title": "" })),
        (&catalog, json!({ "code": "X", "name": "", "category": "?", "scope": "?", "rule": "?" })),
        (&decide, json!({ "decision": "maybe", "reason": "" })),
    ];
    for (path, body) in &cases {
        app.post(path, Some(&w.other_committee), body.clone()).expect_problem(403, "forbidden");
        app.post(path, Some(&w.committee), body.clone()).expect_problem(422, "validation_failed");
    }
}

/// A stored status or kind that is none of the domain's values fails the request (500, logged),
/// it is never read as a default: a corrupt item scope once read as "the whole community" would
/// have let an owner outside the item's building vote on it. The tables' CHECK constraints
/// refuse such values; the test lifts them to write one anyway, as a manual edit might.
fn a_corrupt_stored_state_is_an_error_not_a_default(b: Backend) {
    let Some(v) = setup(b, 0) else { return };
    let (app, w) = (&v.world.app, &v.world);
    let base = format!("/api/v1/consultations/{}", v.cid);
    let tree =
        app.get(&format!("/api/v1/communities/{}/buildings", w.community), Some(&w.committee)).expect(200).clone();
    let building2 =
        tree.as_array().unwrap().iter().find(|x| x["name"] == "2号楼").unwrap()["id"].as_str().unwrap().to_string();
    let roof = app.post(
        &format!("{base}/items"),
        Some(&w.committee),
        json!({ "code": "roof_repair", "targets": [building2] }),
    );
    let roof_id = roof.expect(201)["id"].as_str().unwrap().to_string();
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("{base}/open"), Some(&w.committee), json!({})).expect(200);
    match b {
        Backend::Sqlite => app.exec("PRAGMA ignore_check_constraints = ON"),
        Backend::Postgres => {
            app.exec("ALTER TABLE consultation_items DROP CONSTRAINT IF EXISTS consultation_items_scope_check");
            app.exec("ALTER TABLE consultations DROP CONSTRAINT IF EXISTS consultations_state_check");
        }
    }
    app.exec(&format!("UPDATE consultation_items SET scope = 'everywhere' WHERE id = '{roof_id}'"));
    // Zhang lives outside building 2: the corrupt scope does not widen the item to him.
    let out =
        app.post(&format!("{base}/ballot"), Some(&v.zhang), json!({ "choices": { roof_id: { "choice": "support" } } }));
    out.expect_problem(500, "internal_error");
    assert_eq!(app.count("ballot_versions"), 0);
    app.exec(&format!("UPDATE consultations SET state = 'opened' WHERE id = '{}'", v.cid));
    app.get(&base, Some(&w.committee)).expect_problem(500, "internal_error");
}

/// A ballot whose transaction is still open when the window's end is reached: closing waits for
/// it (the voting lock; on SQLite the one writer), so the fixed result and the closing head
/// include it. Without the wait the close would commit first and the late ballot would be in
/// the running tally but not in the result.
fn closing_waits_for_ballots_in_flight(b: Backend) {
    let Some(v) = setup(b, 1) else { return };
    let (app, w, cid) = (&v.world.app, &v.world, v.cid.clone());
    let base = format!("/api/v1/consultations/{cid}");
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("{base}/open"), Some(&w.committee), json!({})).expect(200);
    let actor = diandan_app::Actor {
        user_id: app.get("/api/v1/me", Some(&v.zhang)).expect(200)["id"].as_str().unwrap().to_string(),
        kind: "resident".into(),
    };
    let request: diandan_app::ballots::cast::BallotRequest =
        serde_json::from_value(ballot(&v, &[("water_supply", "support")])).unwrap();
    let (started, begun) = std::sync::mpsc::channel();
    let waited = std::thread::scope(|s| {
        s.spawn(|| {
            app.db
                .write(|c| {
                    let r = diandan_app::ballots::cast::cast_in(
                        c,
                        &Default::default(),
                        &actor,
                        &cid,
                        None,
                        &request,
                        &diandan_app::moderation::screen::Screen::Shown,
                    );
                    started.send(()).unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(400));
                    r
                })
                .expect("ballot in flight")
        });
        begun.recv().unwrap();
        let t0 = std::time::Instant::now();
        let later = chrono::Utc::now() + chrono::Duration::hours(2);
        assert_eq!(diandan_api::scheduler::tick(&app.db, later), 1);
        t0.elapsed()
    });
    assert!(waited >= std::time::Duration::from_millis(250), "closing did not wait: {waited:?}");
    let closed = app.get(&base, Some(&w.committee)).expect(200).clone();
    assert_eq!((closed["state"].as_str(), closed["bulletin_entries"].as_i64()), (Some("closed"), Some(1)));
    let tally = app.get(&format!("{base}/tally"), Some(&w.committee)).expect(200).clone();
    let water = instance(item(&tally, "water_supply"), "全小区");
    assert_eq!(water["support"]["headcount"], 1, "the ballot in flight is in the fixed result");
}

backend_tests!(
    a_corrupt_stored_state_is_an_error_not_a_default,
    closing_waits_for_ballots_in_flight,
    full_lifecycle_with_exact_tally,
    paper_and_online_the_later_signature_counts,
    idempotent_retries_and_concurrent_revisions,
    schedule_and_announcement_period,
    ballots_only_name_items_in_the_owners_scope,
    the_right_comes_before_the_body
);
