//! Choosing among candidates (选聘物业, art. 278(4)): an item with candidates, ballots that name
//! one of them (or none), and the tally that chooses one only with more than half of the
//! participating area and owners — exact figures, revisions moving the choice, the running
//! cells equal to a recount, and each malformed item or ballot refused with nothing stored.

use crate::fixtures::world;
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};

fn now_plus(secs: i64) -> String {
    diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(secs))
}

fn an_item_with_candidates_chooses_one_only_by_a_majority_of_both(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    // Owners: 张三 K101 (116.30 m²), 李四 K201 (88.05 m²), 王五 K301 (70.00 m²); the developer's
    // 70.00 m² is the fourth owner. Roll: 344.35 m², 4 owners.
    let (zhang, _) = w.owner_by_phone("zhang", "13800000001", "1号楼", "1单元", "101");
    let (li, _) = w.owner_by_phone("li", "13800000002", "1号楼", "2单元", "201");
    let (wang, _) = w.verified("wang", &w.dwelling("2号楼", "1单元", "101"), "owner", &w.committee);
    let c = app.post(
        &format!("/api/v1/communities/{}/consultations", w.community),
        Some(&w.committee),
        json!({ "title": "选聘物业", "description": "三年服务期", "announce_days": 0, "objection_days": 0,
                "opens_at": now_plus(5), "closes_at": now_plus(3600) }),
    );
    let cid = c.expect(201)["id"].as_str().unwrap().to_string();
    let base = format!("/api/v1/consultations/{cid}");

    // Malformed candidate lists are refused, nothing stored.
    let item = |candidates: Value| {
        app.post(
            &format!("{base}/items"),
            Some(&w.committee),
            json!({ "code": "property_company", "candidates": candidates }),
        )
    };
    let r = item(json!([{ "key": "A", "name": "甲物业" }]));
    assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "candidates");
    let r = item(json!([{ "key": "A", "name": "甲物业" }, { "key": "A", "name": "乙物业" }]));
    assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "candidates[1].key");
    assert_eq!(app.count("consultation_items"), 0);
    let company =
        item(json!([{ "key": "A", "name": "甲物业服务有限公司" }, { "key": "B", "name": "乙物业服务有限公司" }]));
    let company = company.expect(201).clone();
    assert_eq!((&company["name"], &company["rule"]), (&json!("选聘物业服务企业"), &json!("majority")));
    assert_eq!(company["candidates"][1], json!({ "key": "B", "name": "乙物业服务有限公司" }));
    let pid = company["id"].as_str().unwrap().to_string();
    let water = app.post(&format!("{base}/items"), Some(&w.committee), json!({ "code": "water_supply" }));
    let wid = water.expect(201)["id"].as_str().unwrap().to_string();
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("{base}/open"), Some(&w.committee), json!({})).expect(200);

    let vote = |token: &str, choice: Value| {
        let mut m = serde_json::Map::new();
        m.insert(pid.clone(), choice);
        app.post(&format!("{base}/ballot"), Some(token), json!({ "choices": m }))
    };
    // Support names a candidate; none is named with oppose, nor on a yes/no item.
    let field = |r: &diandan_testkit::Resp| r.body["errors"][0]["field"].as_str().unwrap_or_default().to_string();
    let r = vote(&zhang, json!({ "choice": "support" }));
    assert_eq!(field(r.expect_problem(422, "validation_failed")), format!("choices.{pid}.candidate"));
    let r = vote(&zhang, json!({ "choice": "support", "candidate": "C" }));
    assert_eq!(field(r.expect_problem(422, "validation_failed")), format!("choices.{pid}.candidate"));
    let r = vote(&zhang, json!({ "choice": "oppose", "candidate": "A" }));
    assert_eq!(field(r.expect_problem(422, "validation_failed")), format!("choices.{pid}.candidate"));
    let mut m = serde_json::Map::new();
    m.insert(wid.clone(), json!({ "choice": "support", "candidate": "A" }));
    let r = app.post(&format!("{base}/ballot"), Some(&zhang), json!({ "choices": m }));
    assert_eq!(field(r.expect_problem(422, "validation_failed")), format!("choices.{wid}.candidate"));
    assert_eq!(app.count("ballot_versions"), 0);

    // Running figures are hidden over HTTP until closing: read them as the tally will show them.
    let figures = || -> Value {
        let items = app
            .db
            .read(|c| {
                let cons = diandan_store::consultations::get(c, &cid)?.expect("consultation");
                let items = diandan_store::consultations::items(c, &cid)?;
                Ok::<_, diandan_app::Error>(diandan_app::consultations::tally::item_tallies(c, &cons, &items)?)
            })
            .unwrap();
        let item = items.into_iter().find(|i| i.item_id == pid).unwrap();
        serde_json::to_value(&item.instances[0]).unwrap()
    };
    let over_http = || -> Value {
        let t = app.get(&format!("{base}/tally"), Some(&w.committee));
        let t = t.expect(200).clone();
        t["items"].as_array().unwrap().iter().find(|i| i["item_id"] == pid.as_str()).unwrap()["instances"][0].clone()
    };
    let votes = |inst: &Value| -> Vec<(String, String, i64, bool)> {
        inst["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let v = &c["votes"];
                (
                    c["key"].as_str().unwrap().into(),
                    v["area"].as_str().unwrap().into(),
                    v["headcount"].as_i64().unwrap(),
                    c["chosen"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let v = |k: &str, a: &str, h: i64, c: bool| (k.to_string(), a.to_string(), h, c);

    // 张三 and 王五 for 甲, 李四 for 乙: 274.35 of 344.35 m² and 3 of 4 owners take part (quorum);
    // 甲 has 186.30 m² (more than 137.175) and 2 of 3 owners: chosen.
    vote(&zhang, json!({ "choice": "support", "candidate": "A" })).expect(201);
    vote(&li, json!({ "choice": "support", "candidate": "B" })).expect(201);
    vote(&wang, json!({ "choice": "support", "candidate": "A" })).expect(201);
    let t = figures();
    assert_eq!(t["participating"], json!({ "area": "274.35", "headcount": 3 }));
    assert_eq!(t["support"], json!({ "area": "274.35", "headcount": 3 }));
    assert_eq!(votes(&t), vec![v("A", "186.30", 2, true), v("B", "88.05", 1, false)]);
    assert_eq!((&t["quorum"], &t["passed"], &t["chosen"]), (&json!(true), &json!(true), &json!("A")));

    // 王五 turns to none of them: 甲 keeps 116.30 m² (not more than half of 274.35) and 1 of 3
    // owners; nothing is decided.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    vote(&wang, json!({ "choice": "oppose" })).expect(201);
    let t = figures();
    assert_eq!(votes(&t), vec![v("A", "116.30", 1, false), v("B", "88.05", 1, false)]);
    assert_eq!(t["oppose"], json!({ "area": "70.00", "headcount": 1 }));
    assert_eq!(
        (&t["passed"], &t["reasons"], t.get("chosen")),
        (&json!(false), &json!(["no_candidate_majority"]), None)
    );

    // Then for 乙: 158.05 m² (more than half) and 2 of 3 owners.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    vote(&wang, json!({ "choice": "support", "candidate": "B" })).expect(201);
    let t = figures();
    assert_eq!(votes(&t), vec![v("A", "116.30", 1, false), v("B", "158.05", 2, true)]);
    assert_eq!(t["chosen"], "B");

    // The running cells are exactly a recount of the counting ballots.
    let (cells, recount) = app
        .db
        .read(|c| {
            let items = diandan_store::consultations::items(c, &cid)?;
            let recount = diandan_app::ballots::voting::recount(c, &cid, &items)?;
            Ok::<_, diandan_app::Error>((diandan_store::ballots::cells(c, &cid)?, recount))
        })
        .unwrap();
    let candidate_cells: Vec<&str> =
        cells.iter().filter(|c| c.scope_key.contains('~')).map(|c| c.scope_key.as_str()).collect();
    assert_eq!(candidate_cells, vec!["community~A", "community~B"]);
    for cell in &cells {
        let e = recount.get(&(cell.item_id.clone(), cell.scope_key.clone())).cloned().unwrap_or_default();
        assert_eq!(
            (cell.support_area, cell.support_heads, cell.oppose_area),
            (e.support.area, e.support.heads, e.oppose.area),
            "{}",
            cell.scope_key
        );
    }

    // Closed, the fixed result says the same.
    app.exec(&format!("UPDATE consultations SET closes_at = '2000-01-01 00:00:00' WHERE id = '{cid}'"));
    app.post(&format!("{base}/close"), Some(&w.committee), json!({})).expect(200);
    let t = over_http();
    assert_eq!((&t["chosen"], &t["passed"]), (&json!("B"), &json!(true)));
    assert_eq!(votes(&t), vec![v("A", "116.30", 1, false), v("B", "158.05", 2, true)]);
}

backend_tests!(an_item_with_candidates_chooses_one_only_by_a_majority_of_both);
