//! Elevator cost shares (加装电梯, 阶梯出资): a unit-scoped elevator item with its cost, subsidy
//! and floor coefficients; every dwelling's share exact to the fen before the vote (the
//! committee all, an owner their own), the payers' consent in the unit's tally, the split per
//! floor on the designers' demand list, and a low-floor owner's objection naming the item.

use crate::fixtures::import;
use crate::fixtures::world;
use calamine::{Reader, Xlsx};
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};
use std::collections::HashMap;

// A six-floor unit, two homes a floor (60.00 and 75.50 m²), one owner each except 501 and 502
// (one owner, E5); and a unit of two floors only.
const ROSTER: &str = "楼栋,单元,房号,楼层,面积,业主编号,业主姓名,电话,开发商持有\n\
5号楼,1单元,101,1,60.00,E101,甲,,否\n5号楼,1单元,102,1,75.50,E102,乙,,否\n\
5号楼,1单元,201,2,60.00,E201,丙,,否\n5号楼,1单元,202,2,75.50,E202,丁,,否\n\
5号楼,1单元,301,3,60.00,E301,戊,,否\n5号楼,1单元,302,3,75.50,E302,己,,否\n\
5号楼,1单元,401,4,60.00,E401,庚,,否\n5号楼,1单元,402,4,75.50,E402,辛,,否\n\
5号楼,1单元,501,5,60.00,E5,壬,,否\n5号楼,1单元,502,5,75.50,E5,壬,,否\n\
5号楼,1单元,601,6,60.00,E601,癸,,否\n5号楼,1单元,602,6,75.50,E602,子,,否\n\
5号楼,2单元,101,1,50.00,F101,丑,,否\n5号楼,2单元,201,2,50.00,F201,寅,,否\n";

fn now_plus(secs: i64) -> String {
    diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(secs))
}

fn each_owner_pays_by_floor_and_area_to_the_fen(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (community, committee) = (w.other_community.clone(), w.other_committee.clone());
    import(app, &w.admin, &community, ROSTER.as_bytes(), "text/csv").expect(200);
    let rooms: HashMap<String, String> = {
        let r = app.get(&format!("/api/v1/communities/{community}/dwellings?limit=500"), Some(&committee));
        r.expect(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    format!("{}{}", d["unit"].as_str().unwrap(), d["room"].as_str().unwrap()),
                    d["id"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let owner = |name: &str, room: &str| w.verified(name, &rooms[&format!("1单元{room}")], "owner", &committee).0;
    let (e101, e301, e5, e601, e602) =
        (owner("e101", "101"), owner("e301", "301"), owner("e5", "501"), owner("e601", "601"), owner("e602", "602"));
    let c = app.post(
        &format!("/api/v1/communities/{community}/consultations"),
        Some(&committee),
        json!({ "title": "5号楼加装电梯", "description": "阶梯出资", "announce_days": 0, "objection_days": 1,
                "opens_at": now_plus(3600), "closes_at": now_plus(7200) }),
    );
    let cid = c.expect(201)["id"].as_str().unwrap().to_string();
    let base = format!("/api/v1/consultations/{cid}");

    // Malformed plans are refused by field, nothing stored.
    let add = |body: Value| app.post(&format!("{base}/items"), Some(&committee), body);
    let field = |r: &diandan_testkit::Resp| r.body["errors"][0]["field"].as_str().unwrap_or_default().to_string();
    let r = add(json!({ "code": "water_supply", "cost_plan": { "unit_cost": "700000" } }));
    assert_eq!(field(r.expect_problem(422, "validation_failed")), "cost_plan");
    let r = add(json!({ "code": "elevator", "cost_plan": { "unit_cost": "700000", "subsidy": "700000.01" } }));
    assert_eq!(field(r.expect_problem(422, "validation_failed")), "cost_plan.subsidy");
    let custom = json!([{ "floor": 1, "coefficient": "0" }, { "floor": 3, "coefficient": "0.60" }]);
    let r = add(json!({ "code": "elevator", "cost_plan": { "unit_cost": "700000", "coefficients": custom } }));
    assert_eq!(field(r.expect_problem(422, "validation_failed")), "cost_plan.reason");
    let bad = json!([{ "floor": 0, "coefficient": "0" }, { "floor": 3, "coefficient": "5.01" }]);
    let r =
        add(json!({ "code": "elevator", "cost_plan": { "unit_cost": "700000", "coefficients": bad, "reason": "x" } }));
    assert_eq!(r.expect_problem(422, "validation_failed").body["errors"].as_array().unwrap().len(), 2);
    assert_eq!(app.count("consultation_items"), 0);

    // 700,000.00 a unit, 400,000.00 subsidy: the owners pay 300,000.00; the default table up to
    // the 6th floor, the highest of the units covered.
    let item = add(json!({ "code": "elevator", "cost_plan": { "unit_cost": "700000", "subsidy": "400000" } }));
    let item = item.expect(201).clone();
    let iid = item["id"].as_str().unwrap().to_string();
    let plan = &item["cost_plan"];
    assert_eq!(
        (&plan["unit_cost"], &plan["subsidy"], &plan["owners_cost"]),
        (&json!("700000.00"), &json!("400000.00"), &json!("300000.00"))
    );
    let table: Vec<(i64, &str)> = plan["coefficients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["floor"].as_i64().unwrap(), r["coefficient"].as_str().unwrap()))
        .collect();
    assert_eq!(table, [(1, "0.00"), (2, "0.00"), (3, "0.70"), (4, "0.80"), (5, "0.90"), (6, "1.00")]);
    // Two units at 700,000.00; the owners' part is 42.86 % of the cost.
    assert_eq!((&item["estimated_cost"], &item["resident_share_percent"]), (&json!("1400000.00"), &json!("42.86")));
    app.post(&format!("{base}/announce"), Some(&committee), json!({})).expect(200);
    // The agenda notice states the plan, so the split is public before the vote.
    let board = app.get(&format!("/api/v1/communities/{community}/notices"), Some(&committee)).expect(200).clone();
    let agenda = board["items"].as_array().unwrap().iter().find(|n| n["source"] == "consultation_announced").unwrap();
    let body = agenda["body"].as_str().unwrap();
    assert!(
        body.contains("出资：每单元造价 700000.00 元，补贴 400000.00 元，业主分摊 300000.00 元，按楼层系数×面积分摊（1层 0.00，2层 0.00，3层 0.70，4层 0.80，5层 0.90，6层 1.00；"),
        "{body}"
    );

    // Before voting: every dwelling's share, over the register. Σ coefficient × area = 460.70 m².
    let shares = app.get(&format!("{base}/cost-shares"), Some(&committee)).expect(200).clone();
    assert_eq!(shares["basis"], "register");
    let units = shares["items"][0]["units"].as_array().unwrap().clone();
    assert_eq!(units.len(), 2);
    let u1 = &units[0];
    assert_eq!(
        (&u1["label"], &u1["weighted_area"], &u1["dwellings"], &u1["paying_dwellings"]),
        (&json!("5号楼 1单元"), &json!("460.70"), &json!(12), &json!(8))
    );
    let by_room: HashMap<&str, &str> = u1["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["room"].as_str().unwrap(), s["share"].as_str().unwrap()))
        .collect();
    let expected = [
        ("101", "0.00"),
        ("102", "0.00"),
        ("201", "0.00"),
        ("202", "0.00"),
        ("301", "27349.69"),
        ("302", "34415.02"),
        ("401", "31256.78"),
        ("402", "39331.45"),
        ("501", "35163.88"),
        ("502", "44247.88"),
        ("601", "39070.98"),
        ("602", "49164.32"),
    ];
    assert_eq!(by_room, expected.into_iter().collect::<HashMap<_, _>>());
    let fen: i64 = expected.iter().map(|(_, y)| y.replace('.', "").parse::<i64>().unwrap()).sum();
    assert_eq!(fen, 30_000_000, "the shares add up to the owners' part to the fen");
    // The two-floor unit has no floor that pays: it cannot be split.
    assert_eq!((&units[1]["unpayable"], units[1]["shares"].as_array().unwrap().len()), (&json!(true), 0));

    // An owner sees only their own: E5 their two homes, the ground floor its 0.00.
    let mine = |t: &str| app.get(&format!("{base}/cost-shares/mine"), Some(t)).expect(200).clone();
    let m = mine(&e5);
    let own: Vec<(&str, &str)> = m["items"][0]["units"][0]["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["room"].as_str().unwrap(), s["share"].as_str().unwrap()))
        .collect();
    assert_eq!(m["items"][0]["units"].as_array().unwrap().len(), 1);
    let mut own = own;
    own.sort();
    assert_eq!(own, [("501", "35163.88"), ("502", "44247.88")]);
    assert_eq!(m["items"][0]["units"][0]["owners_cost"], "300000.00");
    let m = mine(&e101);
    assert_eq!(m["items"][0]["units"][0]["shares"][0]["share"], "0.00");
    assert_eq!(m["items"][0]["units"][0]["shares"][0]["coefficient"], "0.00");
    // A resident of the other community, and a resident here without a covered dwelling.
    app.get(&format!("{base}/cost-shares"), Some(&e5)).expect_problem(403, "forbidden");
    app.get(&format!("{base}/cost-shares/mine"), Some(&w.committee)).expect_problem(403, "forbidden");

    // Voting: nine of the eleven owners, 戊 on the 3rd floor against, the others for.
    app.post(&format!("{base}/open"), Some(&committee), json!({})).expect(200);
    assert_eq!(app.get(&format!("{base}/cost-shares"), Some(&committee)).expect(200)["basis"], "roll");
    let vote = |t: &str, choice: &str| {
        let mut m = serde_json::Map::new();
        m.insert(iid.clone(), json!({ "choice": choice }));
        app.post(&format!("{base}/ballot"), Some(t), json!({ "choices": m })).expect(201);
    };
    for (name, room) in [("e102", "102"), ("e201", "201"), ("e302", "302"), ("e401", "401")] {
        vote(&owner(name, room), "support");
    }
    for t in [&e101, &e5, &e601, &e602] {
        vote(t, "support");
    }
    // 戊 changes their mind twice: the payers' figures move with the ballot.
    vote(&e301, "support");
    vote(&e301, "abstain");
    vote(&e301, "oppose");
    app.exec(&format!("UPDATE consultations SET closes_at = '2000-01-01 00:00:00' WHERE id = '{cid}'"));
    app.post(&format!("{base}/close"), Some(&committee), json!({})).expect(200);
    let t = app.get(&format!("{base}/tally"), Some(&committee)).expect(200).clone();
    let unit =
        t["items"][0]["instances"].as_array().unwrap().iter().find(|i| i["label"] == "5号楼 1单元").unwrap().clone();
    // The unit: 11 owners, 813.00 m²; 9 took part (662.00 m²), 8 for (602.00 m²): 3/4 of both.
    assert_eq!(unit["total"], json!({ "area": "813.00", "headcount": 11 }));
    assert_eq!(unit["participating"], json!({ "area": "662.00", "headcount": 9 }));
    assert_eq!(unit["support"], json!({ "area": "602.00", "headcount": 8 }));
    assert_eq!((&unit["quorum"], &unit["passed"]), (&json!(true), &json!(true)));
    let cs = &unit["cost_share"];
    // The payers: floors 3–6, 7 owners, 542.00 m²; 5 of them for (406.50 m²), 戊 against, 辛
    // on the 4th floor did not vote.
    assert_eq!(cs["payers"]["total"], json!({ "area": "542.00", "headcount": 7 }));
    assert_eq!(cs["payers"]["support"], json!({ "area": "406.50", "headcount": 5 }));
    assert_eq!(cs["payers"]["oppose"], json!({ "area": "60.00", "headcount": 1 }));
    assert_eq!(cs["payers"]["participating"], json!({ "area": "466.50", "headcount": 6 }));
    assert_eq!(
        (&cs["payers_consent_area_percent"], &cs["payers_consent_headcount_percent"]),
        (&json!("75.0"), &json!("71.4"))
    );
    let floors: Vec<(i64, &str, i64, &str)> = cs["split"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["floor"].as_i64().unwrap(),
                f["coefficient"].as_str().unwrap(),
                f["dwellings"].as_i64().unwrap(),
                f["share"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        floors,
        [
            (1, "0.00", 2, "0.00"),
            (2, "0.00", 2, "0.00"),
            (3, "0.70", 2, "61764.71"),
            (4, "0.80", 2, "70588.23"),
            (5, "0.90", 2, "79411.76"),
            (6, "1.00", 2, "88235.30")
        ]
    );
    // The running cells, the payers' included, are exactly a recount of the counting ballots.
    let (cells, recount) = app
        .db
        .read(|c| {
            let items = diandan_store::consultations::items(c, &cid)?;
            let recount = diandan_app::ballots::voting::recount(c, &cid, &items)?;
            Ok::<_, diandan_app::Error>((diandan_store::ballots::cells(c, &cid)?, recount))
        })
        .unwrap();
    let payer_cells: Vec<&str> =
        cells.iter().filter(|c| c.scope_key.contains('~')).map(|c| c.scope_key.as_str()).collect();
    assert_eq!(payer_cells, [format!("{}~$payers", unit["scope_key"].as_str().unwrap())]);
    for cell in &cells {
        let e = recount.get(&(cell.item_id.clone(), cell.scope_key.clone())).cloned().unwrap_or_default();
        assert_eq!(
            (cell.support_area, cell.support_heads, cell.oppose_area, cell.oppose_heads, cell.abstain_heads),
            (e.support.area, e.support.heads, e.oppose.area, e.oppose.heads, e.abstain.heads),
            "{}",
            cell.scope_key
        );
    }

    // A ground-floor owner objects to the split in the objection step, naming the item.
    app.post(&format!("{base}/preliminary"), Some(&committee), json!({})).expect(200);
    let o = app.post(
        &format!("{base}/objections"),
        Some(&e101),
        json!({ "text": "一楼不出资但受采光影响，请说明补偿", "item_id": iid }),
    );
    let o = o.expect(201).clone();
    assert_eq!((&o["item_id"], &o["unit_id"]), (&json!(iid), &json!(unit["scope_key"])));
    let r = app.post(&format!("{base}/objections"), Some(&e101), json!({ "text": "x", "item_id": cid }));
    assert_eq!(field(r.expect_problem(422, "validation_failed")), "item_id");
    let listed = app.get(&format!("{base}/objections"), Some(&committee)).expect(200).clone();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["unit_id"], unit["scope_key"]);

    // Answered, reviewed, published: the designers' demand list carries the split per floor.
    let oid = o["id"].as_str().unwrap();
    app.post(&format!("/api/v1/objections/{oid}/answer"), Some(&committee), json!({ "answer": "一楼另行协商补偿" }))
        .expect(200);
    app.exec(&format!("UPDATE consultations SET objection_deadline = '2000-01-01 00:00:00' WHERE id = '{cid}'"));
    app.post(
        &format!("{base}/items/{iid}/decision"),
        Some(&committee),
        json!({ "decision": "approved", "reason": "按方案" }),
    )
    .expect(200);
    app.post(&format!("{base}/finish-review"), Some(&committee), json!({})).expect(200);
    app.post(&format!("{base}/publish"), Some(&committee), json!({})).expect(200);
    let designer = w.staff("designer-e", "designer", &community);
    let list = app.get(&format!("/api/v1/communities/{community}/demand-list"), Some(&designer)).expect(200).clone();
    let row =
        list["items"][0]["breakdown"].as_array().unwrap().iter().find(|i| i["label"] == "5号楼 1单元").unwrap().clone();
    assert_eq!(
        row["cost_share"]["split"][5],
        json!({ "floor": 6, "coefficient": "1.00", "dwellings": 2, "area": "135.50", "share": "88235.30" })
    );
    assert_eq!(row["cost_share"]["owners_cost"], "300000.00");
    assert!(!list.to_string().contains("\"room\""), "no rooms on the designers' list");
    // The workbook's 阶梯出资 sheet: a row per unit and floor.
    let path = format!("/api/v1/communities/{community}/demand-list?format=xlsx");
    let bytes = app.request("GET", &path, Some(&designer), None, None, &[]).bytes;
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    assert_eq!(wb.sheet_names(), ["需求清单", "分楼栋单元明细", "居民意见", "阶梯出资"]);
    let range = wb.worksheet_range("阶梯出资").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows.len(), 1 + 6, "the header and the six floors of 1单元 (2单元 cannot be split)");
    assert_eq!(
        rows[6][3..],
        ["5号楼 1单元", "700000", "400000", "300000", "7", "5", "75", "71.4", "6", "1", "2", "135.5", "88235.3"]
    );
}

backend_tests!(each_owner_pays_by_floor_and_area_to_the_fen);
