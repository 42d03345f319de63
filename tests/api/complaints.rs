//! Complaints as work orders: every transition and its refusals, what property staff may see,
//! renovation-works reports, filters, deadlines and figures with exact values.

use crate::fixtures::{world, World};
use diandan_domain::complaint::WorkCalendar;
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};

struct Desk {
    w: World,
    /// Company serving `w.community`, and one serving `w.other_community`.
    company: String,
    other_company: String,
    staff: String,
    other_staff: String,
    /// Owner of 1号楼 1单元 101/102 (phone verified, auto-approved).
    zhang: String,
    zhang_id: String,
    /// Occupant of 2号楼 1单元 101, approved by the committee.
    olga: String,
}

fn setup(b: Backend) -> Option<Desk> {
    let w = world(b)?;
    let app = &w.app;
    let company = w.company("安居物业", &w.community);
    let other_company = w.company("乐家物业", &w.other_community);
    let staff = w.property_staff("anju-1", &company);
    let other_staff = w.property_staff("lejia-1", &other_company);
    let (zhang, zhang_id) = app.resident("zhang");
    app.verify_phone(&zhang, "13800000001");
    let d = w.dwelling("1号楼", "1单元", "101");
    app.post("/api/v1/bindings", Some(&zhang), json!({ "dwelling_id": d, "relation": "owner" })).expect(201);
    let (olga, _) = w.verified("olga", &w.dwelling("2号楼", "1单元", "101"), "occupant", &w.committee);
    Some(Desk { w, company, other_company, staff, other_staff, zhang, zhang_id, olga })
}

fn submit(d: &Desk, token: &str, body: Value) -> diandan_testkit::Resp {
    d.w.app.post(&format!("/api/v1/communities/{}/complaints", d.w.community), Some(token), body)
}

fn repairs() -> Value {
    json!({
        "category": "property_repairs",
        "description": "1单元楼道灯坏了两周",
        "location_kind": "unit",
        "building": "1号楼",
        "unit": "1单元",
        "photos": [],
        "contact_me": true,
        "dwelling_id": null
    })
}

fn step(d: &Desk, id: &str, action: &str, token: &str, body: Value) -> diandan_testkit::Resp {
    d.w.app.post(&format!("/api/v1/complaints/{id}/{action}"), Some(token), body)
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

fn ts(v: &Value) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap().with_timezone(&chrono::Utc)
}

fn full_lifecycle_and_who_may_take_each_step(b: Backend) {
    let Some(d) = setup(b) else { return };
    let app = &d.w.app;
    let (eve, _) = app.resident("eve");

    // Refusals store nothing.
    submit(&d, &eve, repairs()).expect_problem(403, "not_a_resident");
    let mut bad = repairs();
    bad["category"] = json!("noise");
    bad["location_kind"] = json!("public");
    let r = submit(&d, &d.zhang, bad);
    r.expect_problem(422, "validation_failed");
    let fields: Vec<&str> = r.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["category", "location_kind"]);
    let mut bad = repairs();
    bad["unit"] = json!("9单元");
    submit(&d, &d.zhang, bad).expect_problem(422, "validation_failed");
    assert_eq!(app.count("complaints"), 0);
    assert_eq!(app.count("complaint_events"), 0);

    // A retry on a weak network with the same Idempotency-Key stores nothing twice.
    let path = format!("/api/v1/communities/{}/complaints", d.w.community);
    let bytes = repairs().to_string().into_bytes();
    let send = |body: &[u8]| {
        app.request("POST", &path, Some(&d.zhang), Some("application/json"), Some(body), &[("Idempotency-Key", "c-1")])
    };
    let r = send(&bytes);
    let c = r.expect(201).clone();
    let id = id_of(&r.body);
    let again = send(&bytes);
    assert_eq!(again.expect(201)["id"], id.as_str());
    assert_eq!(app.count("complaints"), 1);
    send(b"{\"category\":\"other\",\"description\":\"x\",\"location_kind\":\"public\",\"place\":\"p\"}")
        .expect_problem(422, "idempotency_key_reused");
    assert_eq!(app.count("complaints"), 1);
    assert_eq!(c["status"], "submitted");
    assert_eq!(c["dwelling"], "1号楼1单元101", "the submitter sees their own dwelling");
    assert_eq!(c["location"]["unit"], "1单元");
    assert_eq!(c["photos"], json!([]));
    // Five working days counted in China time from the day of submission.
    assert_eq!(ts(&c["deadline_at"]), WorkCalendar::default().add_working_days(ts(&c["created_at"]), 5));

    // Triage: only this community's committee.
    for token in [&d.staff, &d.zhang, &d.w.other_committee, &d.olga] {
        step(&d, &id, "accept", token, json!({})).expect_problem(403, "forbidden");
    }
    step(&d, &id, "assign", &d.w.committee, json!({ "to": "company" })).expect_problem(409, "invalid_transition");
    step(&d, &id, "accept", &d.w.committee, json!({})).expect(200);
    step(&d, &id, "accept", &d.w.committee, json!({})).expect_problem(409, "invalid_transition");

    // Not yet the company's: its staff neither see nor touch it.
    app.get(&format!("/api/v1/complaints/{id}"), Some(&d.staff)).expect_problem(403, "forbidden");
    let listed = app.get(&format!("/api/v1/communities/{}/complaints", d.w.community), Some(&d.staff));
    assert_eq!(listed.expect(200)["items"].as_array().unwrap().len(), 0);
    step(&d, &id, "assign", &d.w.committee, json!({ "to": "developer" })).expect_problem(422, "validation_failed");
    let r = step(&d, &id, "assign", &d.w.committee, json!({ "to": "company", "note": "请物业三日内处理" }));
    assert_eq!(r.expect(200)["status"], "assigned");
    assert_eq!(r.body["company_id"], d.company.as_str());

    // The company's staff see the masked dwelling and, since the resident asked for it, the
    // masked phone and the call-back channel; never a name, a full phone or an openid.
    let seen = app.get(&format!("/api/v1/complaints/{id}"), Some(&d.staff));
    assert_eq!(seen.expect(200)["dwelling"], "1号楼1单元**1");
    assert_eq!(seen.body["contact"]["masked_phone"], "138****0001");
    assert_eq!(seen.body["contact"]["call_back"], format!("/api/v1/complaints/{id}/comments"));
    for secret in ["张三", "13800000001", "zhang", d.zhang_id.as_str(), "1单元101"] {
        assert!(!seen.text.contains(secret), "{secret} reached property staff: {}", seen.text);
    }
    // A neighbour sees the order (to say "me too") but not the contact.
    let neighbour = app.get(&format!("/api/v1/complaints/{id}"), Some(&d.olga));
    assert!(neighbour.expect(200)["contact"].is_null());
    assert_eq!(neighbour.body["dwelling"], "1号楼1单元**1");
    // Another company's staff: nothing.
    app.get(&format!("/api/v1/complaints/{id}"), Some(&d.other_staff)).expect_problem(403, "forbidden");
    step(&d, &id, "start", &d.other_staff, json!({})).expect_problem(403, "forbidden");
    step(&d, &id, "start", &d.w.committee, json!({})).expect_problem(403, "forbidden");

    step(&d, &id, "start", &d.staff, json!({})).expect(200);
    step(&d, &id, "comments", &d.staff, json!({ "note": "明早9点上门，方便吗？" })).expect(200);
    step(&d, &id, "comments", &d.zhang, json!({ "note": "方便" })).expect(200);
    step(&d, &id, "comments", &d.olga, json!({ "note": "我也要说" })).expect_problem(403, "forbidden");
    step(&d, &id, "reply", &d.staff, json!({})).expect_problem(422, "validation_failed");
    step(&d, &id, "reply", &d.staff, json!({ "note": "已更换灯泡" })).expect(200);

    // Only the submitter confirms or sends back; neighbours say "me too", once.
    step(&d, &id, "confirm", &d.olga, json!({})).expect_problem(403, "forbidden");
    step(&d, &id, "confirm", &d.staff, json!({})).expect_problem(403, "forbidden");
    assert_eq!(step(&d, &id, "me-too", &d.olga, json!({})).expect(200)["me_too_count"], 1);
    step(&d, &id, "me-too", &d.olga, json!({})).expect_problem(409, "already_marked");
    step(&d, &id, "me-too", &d.zhang, json!({})).expect_problem(409, "own_complaint");
    step(&d, &id, "send-back", &d.zhang, json!({})).expect_problem(422, "validation_failed");
    let before = ts(&app.get(&format!("/api/v1/complaints/{id}"), Some(&d.zhang)).body["deadline_at"]);
    let back = step(&d, &id, "send-back", &d.zhang, json!({ "note": "二楼的灯还是不亮" }));
    assert_eq!(back.expect(200)["status"], "reopened");
    let restarted = ts(&back.body["deadline_at"]);
    assert!(restarted >= before, "the deadline starts again at reopening");
    assert_eq!(restarted, WorkCalendar::default().add_working_days(ts(&back.body["updated_at"]), 5));
    step(&d, &id, "reply", &d.staff, json!({ "note": "二楼也已修好" })).expect(200);
    let closed = step(&d, &id, "confirm", &d.zhang, json!({}));
    assert_eq!(closed.expect(200)["status"], "closed");
    assert!(closed.body["closed_at"].is_string());
    step(&d, &id, "confirm", &d.zhang, json!({})).expect_problem(409, "invalid_transition");
    step(&d, &id, "comments", &d.zhang, json!({ "note": "谢谢" })).expect_problem(409, "invalid_transition");

    let events: Vec<(String, String)> = closed.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap().to_string(), e["actor_role"].as_str().unwrap().to_string()))
        .collect();
    let expected = [
        ("submit", "resident"),
        ("accept", "committee"),
        ("assign", "committee"),
        ("start", "property"),
        ("comment", "property"),
        ("comment", "resident"),
        ("reply", "property"),
        ("me_too", "resident"),
        ("send_back", "resident"),
        ("reply", "property"),
        ("confirm", "resident"),
    ];
    assert_eq!(events, expected.iter().map(|(a, r)| (a.to_string(), r.to_string())).collect::<Vec<_>>());
    assert_eq!(app.count("complaint_events"), 11);
    let audit = app.get("/api/v1/audit?limit=200", Some(&d.w.admin));
    let actions: Vec<&str> = audit
        .expect(200)
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| a.starts_with("complaint."))
        .collect();
    assert_eq!(actions.len(), 11, "every step is in the audit log: {actions:?}");
    assert_eq!(app.get("/api/v1/audit/verify", Some(&d.w.admin)).expect(200)["ok"], true);

    // Rejection needs a reason and is final.
    let r = submit(
        &d,
        &d.olga,
        json!({ "category": "other", "description": "楼下广场舞太吵", "location_kind": "public", "place": "中心广场" }),
    );
    let rid = id_of(r.expect(201));
    step(&d, &rid, "reject", &d.w.committee, json!({})).expect_problem(422, "validation_failed");
    assert_eq!(
        step(&d, &rid, "reject", &d.w.committee, json!({ "note": "请联系城管12345" })).expect(200)["status"],
        "rejected"
    );
    step(&d, &rid, "accept", &d.w.committee, json!({})).expect_problem(409, "invalid_transition");
    step(&d, &rid, "me-too", &d.zhang, json!({})).expect_problem(409, "invalid_transition");
}

/// Complaint text leaves the submitter's view without phone numbers, ID numbers or the names
/// of the community's people, however they were typed; the submitter and the committee read
/// it as written.
fn complaint_text_is_scrubbed_for_staff_and_neighbours(b: Backend) {
    let Some(d) = setup(b) else { return };
    let app = &d.w.app;
    let mut body = repairs();
    let written = "楼道灯坏了，张\u{200b}三说联系138-0000-0001或１３８０００００００３，身份证 110105 19491231 002X";
    body["description"] = json!(written);
    let id = id_of(submit(&d, &d.zhang, body).expect(201));
    step(&d, &id, "accept", &d.w.committee, json!({})).expect(200);
    step(&d, &id, "assign", &d.w.committee, json!({ "to": "company" })).expect(200);
    step(&d, &id, "comments", &d.zhang, json!({ "note": "再打 138 0000 0002 找张三" })).expect(200);
    let scrubbed = "楼道灯坏了，**说联系***或***，身份证 ***";
    for (who, token) in [("property staff", &d.staff), ("neighbour", &d.olga)] {
        let v = app.get(&format!("/api/v1/complaints/{id}"), Some(token)).expect(200).clone();
        assert_eq!(v["description"], scrubbed, "{who}");
        let notes: Vec<&str> = v["events"].as_array().unwrap().iter().filter_map(|e| e["note"].as_str()).collect();
        assert_eq!(notes, vec!["再打 *** 找**"], "{who}");
        let list =
            app.get(&format!("/api/v1/communities/{}/complaints", d.w.community), Some(token)).expect(200).clone();
        assert_eq!(list["items"][0]["description"], scrubbed, "{who}");
    }
    for token in [&d.zhang, &d.w.committee] {
        assert_eq!(app.get(&format!("/api/v1/complaints/{id}"), Some(token)).expect(200)["description"], written);
    }
}

fn works_reports_go_to_the_committee(b: Backend) {
    let Some(d) = setup(b) else { return };
    let app = &d.w.app;
    let dust = || json!({ "category": "works_dust", "description": "施工扬尘未覆盖", "location_kind": "building", "building": "2号楼", "urgency": "urgent" });
    submit(&d, &d.zhang, dust()).expect_problem(403, "not_a_supervisor");

    let path = format!("/api/v1/communities/{}/supervisors", d.w.community);
    let (eve, eve_id) = app.resident("eve");
    app.post(&path, Some(&d.w.committee), json!({ "user_id": eve_id })).expect_problem(422, "supervisor_not_resident");
    app.post(&path, Some(&d.zhang), json!({ "user_id": d.zhang_id })).expect_problem(403, "forbidden");
    app.post(&path, Some(&d.w.other_committee), json!({ "user_id": d.zhang_id })).expect_problem(403, "forbidden");
    let s = app.post(&path, Some(&d.w.committee), json!({ "user_id": d.zhang_id }));
    let sid = id_of(s.expect(201));
    app.post(&path, Some(&d.w.committee), json!({ "user_id": d.zhang_id })).expect_problem(409, "already_supervisor");
    assert_eq!(app.get(&path, Some(&d.w.committee)).expect(200).as_array().unwrap().len(), 1);
    let _ = eve;

    let r = submit(&d, &d.zhang, dust());
    let c = r.expect(201).clone();
    let id = id_of(&r.body);
    // Urgent: 24 hours, not working days.
    assert_eq!((ts(&c["deadline_at"]) - ts(&c["created_at"])).num_hours(), 24);
    step(&d, &id, "accept", &d.w.committee, json!({})).expect(200);
    step(&d, &id, "assign", &d.w.committee, json!({ "to": "company" })).expect_problem(422, "works_go_to_committee");
    step(&d, &id, "assign", &d.w.committee, json!({ "to": "committee" })).expect(200);
    step(&d, &id, "start", &d.staff, json!({})).expect_problem(403, "forbidden");
    step(&d, &id, "start", &d.w.committee, json!({})).expect(200);
    let r = step(&d, &id, "reply", &d.w.committee, json!({ "note": "已要求施工方覆盖防尘网" }));
    assert_eq!(r.expect(200)["events"].as_array().unwrap().last().unwrap()["actor_role"], "committee");

    // Revoked supervisors file no more works reports.
    app.delete(&format!("{path}/{sid}"), Some(&d.w.committee)).expect(204);
    submit(&d, &d.zhang, dust()).expect_problem(403, "not_a_supervisor");
    let listed =
        app.get(&format!("/api/v1/communities/{}/complaints?category=works_dust", d.w.community), Some(&d.staff));
    assert_eq!(listed.expect(200)["items"].as_array().unwrap().len(), 0, "works reports never reach the company");
}

fn filters_overdue_and_exact_figures(b: Backend) {
    let Some(d) = setup(b) else { return };
    let app = &d.w.app;
    let base = format!("/api/v1/communities/{}/complaints", d.w.community);
    // Six orders: repair closed on time after one send-back; cleaning closed on time; b replied
    // late; c overdue in progress; d rejected; e still submitted.
    let new = |token: &str, body: Value| {
        let r = submit(&d, token, body);
        id_of(r.expect(201))
    };
    let repair = new(&d.zhang, repairs());
    let cleaning = new(
        &d.zhang,
        json!({ "category": "property_cleaning", "description": "垃圾桶满溢", "location_kind": "building", "building": "1号楼" }),
    );
    let b_id = new(
        &d.olga,
        json!({ "category": "property_security", "description": "门禁坏了", "location_kind": "building", "building": "2号楼" }),
    );
    let c_id = new(
        &d.olga,
        json!({ "category": "property_greening", "description": "绿化带无人修剪", "location_kind": "public", "place": "北门" }),
    );
    let d_id = new(
        &d.zhang,
        json!({ "category": "other", "description": "想要一个乒乓球台", "location_kind": "public", "place": "广场" }),
    );
    new(
        &d.zhang,
        json!({ "category": "facilities", "description": "单元门闭门器坏", "location_kind": "unit", "building": "1号楼", "unit": "2单元" }),
    );

    let committee = d.w.committee.clone();
    for id in [&repair, &cleaning, &b_id, &c_id] {
        step(&d, id, "accept", &committee, json!({})).expect(200);
        step(&d, id, "assign", &committee, json!({ "to": "company" })).expect(200);
    }
    step(&d, &d_id, "reject", &committee, json!({ "note": "不属于物业范围" })).expect(200);
    // repair: replied, sent back, replied, confirmed — all on time.
    step(&d, &repair, "reply", &d.staff, json!({ "note": "修好了" })).expect(200);
    step(&d, &repair, "send-back", &d.zhang, json!({ "note": "没修好" })).expect(200);
    step(&d, &repair, "reply", &d.staff, json!({ "note": "这次修好了" })).expect(200);
    step(&d, &repair, "confirm", &d.zhang, json!({})).expect(200);
    // cleaning: confirmed on time.
    step(&d, &cleaning, "reply", &d.staff, json!({ "note": "已清运" })).expect(200);
    step(&d, &cleaning, "confirm", &d.zhang, json!({})).expect(200);
    // b: its deadline passed before the reply: late.
    app.exec(&format!("UPDATE complaints SET deadline_at = '2026-01-05 16:00:00' WHERE id = '{b_id}'"));
    step(&d, &b_id, "reply", &d.staff, json!({ "note": "门禁已修" })).expect(200);
    // c: started, then its deadline passed: overdue now.
    step(&d, &c_id, "start", &d.staff, json!({})).expect(200);
    app.exec(&format!("UPDATE complaints SET deadline_at = '2026-01-05 16:00:00' WHERE id = '{c_id}'"));

    let overdue = app.get(&format!("{base}?overdue=true"), Some(&committee));
    let items = overdue.expect(200)["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], c_id.as_str());
    assert_eq!(items[0]["overdue"], true);
    assert_eq!(
        app.get(&format!("{base}?status=closed"), Some(&committee)).expect(200)["items"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        app.get(&format!("{base}?building=1号楼"), Some(&committee)).expect(200)["items"].as_array().unwrap().len(),
        3
    );
    assert_eq!(
        app.get(&format!("{base}?assignee=company"), Some(&committee)).expect(200)["items"].as_array().unwrap().len(),
        4
    );
    assert_eq!(app.get(&format!("{base}?mine=true"), Some(&d.olga)).expect(200)["items"].as_array().unwrap().len(), 2);
    let page = app.get(&format!("{base}?limit=2&offset=0"), Some(&committee));
    assert_eq!(page.expect(200)["items"].as_array().unwrap().len(), 2);
    assert_eq!(page.body["next_offset"], 2);
    assert_eq!(app.get(&format!("{base}?limit=2&offset=4"), Some(&committee)).expect(200)["next_offset"], Value::Null);
    app.get(&format!("{base}?status=lost"), Some(&committee)).expect_problem(422, "validation_failed");
    app.get(&format!("{base}?building=9号楼"), Some(&committee)).expect_problem(422, "validation_failed");
    app.get(&base, Some(&d.other_staff)).expect_problem(403, "forbidden");
    // The company's own list: the four orders assigned to it.
    assert_eq!(app.get(&base, Some(&d.staff)).expect(200)["items"].as_array().unwrap().len(), 4);

    // Figures. Received 6; rejected 1 (d); submitted 1 (e); accepted 4.
    // Response: all four acted on → 4/4. Due: repair, cleaning, b (replied), c (overdue) → on
    // time: repair, cleaning → 2/4. Resolution: 2 closed / 4. Satisfaction: 2 confirmations,
    // 1 send-back → 2/3.
    let f = app.get(&format!("/api/v1/communities/{}/complaint-figures", d.w.community), Some(&committee));
    let f = f.expect(200);
    assert_eq!((f["received"].as_u64(), f["rejected"].as_u64(), f["accepted"].as_u64()), (Some(6), Some(1), Some(4)));
    // Open: b (replied), c, e. Overdue: c only (e's deadline is days away, b is answered).
    assert_eq!((f["open"].as_u64(), f["overdue"].as_u64()), (Some(3), Some(1)), "{f}");
    assert_eq!(f["response_rate"], json!({ "numerator": 4, "denominator": 4, "percent": "100.0" }));
    assert_eq!(f["on_time_rate"], json!({ "numerator": 2, "denominator": 4, "percent": "50.0" }));
    assert_eq!(f["resolution_rate"], json!({ "numerator": 2, "denominator": 4, "percent": "50.0" }));
    assert_eq!(f["satisfaction_rate"], json!({ "numerator": 2, "denominator": 3, "percent": "66.7" }));
    assert_eq!(f["by_category"]["property_repairs"], 1);
    assert_eq!(f["by_category"]["other"], 1);
    assert_eq!(f["by_status"]["closed"], 2);
    // A period before any of them: nothing.
    let empty = app.get(
        &format!("/api/v1/communities/{}/complaint-figures?from=2020-01-01&to=2020-12-31", d.w.community),
        Some(&committee),
    );
    assert_eq!(empty.expect(200)["received"], 0);
    assert!(empty.body["resolution_rate"]["percent"].is_null());
    app.get(&format!("/api/v1/communities/{}/complaint-figures?from=2026-13-01", d.w.community), Some(&committee))
        .expect_problem(422, "validation_failed");
    app.get(&format!("/api/v1/communities/{}/complaint-figures", d.w.community), Some(&d.staff))
        .expect_problem(403, "forbidden");
    app.get(&format!("/api/v1/communities/{}/complaint-figures", d.w.community), Some(&d.zhang))
        .expect_problem(403, "forbidden");

    // The company reads its own figures (the four orders assigned to it), nobody else's; the
    // admin reads any of the district's.
    let cf = format!("/api/v1/property-companies/{}/complaint-figures", d.company);
    let own = app.get(&cf, Some(&d.staff));
    assert_eq!(own.expect(200)["received"], 4);
    assert_eq!(own.body["satisfaction_rate"]["denominator"], 3);
    assert_eq!(app.get(&cf, Some(&d.w.admin)).expect(200)["received"], 4);
    app.get(&cf, Some(&d.other_staff)).expect_problem(403, "forbidden");
    app.get(&cf, Some(&committee)).expect_problem(403, "forbidden");

    // When the service period ends, the staff lose the community. The contract began yesterday
    // (UTC), which is before today in China whatever the hour.
    let contracts = app.get(&format!("/api/v1/communities/{}/property-contracts", d.w.community), Some(&d.zhang));
    let contract = contracts.expect(200)[0]["id"].as_str().unwrap().to_string();
    let starts = contracts.body[0]["starts_on"].as_str().unwrap().to_string();
    let day_before = (chrono::NaiveDate::parse_from_str(&starts, "%Y-%m-%d").unwrap() - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let end = format!("/api/v1/property-contracts/{contract}/end");
    app.post(&end, Some(&d.w.admin), json!({ "ends_on": day_before })).expect_problem(422, "validation_failed");
    app.post(&end, Some(&d.staff), json!({ "ends_on": starts })).expect_problem(403, "forbidden");
    assert_eq!(app.post(&end, Some(&d.w.admin), json!({ "ends_on": starts })).expect(200)["ends_on"], starts.as_str());
    app.get(&base, Some(&d.staff)).expect_problem(403, "forbidden");
    app.get(&format!("/api/v1/complaints/{c_id}"), Some(&d.staff)).expect_problem(403, "forbidden");
    step(&d, &c_id, "reply", &d.staff, json!({ "note": "修剪完毕" })).expect_problem(403, "forbidden");
    // ...and no longer-served community can be dispatched to a company.
    step(&d, &c_id, "assign", &d.w.committee, json!({ "to": "company" })).expect_problem(409, "no_property_company");
    // Overlapping periods are refused.
    app.post(
        &format!("/api/v1/communities/{}/property-contracts", d.w.community),
        Some(&d.w.admin),
        json!({ "company_id": d.other_company, "starts_on": starts }),
    )
    .expect_problem(409, "contract_overlap");
}

backend_tests!(
    full_lifecycle_and_who_may_take_each_step,
    complaint_text_is_scrubbed_for_staff_and_neighbours,
    works_reports_go_to_the_committee,
    filters_overdue_and_exact_figures
);
