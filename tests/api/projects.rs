//! 怎么改: the renovation project of a published consultation — design versions with their
//! coverage of the approved items and their changes measure by measure, the representatives,
//! their review with exact counts, and each refusal with its own code and nothing stored.

use crate::fixtures::{world, World};
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};
use std::collections::HashMap;

pub struct Published {
    pub w: World,
    pub cid: String,
    pub items: HashMap<&'static str, String>,
    pub designer: String,
    pub zhang: (String, String),
    pub li: (String, String),
    pub wang: (String, String),
}

pub fn now_plus(secs: i64) -> String {
    diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(secs))
}

/// Every owner (张三 K101, 李四 K201, 王五 K301) supports water_supply, drainage and
/// roof_repair; the committee approves the first two and rejects the roof (budget).
pub fn published(b: Backend) -> Option<Published> {
    let w = world(b)?;
    let app = &w.app;
    let zhang = w.owner_by_phone("zhang", "13800000001", "1号楼", "1单元", "101");
    let li = w.owner_by_phone("li", "13800000002", "1号楼", "2单元", "201");
    let wang = w.verified("wang", &w.dwelling("2号楼", "1单元", "101"), "owner", &w.committee);
    let designer = w.staff("designer-a", "designer", &w.community.clone());
    let c = app.post(
        &format!("/api/v1/communities/{}/consultations", w.community),
        Some(&w.committee),
        json!({ "title": "2026年改造菜单", "announce_days": 0, "objection_days": 0, "opens_at": now_plus(5), "closes_at": now_plus(3600) }),
    );
    let cid = c.expect(201)["id"].as_str().unwrap().to_string();
    let base = format!("/api/v1/consultations/{cid}");
    let mut items = HashMap::new();
    for code in ["water_supply", "drainage", "roof_repair"] {
        let r = app.post(&format!("{base}/items"), Some(&w.committee), json!({ "code": code }));
        items.insert(code, r.expect(201)["id"].as_str().unwrap().to_string());
    }
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("{base}/open"), Some(&w.committee), json!({})).expect(200);
    let all: serde_json::Map<String, Value> =
        items.values().map(|id| (id.clone(), json!({ "choice": "support" }))).collect();
    for (token, _) in [&zhang, &li, &wang] {
        app.post(&format!("{base}/ballot"), Some(token), json!({ "choices": all })).expect(201);
    }
    assert_eq!(diandan_api::scheduler::tick(&app.db, chrono::Utc::now() + chrono::Duration::hours(2)), 1);
    app.post(&format!("{base}/preliminary"), Some(&w.committee), json!({})).expect(200);
    for (code, d) in [("water_supply", "approved"), ("drainage", "approved"), ("roof_repair", "rejected")] {
        app.post(
            &format!("{base}/items/{}/decision", items[code]),
            Some(&w.committee),
            json!({ "decision": d, "reason": "预算" }),
        )
        .expect(200);
    }
    app.post(&format!("{base}/finish-review"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("{base}/publish"), Some(&w.committee), json!({})).expect(200);
    Some(Published { w, cid, items, designer, zhang, li, wang })
}

pub fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

fn id_of_object(item: &Value) -> String {
    item["object_id"].as_str().unwrap().to_string()
}

pub fn keys(list: &Value, field: &str) -> Vec<String> {
    list.as_array().unwrap().iter().map(|x| x[field].as_str().unwrap().to_string()).collect()
}

/// The building id of a name, as the committee reads the tree.
pub fn building(w: &World, name: &str) -> String {
    let t = w.app.get(&format!("/api/v1/communities/{}/buildings", w.community), Some(&w.committee));
    let t = t.expect(200).clone();
    let list = t.as_array().cloned().or_else(|| t["items"].as_array().cloned()).unwrap();
    id(list.iter().find(|b| b["name"] == name).unwrap())
}

fn a_design_is_reviewed_by_the_representatives_and_accepted(b: Backend) {
    let Some(p) = published(b) else { return };
    let (w, app) = (&p.w, &p.w.app);
    let projects = format!("/api/v1/communities/{}/projects", w.community);

    // A project follows a published consultation, once, started by the committee.
    let draft = app.post(
        &format!("/api/v1/communities/{}/consultations", w.community),
        Some(&w.committee),
        json!({ "title": "下一轮", "announce_days": 0, "objection_days": 0, "opens_at": now_plus(60), "closes_at": now_plus(3600) }),
    );
    let draft = id(draft.expect(201));
    let foreign_item = id(app
        .post(&format!("/api/v1/consultations/{draft}/items"), Some(&w.committee), json!({ "code": "elevator" }))
        .expect(201));
    app.post(&projects, Some(&w.committee), json!({ "consultation_id": draft }))
        .expect_problem(409, "consultation_not_published");
    app.post(&projects, Some(&p.designer), json!({ "consultation_id": p.cid })).expect_problem(403, "forbidden");
    let other = format!("/api/v1/communities/{}/projects", w.other_community);
    app.post(&other, Some(&w.other_committee), json!({ "consultation_id": p.cid }))
        .expect_problem(422, "validation_failed");
    let project = app.post(&projects, Some(&w.committee), json!({ "consultation_id": p.cid }));
    let project = project.expect(201).clone();
    assert_eq!(project["title"], "2026年改造菜单");
    assert_eq!(project["phase"], "design");
    assert_eq!(keys(&project["phases"], "phase"), ["design"]);
    app.post(&projects, Some(&w.committee), json!({ "consultation_id": p.cid })).expect_problem(409, "project_exists");
    let pid = id(&project);
    assert_eq!(app.get(&projects, Some(&p.zhang.0)).expect(200).as_array().unwrap().len(), 1);
    app.get(&format!("/api/v1/projects/{pid}"), Some(&w.other_committee)).expect_problem(403, "forbidden");

    // The designer's first version: bad input refused with nothing stored.
    let designs = format!("/api/v1/projects/{pid}/designs");
    let b1 = building(w, "1号楼");
    let v1 = json!({
        "note": "第一稿",
        "measures": [
            { "key": "M1", "title": "供水管网改造", "estimated_cost": "800000.00", "resident_share_percent": "10",
              "buildings": [b1], "items": [p.items["water_supply"]], "refs": ["设计院 2026-118 号图纸"] },
            { "key": "M2", "title": "屋面防水", "estimated_cost": "300000.00", "items": [p.items["roof_repair"]],
              "unlinked_reason": "屋面渗漏影响结构安全" },
            { "key": "M3", "title": "消防通道", "unlinked_reason": "消防规范要求" },
        ],
    });
    let audit = app.count("audit_log");
    let mut foreign = v1.clone();
    foreign["measures"][0]["items"] = json!([foreign_item]);
    let r = app.post(&designs, Some(&p.designer), foreign);
    assert_eq!(r.expect_problem(422, "measure_item_foreign").body["errors"][0]["field"], "measures[0].items[0]");
    let mut no_reason = v1.clone();
    no_reason["measures"][2]["unlinked_reason"] = Value::Null;
    let r = app.post(&designs, Some(&p.designer), no_reason);
    assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "measures[2].unlinked_reason");
    let mut twice = v1.clone();
    twice["measures"][1]["key"] = json!("M1");
    app.post(&designs, Some(&p.designer), twice).expect_problem(422, "validation_failed");
    app.post(&designs, Some(&w.committee), v1.clone()).expect_problem(403, "forbidden");
    assert_eq!((app.count("designs"), app.count("design_measures"), app.count("audit_log")), (0, 0, audit));

    let d1 = app.post(&designs, Some(&p.designer), v1).expect(201).clone();
    assert_eq!((d1["version"].as_i64(), d1["state"].as_str()), (Some(1), Some("submitted")));
    assert_eq!(d1["estimated_cost"], "1100000.00");
    assert_eq!(d1["measures"][0]["buildings"][0]["name"], "1号楼");
    assert_eq!(d1["measures"][0]["resident_share_percent"], "10.00");
    assert_eq!(d1["measures"][1]["items"][0]["approved"], false);
    assert_eq!(d1["coverage"]["approved_items"], 2);
    assert_eq!(d1["coverage"]["answered_items"], 1);
    assert_eq!(keys(&d1["coverage"]["uncovered_items"], "code"), ["drainage"]);
    assert_eq!(keys(&d1["coverage"]["unlinked_measures"], "key"), ["M2", "M3"]);
    assert_eq!(d1["changes"], Value::Null);
    // Residents do not see a version before it is accepted.
    app.get(&format!("/api/v1/designs/{}", id(&d1)), Some(&p.zhang.0)).expect_problem(403, "design_not_public");
    assert_eq!(app.get(&designs, Some(&p.zhang.0)).expect(200).as_array().unwrap().len(), 0);

    // The second version: M1 costs more, M2 goes, M4 answers the drainage.
    let v2 = json!({
        "note": "第二稿：补排水",
        "measures": [
            { "key": "M1", "title": "供水管网改造", "estimated_cost": "850000.00", "resident_share_percent": "10",
              "buildings": [b1], "items": [p.items["water_supply"]], "refs": ["设计院 2026-118 号图纸"] },
            { "key": "M3", "title": "消防通道", "unlinked_reason": "消防规范要求" },
            { "key": "M4", "title": "排水管道", "estimated_cost": "200000.00", "items": [p.items["drainage"]] },
        ],
    });
    let d2 = app.post(&designs, Some(&p.designer), v2.clone()).expect(201).clone();
    let changes: Vec<(String, String, Value)> = d2["changes"]["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["key"].as_str().unwrap().into(), c["change"].as_str().unwrap().into(), c["fields"].clone()))
        .collect();
    assert_eq!(d2["changes"]["from_version"], 1);
    assert_eq!(
        changes,
        vec![
            ("M1".into(), "changed".into(), json!(["estimated_cost"])),
            ("M3".into(), "unchanged".into(), json!([])),
            ("M4".into(), "added".into(), json!([])),
            ("M2".into(), "removed".into(), json!([])),
        ]
    );
    assert_eq!(d2["coverage"]["answered_items"], 2);
    assert_eq!(d2["coverage"]["uncovered_items"], json!([]));
    assert_eq!(keys(&d2["coverage"]["unlinked_measures"], "key"), ["M3"]);
    assert_eq!(app.get(&format!("/api/v1/designs/{}", id(&d1)), Some(&p.designer)).expect(200)["state"], "superseded");

    // No representatives yet; then three, each in their own building or unit.
    let d2_review = format!("/api/v1/designs/{}/review", id(&d2));
    app.post(&d2_review, Some(&w.committee), json!({})).expect_problem(409, "no_representatives");
    let reps = format!("/api/v1/communities/{}/representatives", w.community);
    let appoint = |user: &str, dwelling: &str, seat: &str| {
        app.post(&reps, Some(&w.committee), json!({ "user_id": user, "dwelling_id": dwelling, "seat": seat }))
    };
    let d101 = w.dwelling("1号楼", "1单元", "101");
    let d201 = w.dwelling("1号楼", "2单元", "201");
    let d2_101 = w.dwelling("2号楼", "1单元", "101");
    appoint(&p.li.1, &d101, "building").expect_problem(422, "representative_not_resident");
    appoint(&p.zhang.1, &d101, "floor").expect_problem(422, "validation_failed");
    assert_eq!(appoint(&p.zhang.1, &d101, "building").expect(201)["label"], "1号楼 楼长");
    appoint(&p.zhang.1, &d101, "unit").expect_problem(409, "already_representative");
    appoint(&p.li.1, &d201, "building").expect_problem(409, "seat_taken");
    assert_eq!(appoint(&p.li.1, &d201, "unit").expect(201)["label"], "1号楼2单元 单元联系人");
    assert_eq!(appoint(&p.wang.1, &d2_101, "building").expect(201)["label"], "2号楼 楼长");
    assert_eq!(app.get(&reps, Some(&w.committee)).expect(200).as_array().unwrap().len(), 3);
    app.get(&reps, Some(&p.zhang.0)).expect_problem(403, "forbidden");

    // Only the latest version, in the design phase, goes to review.
    app.post(&format!("/api/v1/designs/{}/review", id(&d1)), Some(&w.committee), json!({}))
        .expect_problem(409, "design_not_latest");
    let review = app.post(&d2_review, Some(&w.committee), json!({})).expect(201).clone();
    assert_eq!(keys(&review["panel"], "seat"), ["1号楼 楼长", "1号楼2单元 单元联系人", "2号楼 楼长"]);
    let rid = id(&review);
    // The panel's feeds ask them for their opinions while the review is open.
    let reviews_in_feed = |t: &str| {
        let f = app.get("/api/v1/me/feed", Some(t)).expect(200).clone();
        f["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "review")
            .map(|i| id_of_object(i))
            .collect::<Vec<_>>()
    };
    assert_eq!(reviews_in_feed(&p.zhang.0), vec![rid.clone()]);
    let pv = app.get(&format!("/api/v1/projects/{pid}"), Some(&w.committee)).expect(200).clone();
    assert_eq!(pv["phase"], "design_review");
    assert_eq!(pv["latest_design"]["review_id"], rid.as_str());
    app.post(&designs, Some(&p.designer), v2.clone()).expect_problem(409, "wrong_phase");

    // Opinions: only the panel, only measures of this version.
    let m: HashMap<String, String> =
        d2["measures"].as_array().unwrap().iter().map(|x| (x["key"].as_str().unwrap().to_string(), id(x))).collect();
    let opinions = format!("/api/v1/reviews/{rid}/opinions");
    let give = |token: &str, list: Value| app.put(&opinions, Some(token), json!({ "opinions": list }));
    give(&p.designer, json!([{ "measure_id": m["M1"], "opinion": "agree" }]))
        .expect_problem(403, "not_a_representative");
    let v1_m1 = id(&d1["measures"][0]);
    give(&p.zhang.0, json!([{ "measure_id": v1_m1, "opinion": "agree" }])).expect_problem(422, "validation_failed");
    give(&p.zhang.0, json!([{ "measure_id": m["M1"], "opinion": "maybe" }])).expect_problem(422, "validation_failed");
    give(
        &p.zhang.0,
        json!([
            { "measure_id": m["M1"], "opinion": "agree" },
            { "measure_id": m["M3"], "opinion": "agree_with_changes", "comment": "通道宽度不够" },
            { "measure_id": m["M4"], "opinion": "agree" },
        ]),
    )
    .expect(200);
    give(&p.li.0, json!([{ "measure_id": m["M1"], "opinion": "disagree", "comment": "费用太高" }, { "measure_id": m["M4"], "opinion": "agree" }]))
        .expect(200);
    // 张三 changes his mind on M1: the opinion is replaced, not added.
    give(&p.zhang.0, json!([{ "measure_id": m["M1"], "opinion": "agree_with_changes", "comment": "分期施工" }]))
        .expect(200);
    // WeChat is unsure of 王五's comment: held, shown to the committee and to him only.
    give(&p.wang.0, json!([{ "measure_id": m["M4"], "opinion": "disagree", "comment": "REVIEW 施工噪音" }]))
        .expect(200);
    assert_eq!(app.count("review_opinions"), 6);

    let summary = app.get(&format!("/api/v1/reviews/{rid}"), Some(&p.designer)).expect(200).clone();
    let counts: Vec<(String, i64, i64, i64, i64)> = summary["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let n = |f: &str| x[f].as_i64().unwrap();
            (x["key"].as_str().unwrap().into(), n("agree"), n("agree_with_changes"), n("disagree"), n("absent"))
        })
        .collect();
    assert_eq!(counts, vec![("M1".into(), 0, 1, 1, 1), ("M3".into(), 0, 1, 0, 2), ("M4".into(), 2, 0, 1, 0)]);
    let answered: Vec<i64> =
        summary["panel"].as_array().unwrap().iter().map(|x| x["answered"].as_i64().unwrap()).collect();
    assert_eq!(answered, [3, 2, 1], "张三, 李四, 王五 in seat order");
    let comment_of = |s: &Value, key: &str, seat: &str| {
        s["measures"].as_array().unwrap().iter().find(|x| x["key"] == key).unwrap()["opinions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["seat"] == seat)
            .unwrap()["comment"]
            .clone()
    };
    assert_eq!(comment_of(&summary, "M1", "1号楼2单元 单元联系人"), "费用太高");
    assert_eq!(comment_of(&summary, "M4", "2号楼 楼长"), diandan_app::moderation::screen::HIDDEN);
    let as_committee = app.get(&format!("/api/v1/reviews/{rid}"), Some(&w.committee)).expect(200).clone();
    assert_eq!(comment_of(&as_committee, "M4", "2号楼 楼长"), "REVIEW 施工噪音");
    let as_wang = app.get(&format!("/api/v1/reviews/{rid}"), Some(&p.wang.0)).expect(200).clone();
    assert_eq!(
        (as_wang["on_panel"].as_bool(), comment_of(&as_wang, "M4", "2号楼 楼长")),
        (Some(true), json!("REVIEW 施工噪音"))
    );
    assert_eq!(app.count("held_texts WHERE kind = 'review_opinion'"), 1);
    let (occupant, _) = w.verified("occupant", &w.dwelling("2号楼", "1单元", "102"), "occupant", &w.committee);
    app.get(&format!("/api/v1/reviews/{rid}"), Some(&occupant)).expect_problem(403, "forbidden");

    // Revise: back to the designer; the review's opinions are final.
    let decide = |r: &str, body: Value| app.post(&format!("/api/v1/reviews/{r}/decision"), Some(&w.committee), body);
    decide(&rid, json!({ "outcome": "maybe", "reason": "x" })).expect_problem(422, "validation_failed");
    let revised = decide(&rid, json!({ "outcome": "revise", "reason": "供水费用需压缩" })).expect(200).clone();
    assert_eq!(revised["outcome"], "revise");
    decide(&rid, json!({ "outcome": "accepted", "reason": "x" })).expect_problem(409, "review_closed");
    assert!(reviews_in_feed(&p.zhang.0).is_empty(), "a decided review leaves the feed");
    give(&p.zhang.0, json!([{ "measure_id": m["M1"], "opinion": "agree" }])).expect_problem(409, "review_closed");
    assert_eq!(app.get(&format!("/api/v1/designs/{}", id(&d2)), Some(&p.designer)).expect(200)["state"], "revise");

    // The third version, reviewed again and accepted: residents see it on public notice.
    let mut v3 = v2.clone();
    v3["measures"][0]["estimated_cost"] = json!("700000.00");
    let d3 = app.post(&designs, Some(&p.designer), v3).expect(201).clone();
    assert_eq!(d3["changes"]["measures"][0]["fields"], json!(["estimated_cost"]));
    assert_eq!(d3["changes"]["measures"][1]["change"], "unchanged");
    assert_eq!(d3["estimated_cost"], "900000.00");
    let r3 = id(app.post(&format!("/api/v1/designs/{}/review", id(&d3)), Some(&w.committee), json!({})).expect(201));
    for bad in [json!(0), json!(61)] {
        decide(&r3, json!({ "outcome": "accepted", "reason": "代表一致同意", "notice_days": bad }))
            .expect_problem(422, "validation_failed");
    }
    assert_eq!((app.count("design_notices"), app.count("review_opinions")), (0, 6));
    decide(&r3, json!({ "outcome": "accepted", "reason": "代表一致同意", "notice_days": 10 })).expect(200);
    let pv = app.get(&format!("/api/v1/projects/{pid}"), Some(&p.zhang.0)).expect(200).clone();
    assert_eq!(pv["phase"], "public_notice");
    assert_eq!(keys(&pv["phases"], "phase"), ["design", "design_review", "design", "design_review", "public_notice"]);
    assert_eq!(pv["phases"][4]["ended_at"], Value::Null);
    assert!(pv["phases"][3]["ended_at"].is_string());
    assert_eq!(
        (pv["latest_design"]["version"].as_i64(), pv["latest_design"]["state"].as_str()),
        (Some(3), Some("accepted"))
    );
    // A resident reads the accepted version; a representative also the one they reviewed.
    assert_eq!(keys(app.get(&designs, Some(&occupant)).expect(200), "state"), ["accepted"]);
    assert_eq!(app.get(&format!("/api/v1/designs/{}", id(&d3)), Some(&occupant)).expect(200)["version"], 3);
    app.get(&format!("/api/v1/designs/{}", id(&d2)), Some(&occupant)).expect_problem(403, "design_not_public");
    assert_eq!(keys(app.get(&designs, Some(&p.zhang.0)).expect(200), "state"), ["accepted", "revise"]);

    // The public notice (公示): on the notice board for 10 days, pinned.
    let d3_id = id(&d3);
    let on_notice = app.get(&format!("/api/v1/designs/{d3_id}"), Some(&occupant)).expect(200).clone();
    let pn = &on_notice["public_notice"];
    let (opens, closes) = (pn["opens_at"].as_str().unwrap(), pn["closes_at"].as_str().unwrap());
    let span =
        chrono::DateTime::parse_from_rfc3339(closes).unwrap() - chrono::DateTime::parse_from_rfc3339(opens).unwrap();
    assert_eq!((span.num_days(), pn["objections"].as_i64(), pn["unanswered"].as_i64()), (10, Some(0), Some(0)));
    let board = app.get(&format!("/api/v1/communities/{}/notices", w.community), Some(&occupant)).expect(200).clone();
    let posted = board["items"].as_array().unwrap().iter().find(|n| n["source"] == "design_notice").unwrap().clone();
    assert_eq!((posted["id"].as_str(), posted["pinned"].as_bool()), (pn["notice_id"].as_str(), Some(true)));
    assert_eq!(posted["title"], "设计方案公示：2026年改造菜单");
    assert!(posted["body"].as_str().unwrap().contains("1. 供水管网改造（估算 700000.00 元，居民分担 10.00%）"));

    // Objections: a verified resident, on a measure of this version, while the notice runs.
    let objections = format!("/api/v1/designs/{d3_id}/objections");
    let m3: HashMap<String, String> =
        d3["measures"].as_array().unwrap().iter().map(|x| (x["key"].as_str().unwrap().to_string(), id(x))).collect();
    let object = |token: &str, key: &str, text: &str| {
        let measure = m3.get(key).cloned().unwrap_or_else(|| key.to_string());
        app.post(&objections, Some(token), json!({ "measure_id": measure, "text": text }))
    };
    let (stranger, _) = w.app.resident("stranger");
    let audit = app.count("audit_log");
    object(&stranger, "M1", "不同意").expect_problem(403, "not_a_resident");
    object(&occupant, &m["M1"], "旧版本的措施").expect_problem(422, "validation_failed");
    object(&occupant, "M1", "").expect_problem(422, "validation_failed");
    app.post(
        &format!("/api/v1/designs/{}/objections", id(&d2)),
        Some(&occupant),
        json!({ "measure_id": m["M1"], "text": "x" }),
    )
    .expect_problem(409, "design_notice_closed");
    assert_eq!((app.count("design_objections"), app.count("audit_log")), (0, audit));
    let o1 = id(object(&occupant, "M1", "施工期间停水太久").expect(201));
    let o2 = object(&p.li.0, "M4", "REVIEW 排水管走向").expect(201).clone();
    assert_eq!((o2["measure_key"].as_str(), o2["text"].as_str()), (Some("M4"), Some("REVIEW 排水管走向")));
    object(&p.li.0, "M3", "通道要留宽").expect(201);
    // The committee and the designer read all three (the held one: the designer sees the
    // placeholder); a resident their own.
    let all = app.get(&objections, Some(&w.committee)).expect(200).clone();
    assert_eq!(keys(&all, "measure_key"), ["M1", "M4", "M3"]);
    assert_eq!(all[1]["text"], "REVIEW 排水管走向");
    let for_designer = app.get(&objections, Some(&p.designer)).expect(200).clone();
    assert_eq!(for_designer[1]["text"], diandan_app::moderation::screen::HIDDEN);
    assert_eq!(keys(app.get(&objections, Some(&p.li.0)).expect(200), "measure_key"), ["M4", "M3"]);
    assert_eq!(app.get(&objections, Some(&occupant)).expect(200).as_array().unwrap().len(), 1);
    assert_eq!(app.count("held_texts WHERE kind = 'design_objection'"), 1);

    // Approval waits for the period and for every answer.
    let approve = format!("/api/v1/designs/{d3_id}/approve");
    app.post(&approve, Some(&w.committee), json!({})).expect_problem(409, "notice_running");
    let answer = |o: &str, token: &str| {
        app.post(
            &format!("/api/v1/design-objections/{o}/answer"),
            Some(token),
            json!({ "answer": "施工分段进行，每段停水不超过4小时" }),
        )
    };
    answer(&o1, &p.designer).expect_problem(403, "forbidden");
    assert_eq!(answer(&o1, &w.committee).expect(200)["answer"], "施工分段进行，每段停水不超过4小时");
    answer(&o1, &w.committee).expect_problem(409, "already_answered");
    app.exec(&format!(
        "UPDATE design_notices SET closes_at = '2000-01-01 00:00:00', opens_at = '1999-12-01 00:00:00' WHERE design_id = '{d3_id}'"
    ));
    object(&occupant, "M1", "再提一条").expect_problem(409, "design_notice_closed");
    let blocked = app.post(&approve, Some(&w.committee), json!({}));
    assert_eq!(blocked.expect_problem(409, "objections_unanswered").body["detail"], "2 objections have no answer yet");
    answer(&id(&o2), &w.committee).expect(200);
    answer(&id(&all[2]), &w.committee).expect(200);
    app.post(&approve, Some(&p.designer), json!({})).expect_problem(403, "forbidden");
    let approved = app.post(&approve, Some(&w.committee), json!({})).expect(200).clone();
    assert_eq!((approved["objections"].as_i64(), approved["unanswered"].as_i64()), (Some(3), Some(0)));
    assert!(approved["approved_at"].is_string());
    app.post(&approve, Some(&w.committee), json!({})).expect_problem(409, "wrong_phase");
    let pv = app.get(&format!("/api/v1/projects/{pid}"), Some(&occupant)).expect(200).clone();
    assert_eq!((pv["phase"].as_str(), pv["latest_design"]["state"].as_str()), (Some("works"), Some("approved")));
    assert_eq!(app.get(&format!("/api/v1/designs/{d3_id}"), Some(&occupant)).expect(200)["state"], "approved");

    for (action, n) in [
        ("project.create", 1),
        ("design.submit", 3),
        ("representative.appoint", 3),
        ("review.open", 2),
        ("review.opinions", 4),
        ("review.decide", 2),
        ("design_objection.file", 3),
        ("design_objection.answer", 3),
        ("design.approve", 1),
    ] {
        assert_eq!(app.count(&format!("audit_log WHERE action = '{action}'")), n, "{action}");
    }
}

fn a_revoked_representative_stays_on_the_panel_they_were_asked_on(b: Backend) {
    let Some(p) = published(b) else { return };
    let (w, app) = (&p.w, &p.w.app);
    let pid = id(app
        .post(
            &format!("/api/v1/communities/{}/projects", w.community),
            Some(&w.committee),
            json!({ "consultation_id": p.cid }),
        )
        .expect(201));
    let d = app.post(
        &format!("/api/v1/projects/{pid}/designs"),
        Some(&p.designer),
        json!({ "measures": [{ "key": "M1", "title": "供水", "items": [p.items["water_supply"]] }] }),
    );
    let d = d.expect(201).clone();
    let reps = format!("/api/v1/communities/{}/representatives", w.community);
    let rep = app.post(
        &reps,
        Some(&w.committee),
        json!({ "user_id": p.zhang.1, "dwelling_id": w.dwelling("1号楼", "1单元", "101"), "seat": "building" }),
    );
    let rep = id(rep.expect(201));
    let rid = id(app.post(&format!("/api/v1/designs/{}/review", id(&d)), Some(&w.committee), json!({})).expect(201));
    app.delete(&format!("{reps}/{rep}"), Some(&w.committee)).expect(204);
    app.delete(&format!("{reps}/{rep}"), Some(&w.committee)).expect_problem(404, "not_found");
    assert_eq!(app.get(&reps, Some(&w.committee)).expect(200).as_array().unwrap().len(), 0);
    // Asked when the review opened: still on its panel, and their opinion counts.
    let r = app.put(
        &format!("/api/v1/reviews/{rid}/opinions"),
        Some(&p.zhang.0),
        json!({ "opinions": [{ "measure_id": id(&d["measures"][0]), "opinion": "agree" }] }),
    );
    assert_eq!(
        (r.expect(200)["measures"][0]["agree"].as_i64(), r.body["measures"][0]["absent"].as_i64()),
        (Some(1), Some(0))
    );
    // The seat is free again for someone else of the building.
    app.post(
        &reps,
        Some(&w.committee),
        json!({ "user_id": p.li.1, "dwelling_id": w.dwelling("1号楼", "2单元", "201"), "seat": "building" }),
    )
    .expect(201);
    assert_eq!(app.count("audit_log WHERE action = 'representative.revoke'"), 1);
}

backend_tests!(
    a_design_is_reviewed_by_the_representatives_and_accepted,
    a_revoked_representative_stays_on_the_panel_they_were_asked_on,
);
