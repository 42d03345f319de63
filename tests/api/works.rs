//! 怎么改, after the approval: the works with their parties, problem and stop-work notices and the
//! rectification ledger, the milestones of each measure, the residents' satisfaction at
//! completion with its threshold, the committee's acceptance and the district's view — exact
//! figures, and each refusal with its own code and nothing stored.

use crate::fixtures::STAFF_PASSWORD;
use crate::projects::{id, keys, now_plus, published, Published};
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};
use std::collections::HashMap;

struct InWorks {
    p: Published,
    pid: String,
    /// Measure ids by key (M1 answers the water supply, M4 the drainage).
    m: HashMap<String, String>,
}

/// A project whose design (M1, M4) was reviewed, put on a one-day notice that has run, and
/// approved: the project is in its works.
fn in_works(b: Backend) -> Option<InWorks> {
    let p = published(b)?;
    let (w, app) = (&p.w, &p.w.app);
    let project = app.post(
        &format!("/api/v1/communities/{}/projects", w.community),
        Some(&w.committee),
        json!({ "consultation_id": p.cid }),
    );
    let pid = id(project.expect(201));
    let design = app.post(
        &format!("/api/v1/projects/{pid}/designs"),
        Some(&p.designer),
        json!({ "note": "终稿", "measures": [
            { "key": "M1", "title": "供水管网改造", "estimated_cost": "700000.00", "items": [p.items["water_supply"]] },
            { "key": "M4", "title": "排水管道", "estimated_cost": "200000.00", "items": [p.items["drainage"]] },
        ] }),
    );
    let design = design.expect(201).clone();
    let did = id(&design);
    app.post(
        &format!("/api/v1/communities/{}/representatives", w.community),
        Some(&w.committee),
        json!({ "user_id": p.zhang.1, "dwelling_id": w.dwelling("1号楼", "1单元", "101"), "seat": "building" }),
    )
    .expect(201);
    let review = id(app.post(&format!("/api/v1/designs/{did}/review"), Some(&w.committee), json!({})).expect(201));
    app.post(
        &format!("/api/v1/reviews/{review}/decision"),
        Some(&w.committee),
        json!({ "outcome": "accepted", "reason": "代表同意", "notice_days": 1 }),
    )
    .expect(200);
    app.exec(&format!(
        "UPDATE design_notices SET opens_at = '2000-01-01 00:00:00', closes_at = '2000-01-02 00:00:00' WHERE design_id = '{did}'"
    ));
    app.post(&format!("/api/v1/designs/{did}/approve"), Some(&w.committee), json!({})).expect(200);
    let m = design["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["key"].as_str().unwrap().to_string(), id(x)))
        .collect();
    Some(InWorks { p, pid, m })
}

/// A staff account with no role (a party's contact), logged in: (token, user id).
fn account(w: &crate::fixtures::World, username: &str) -> (String, String) {
    let u = w.app.post(
        "/api/v1/users",
        Some(&w.admin),
        json!({ "username": username, "password": STAFF_PASSWORD, "display_name": username }),
    );
    let uid = id(u.expect(201));
    (w.app.login(username, STAFF_PASSWORD), uid)
}

fn photo(w: &crate::fixtures::World, token: &str) -> String {
    id(w.app.upload(Some(token), "site.jpg", &diandan_testkit::photos::phone_photo(32, 24)).expect(201))
}

fn ledger(v: &Value) -> [i64; 4] {
    let n = |f: &str| v["ledger"][f].as_i64().unwrap();
    [n("open"), n("rectifying"), n("overdue"), n("closed")]
}

fn works_are_supervised_notice_by_notice_and_milestone_by_milestone(b: Backend) {
    let Some(iw) = in_works(b) else { return };
    let (p, w, app) = (&iw.p, &iw.p.w, &iw.p.w.app);
    let works = format!("/api/v1/projects/{}/works", iw.pid);
    let (builder_contact, builder_id) = account(w, "street-office-pm");
    let (contractor, contractor_id) = account(w, "contractor-pm");

    // The parties, named by the committee; the contractor's contact reads the works.
    let party = |which: &str, body: Value| {
        app.put(&format!("/api/v1/projects/{}/parties/{which}", iw.pid), Some(&w.committee), body)
    };
    party("contractor", json!({ "name": "" })).expect_problem(422, "validation_failed");
    party("architect", json!({ "name": "某设计院" })).expect_problem(404, "not_found");
    party("contractor", json!({ "name": "甲建筑公司", "contact_user_id": contractor_id })).expect(200);
    party("contractor", json!({ "name": "乙建筑工程有限公司", "contact_user_id": contractor_id })).expect(200);
    party("builder", json!({ "name": "某街道办事处", "contact_user_id": builder_id })).expect(200);
    app.put(&format!("/api/v1/projects/{}/parties/supervisor", iw.pid), Some(&p.designer), json!({ "name": "x" }))
        .expect_problem(403, "forbidden");
    let v = app.get(&works, Some(&contractor)).expect(200).clone();
    assert_eq!(keys(&v["parties"], "name"), ["某街道办事处", "乙建筑工程有限公司"]);
    assert_eq!(keys(&v["parties"], "label"), ["建设单位", "施工单位"]);
    assert_eq!(keys(&v["measures"], "key"), ["M1", "M4"]);
    assert_eq!((v["phase"].as_str(), ledger(&v)), (Some("works"), [0, 0, 0, 0]));
    let (stranger, _) = app.resident("stranger");
    app.get(&works, Some(&stranger)).expect_problem(403, "forbidden");

    // A quality supervisor's works report, and a work order that is not one.
    app.post(
        &format!("/api/v1/communities/{}/supervisors", w.community),
        Some(&w.committee),
        json!({ "user_id": p.li.1 }),
    )
    .expect(201);
    let report = app.post(
        &format!("/api/v1/communities/{}/complaints", w.community),
        Some(&p.li.0),
        json!({ "category": "works_quality", "description": "供水管接口渗漏", "location_kind": "building", "building": "1号楼" }),
    );
    let report = id(report.expect(201));
    let repairs = app.post(
        &format!("/api/v1/communities/{}/complaints", w.community),
        Some(&p.zhang.0),
        json!({ "category": "property_repairs", "description": "楼道灯坏了", "location_kind": "building", "building": "1号楼" }),
    );
    let repairs = id(repairs.expect(201));

    // Notices: bad input refused with nothing stored.
    let notices = format!("/api/v1/projects/{}/works-notices", iw.pid);
    let problem = |extra: Value| {
        let mut body = json!({ "measure_id": iw.m["M1"], "kind": "problem", "responsible": "contractor",
            "problem": "供水管接口渗漏，未按图施工", "deadline": now_plus(3 * 86400), "complaint_id": report });
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let audit = app.count("audit_log");
    let field = |r: &diandan_testkit::Resp| r.body["errors"][0]["field"].as_str().unwrap().to_string();
    for (extra, f) in [
        (json!({ "measure_id": p.items["water_supply"] }), "measure_id"),
        (json!({ "kind": "warning" }), "kind"),
        (json!({ "responsible": "designer" }), "responsible"),
        (json!({ "problem": "" }), "problem"),
        (json!({ "deadline": now_plus(-60) }), "deadline"),
        (json!({ "complaint_id": repairs }), "complaint_id"),
    ] {
        let r = app.post(&notices, Some(&w.committee), problem(extra));
        assert_eq!(field(r.expect_problem(422, "validation_failed")), f);
    }
    app.post(&notices, Some(&p.designer), problem(json!({}))).expect_problem(403, "forbidden");
    app.post(&notices, Some(&contractor), problem(json!({}))).expect_problem(403, "forbidden");
    assert_eq!((app.count("works_notices"), app.count("audit_log")), (0, audit));

    let before = photo(w, &w.committee);
    let n1 = app.post(&notices, Some(&w.committee), problem(json!({ "photos": [before] }))).expect(201).clone();
    assert_eq!(
        (
            n1["source"].as_str(),
            n1["state"].as_str(),
            n1["responsible_name"].as_str(),
            n1["photos"].as_array().unwrap().len()
        ),
        (Some("supervisor_report"), Some("open"), Some("乙建筑工程有限公司"), 1)
    );
    // The quality department (the district's admin) stops the drainage works after an inspection.
    let stop = json!({ "measure_id": iw.m["M4"], "kind": "stop_work", "responsible": "contractor",
        "problem": "沟槽无支护，存在坍塌风险", "deadline": now_plus(86400) });
    let n2 = app.post(&notices, Some(&w.admin), stop).expect(201).clone();
    assert_eq!((n2["source"].as_str(), n2["kind"].as_str()), (Some("inspection"), Some("stop_work")));
    let v = app.get(&works, Some(&p.zhang.0)).expect(200).clone();
    assert_eq!(ledger(&v), [2, 0, 0, 0]);
    assert_eq!(
        (v["measures"][0]["stopped"].as_bool(), v["measures"][1]["stopped"].as_bool()),
        (Some(false), Some(true))
    );

    // Milestones: in order, not while stopped.
    let milestones = format!("/api/v1/projects/{}/milestones", iw.pid);
    let post = |key: &str, m: &str| {
        app.post(&milestones, Some(&w.committee), json!({ "measure_id": iw.m[key], "milestone": m, "note": "按计划" }))
    };
    post("M4", "started").expect_problem(409, "works_stopped");
    let r = post("M1", "half");
    assert_eq!(
        r.expect_problem(409, "milestone_out_of_order").body["detail"],
        "the measure has reached nothing; the next milestone is started"
    );
    app.post(&milestones, Some(&p.designer), json!({ "measure_id": iw.m["M1"], "milestone": "started" }))
        .expect_problem(403, "forbidden");
    let v = post("M1", "started").expect(200).clone();
    assert_eq!(v["measures"][0]["reached"], "started");
    post("M1", "started").expect_problem(409, "milestone_out_of_order");

    // The contractor's plan; the builder's contact is not the responsible party.
    let plan = |n: &Value, token: &str| {
        app.post(
            &format!("/api/v1/works-notices/{}/plan", id(n)),
            Some(token),
            json!({ "plan": "三日内更换接口并试压" }),
        )
    };
    plan(&n1, &builder_contact).expect_problem(403, "forbidden");
    plan(&n1, &stranger).expect_problem(403, "forbidden");
    assert_eq!(plan(&n1, &contractor).expect(200)["state"], "rectifying");
    // Past its deadline, a notice is overdue whatever its plan.
    app.exec(&format!("UPDATE works_notices SET deadline = '2000-01-01 00:00:00' WHERE id = '{}'", id(&n1)));
    assert_eq!(ledger(app.get(&works, Some(&w.committee)).expect(200)), [1, 0, 1, 0]);

    // 销号: the committee or the quality department, with a note and photos after rectification;
    // never the construction company.
    let close = |n: &Value, token: &str, body: Value| {
        app.post(&format!("/api/v1/works-notices/{}/close", id(n)), Some(token), body)
    };
    let after_c = photo(w, &contractor);
    close(&n1, &contractor, json!({ "note": "已整改", "photos": [after_c] })).expect_problem(403, "not_a_closer");
    close(&n1, &builder_contact, json!({ "note": "已整改" })).expect_problem(403, "not_a_closer");
    close(&n1, &p.zhang.0, json!({ "note": "已整改" })).expect_problem(403, "forbidden");
    let r = close(&n1, &w.committee, json!({ "note": "复查合格" }));
    assert_eq!(field(r.expect_problem(422, "validation_failed")), "photos");
    assert_eq!(app.count("works_notices WHERE closed_at IS NOT NULL"), 0);
    let after = photo(w, &w.committee);
    let closed = close(&n1, &w.committee, json!({ "note": "复查合格，试压0.6MPa无渗漏", "photos": [after] }))
        .expect(200)
        .clone();
    assert_eq!((closed["state"].as_str(), closed["after_photos"].as_array().unwrap().len()), (Some("closed"), 1));
    close(&n1, &w.committee, json!({ "note": "again", "photos": [photo(w, &w.committee)] }))
        .expect_problem(409, "works_notice_closed");
    plan(&n1, &contractor).expect_problem(409, "works_notice_closed");
    // The stop-work notice is lifted by the quality department (no photo needed).
    assert_eq!(close(&n2, &w.admin, json!({ "note": "已加设支护，准予复工" })).expect(200)["state"], "closed");
    let v = app.get(&works, Some(&p.zhang.0)).expect(200).clone();
    assert_eq!((ledger(&v), v["measures"][1]["stopped"].as_bool()), ([0, 0, 0, 2], Some(false)));

    // The last measure finished opens the acceptance.
    for (key, m) in [("M1", "half"), ("M1", "finished"), ("M4", "started"), ("M4", "half")] {
        post(key, m).expect(200);
    }
    assert_eq!(app.get(&works, Some(&p.zhang.0)).expect(200)["phase"], "works");
    let v = post("M4", "finished").expect(200).clone();
    assert_eq!(v["phase"], "acceptance");
    assert_eq!(keys(&v["measures"][1]["milestones"], "milestone"), ["started", "half", "finished"]);
    post("M4", "finished").expect_problem(409, "wrong_phase");
    let pv = app.get(&format!("/api/v1/projects/{}", iw.pid), Some(&p.zhang.0)).expect(200).clone();
    assert_eq!(keys(&pv["phases"], "phase").last().map(String::as_str), Some("acceptance"));

    for (action, n) in [
        ("works.party", 3),
        ("works_notice.issue", 2),
        ("works_notice.plan", 1),
        ("works_notice.close", 2),
        ("works.milestone", 6),
    ] {
        assert_eq!(app.count(&format!("audit_log WHERE action = '{action}'")), n, "{action}");
    }
}

fn residents_accept_the_works_with_their_satisfaction(b: Backend) {
    let Some(iw) = in_works(b) else { return };
    let (p, w, app) = (&iw.p, &iw.p.w, &iw.p.w.app);
    let acceptance = format!("/api/v1/projects/{}/acceptance", iw.pid);
    let ratings = format!("{acceptance}/ratings");
    let rate = |token: &str, list: Value| app.put(&ratings, Some(token), json!({ "ratings": list }));
    let one = |key: &str, level: &str| json!([{ "measure_id": iw.m[key], "level": level }]);

    // Not before the works are finished.
    rate(&p.li.0, one("M1", "satisfied")).expect_problem(409, "wrong_phase");
    let milestones = format!("/api/v1/projects/{}/milestones", iw.pid);
    for key in ["M1", "M4"] {
        for m in ["started", "half", "finished"] {
            app.post(&milestones, Some(&w.committee), json!({ "measure_id": iw.m[key], "milestone": m })).expect(200);
        }
    }
    // A notice issued during the acceptance must be closed before the works are accepted.
    let n3 = app.post(
        &format!("/api/v1/projects/{}/works-notices", iw.pid),
        Some(&w.committee),
        json!({ "measure_id": iw.m["M1"], "kind": "problem", "responsible": "contractor",
                "problem": "水表箱未复原", "deadline": now_plus(86400) }),
    );
    let n3 = id(n3.expect(201));

    // Five dwellings other than 张三's two: 李四 (K201), 王五 (2-1-101) and three occupants.
    let (occ_a, _) = w.verified("occ-a", &w.dwelling("2号楼", "1单元", "102"), "occupant", &w.committee);
    let (occ_b, _) = w.verified("occ-b", &w.dwelling("1号楼", "1单元", "101"), "occupant", &w.committee);
    let (occ_c, _) = w.verified("occ-c", &w.dwelling("1号楼", "1单元", "102"), "occupant", &w.committee);
    let (stranger, _) = app.resident("stranger");
    rate(&stranger, one("M1", "satisfied")).expect_problem(403, "not_a_resident");
    let audit = app.count("audit_log");
    let field = |r: &diandan_testkit::Resp| r.body["errors"][0]["field"].as_str().unwrap().to_string();
    assert_eq!(field(rate(&p.li.0, one("M1", "happy")).expect_problem(422, "validation_failed")), "ratings[0].level");
    let foreign = json!([{ "measure_id": p.items["drainage"], "level": "satisfied" }]);
    assert_eq!(field(rate(&p.li.0, foreign).expect_problem(422, "validation_failed")), "ratings[0].measure_id");
    let twice = json!([{ "measure_id": iw.m["M1"], "level": "satisfied" }, { "measure_id": iw.m["M1"], "level": "dissatisfied" }]);
    assert_eq!(field(rate(&p.li.0, twice).expect_problem(422, "validation_failed")), "ratings[1].measure_id");
    rate(&p.li.0, json!([])).expect_problem(422, "validation_failed");
    assert_eq!((app.count("acceptance_ratings"), app.count("audit_log")), (0, audit));

    // Their feeds ask the residents for it, until their home has rated.
    let to_rate = |t: &str| {
        let f = app.get("/api/v1/me/feed", Some(t)).expect(200).clone();
        f["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "rate_works" && i["object_id"] == iw.pid.as_str())
            .count()
    };
    assert_eq!((to_rate(&p.li.0), to_rate(&occ_a), to_rate(&stranger)), (1, 1, 0));
    let both = |m1: &str, m4: &str| json!([{ "measure_id": iw.m["M1"], "level": m1 }, { "measure_id": iw.m["M4"], "level": m4 }]);
    rate(&p.li.0, both("satisfied", "satisfied")).expect(200);
    rate(&p.wang.0, both("satisfied", "dissatisfied")).expect(200);
    assert_eq!((to_rate(&p.li.0), to_rate(&occ_a)), (0, 1));
    rate(&occ_a, json!([{ "measure_id": iw.m["M1"], "level": "basically_satisfied", "comment": "REVIEW 水压不稳" }]))
        .expect(200);
    let four =
        rate(&occ_b, json!([{ "measure_id": iw.m["M1"], "level": "dissatisfied", "comment": "楼道还有建筑垃圾" }]));
    let four = four.expect(200).clone();
    // Four dwellings: the split stays hidden.
    assert_eq!((four["measures"][0]["rated"].as_i64(), four["measures"][0]["satisfied"].as_i64()), (Some(4), None));
    assert_eq!((four["measures"][0]["shares"].clone(), four["overall"].clone()), (Value::Null, Value::Null));
    assert_eq!(four["mine"][0]["level"], "dissatisfied");
    let five = rate(&occ_c, one("M1", "dissatisfied")).expect(200).clone();
    let m1 = &five["measures"][0];
    let split = |m: &Value| (m["satisfied"].as_i64(), m["basically_satisfied"].as_i64(), m["dissatisfied"].as_i64());
    assert_eq!((m1["rated"].as_i64(), split(m1)), (Some(5), (Some(2), Some(1), Some(2))));
    assert_eq!(
        m1["shares"],
        json!({ "satisfied": "40.0", "basically_satisfied": "20.0", "dissatisfied": "40.0", "satisfaction_rate": "60.0" })
    );
    // The held comment is not shown to residents; M4 (two dwellings) stays hidden and out of the sum.
    assert_eq!(m1["comments"], json!(["楼道还有建筑垃圾"]));
    assert_eq!((five["measures"][1]["rated"].as_i64(), five["measures"][1]["shares"].clone()), (Some(2), Value::Null));
    assert_eq!(five["overall"]["satisfaction_rate"], "60.0");
    assert_eq!(five["rated_dwellings"], 5);
    let as_committee = app.get(&acceptance, Some(&w.committee)).expect(200).clone();
    assert_eq!(as_committee["measures"][0]["comments"], json!(["REVIEW 水压不稳", "楼道还有建筑垃圾"]));
    // One rating per dwelling: 张三 rates for one of his two dwellings, replacing its occupant's
    // (both said dissatisfied), so five dwellings still count.
    let zhang = rate(&p.zhang.0, one("M1", "satisfied")).expect(200).clone();
    assert_eq!(
        (zhang["measures"][0]["rated"].as_i64(), split(&zhang["measures"][0])),
        (Some(5), (Some(3), Some(1), Some(1)))
    );
    assert_eq!(zhang["overall"]["satisfaction_rate"], "80.0");
    assert_eq!((zhang["rated_dwellings"].as_i64(), app.count("acceptance_ratings")), (Some(5), 7));

    // The decision: not with a notice open; not accepted keeps the project in acceptance.
    let decide = |body: Value| app.post(&format!("{acceptance}/decision"), Some(&w.committee), body);
    let r = decide(json!({ "decision": "accepted", "reason": "居民满意率80%" }));
    assert_eq!(
        r.expect_problem(409, "notices_open").body["detail"],
        "1 works notices are not closed; close them before accepting the works"
    );
    decide(json!({ "decision": "maybe", "reason": "x" })).expect_problem(422, "validation_failed");
    app.post(&format!("{acceptance}/decision"), Some(&p.designer), json!({ "decision": "accepted", "reason": "x" }))
        .expect_problem(403, "forbidden");
    let not_yet = decide(json!({ "decision": "not_accepted", "reason": "水表箱待复原" })).expect(200).clone();
    assert_eq!((not_yet["phase"].as_str(), not_yet["decisions"].as_array().unwrap().len()), (Some("acceptance"), 1));
    app.post(
        &format!("/api/v1/works-notices/{n3}/close"),
        Some(&w.committee),
        json!({ "note": "已复原", "photos": [photo(w, &w.committee)] }),
    )
    .expect(200);
    let done = decide(json!({ "decision": "accepted", "reason": "居民满意率80%，整改全部销号" })).expect(200).clone();
    assert_eq!((done["phase"].as_str(), done["open_notices"].as_i64()), (Some("done"), Some(0)));
    let figures = &done["decisions"][1]["figures"];
    assert_eq!((figures["overall"].as_str(), figures["rated_dwellings"].as_i64()), (Some("80.0"), Some(5)));
    assert_eq!(
        figures["measures"],
        json!([
            { "key": "M1", "rated": 5, "satisfaction_rate": "80.0" },
            { "key": "M4", "rated": 2, "satisfaction_rate": null },
        ])
    );
    rate(&p.li.0, one("M4", "satisfied")).expect_problem(409, "wrong_phase");
    decide(json!({ "decision": "accepted", "reason": "again" })).expect_problem(409, "wrong_phase");

    // The district's view: its projects by phase with their satisfaction.
    let district = format!("/api/v1/districts/{}/projects", w.district);
    app.get(&district, Some(&w.committee)).expect_problem(403, "forbidden");
    let list = app.get(&district, Some(&w.admin)).expect(200).clone();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let row = &list[0];
    assert_eq!(
        (row["phase"].as_str(), row["open_notices"].as_i64(), row["rated_dwellings"].as_i64()),
        (Some("done"), Some(0), Some(5))
    );
    assert_eq!(row["satisfaction"]["satisfaction_rate"], "80.0");

    // 张三's own data holds his rating of the works and his seat; leaving revokes the seat.
    let mine = app.get("/api/v1/me/export", Some(&p.zhang.0)).expect(200).clone();
    assert_eq!(
        (mine["acceptance_ratings"][0]["level"].as_str(), mine["acceptance_ratings"].as_array().unwrap().len()),
        (Some("satisfied"), 1)
    );
    assert_eq!(
        (mine["representative_seats"][0]["seat"].as_str(), mine["representative_seats"][0]["revoked_at"].clone()),
        (Some("building"), Value::Null)
    );
    app.delete("/api/v1/me", Some(&p.zhang.0)).expect(200);
    let reps = app
        .get(&format!("/api/v1/communities/{}/representatives", w.community), Some(&w.committee))
        .expect(200)
        .clone();
    assert_eq!(reps.as_array().unwrap().len(), 0, "the seat of a resident who left is revoked");
    assert_eq!(app.count("acceptance_ratings"), 7, "the ratings stay counted");

    for (action, n) in [("acceptance.rate", 6), ("acceptance.decide", 2)] {
        assert_eq!(app.count(&format!("audit_log WHERE action = '{action}'")), n, "{action}");
    }
    assert_eq!(app.count("held_texts WHERE kind = 'acceptance_rating'"), 1);
}

backend_tests!(
    works_are_supervised_notice_by_notice_and_milestone_by_milestone,
    residents_accept_the_works_with_their_satisfaction,
);
