//! The authorization matrix of the writes: every POST, PUT, PATCH and DELETE route × every kind
//! of caller, checked against the table below, in an order that walks each record through its
//! lifecycle. A cell is either `N` — refused: 401 for the anonymous caller, 403 or 404 for the
//! others, and nothing written (the audit log does not grow) — or the exact status the caller
//! gets, which after an earlier permitted caller may be a conflict rather than a success.
//! Together with `authz.rs` (the reads) the test checks that every operation of the OpenAPI
//! document has a row.

use crate::authz::{callers, Callers, CALLERS};
use crate::fixtures::{world, ROSTER};
use diandan_testkit::{backend_tests, Backend, TestApp};
use serde_json::{json, Value};
use std::collections::BTreeSet;

enum Body {
    Json(Value),
    /// A body made for each caller (by column), where one body cannot be sent twice.
    Each(Box<dyn Fn(usize) -> Value>),
    Csv(&'static str),
    /// A photo, as wx.uploadFile sends it.
    Photo,
}

struct Checker<'a> {
    app: &'a TestApp,
    tokens: [Option<String>; 9],
    covered: BTreeSet<String>,
    wrong: Vec<String>,
}

impl Checker<'_> {
    /// Sends the request from every caller, the refused ones first, and records each cell that
    /// differs from `expected` (nine cells separated by spaces).
    fn row(&mut self, op: &str, path: &str, body: Body, expected: &str) {
        self.covered.insert(op.to_string());
        let cells: Vec<&str> = expected.split_whitespace().collect();
        assert_eq!(cells.len(), 9, "{op}: nine cells");
        let method = op.split(' ').next().unwrap();
        let send = |n: usize| {
            let token = self.tokens[n].as_deref();
            match &body {
                Body::Csv(text) => self.app.request(method, path, token, Some("text/csv"), Some(text.as_bytes()), &[]),
                Body::Photo => self.app.upload(token, "p.jpg", &diandan_testkit::photos::phone_photo(16, 16)),
                Body::Json(v) => self.send_json(method, path, token, v),
                Body::Each(f) => self.send_json(method, path, token, &f(n)),
            }
        };
        let audit_before = self.app.count("audit_log");
        let mut wrong = Vec::new();
        for n in (0..9).filter(|&n| cells[n] == "N") {
            let r = send(n);
            let refused = if n == 0 { r.status == 401 } else { r.status == 403 || r.status == 404 };
            if !refused {
                wrong.push(format!(
                    "{op} as {}: expected a refusal, got {} {}",
                    CALLERS[n],
                    r.status,
                    excerpt(&r.text)
                ));
            }
        }
        let audit_after = self.app.count("audit_log");
        if audit_after != audit_before {
            wrong.push(format!("{op}: refused calls wrote {} audit entries", audit_after - audit_before));
        }
        for n in (0..9).filter(|&n| cells[n] != "N") {
            let r = send(n);
            if r.status.to_string() != cells[n] {
                wrong.push(format!(
                    "{op} as {}: expected {}, got {} {}",
                    CALLERS[n],
                    cells[n],
                    r.status,
                    excerpt(&r.text)
                ));
            }
        }
        self.wrong.extend(wrong);
    }

    fn send_json(&self, method: &str, path: &str, token: Option<&str>, v: &Value) -> diandan_testkit::Resp {
        let bytes = serde_json::to_vec(v).unwrap();
        self.app.request(method, path, token, Some("application/json"), Some(&bytes), &[])
    }
}

fn excerpt(text: &str) -> String {
    text.chars().take(160).collect()
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_else(|| panic!("no id in {v}")).to_string()
}

// The table is laid out one row per line, as in authz.rs.
#[rustfmt::skip]
fn every_write_route_for_every_caller(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (a, d) = (w.community.clone(), w.district.clone());
    let now = |s: i64| diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(s));
    // Service periods are China days (from 16:00 UTC the UTC date is a day behind).
    let day = |days: i64| diandan_domain::time::china_day(chrono::Utc::now() + chrono::Duration::days(days));

    let Callers { zhang, zhang_id, occupant, elsewhere, designer, property, .. } = callers(&w);
    let second_member = w.staff("committee-a2", "committee", &a);
    // 孙七, occupant of 1-2-201: files the order the others say "me too" to.
    let (sun, _) = w.verified("sun", &w.dwelling("1号楼", "2单元", "201"), "occupant", &w.committee);

    // Records the rows act on.
    let pending = |name: &str| {
        let (token, _) = app.resident(name);
        let b = app.post("/api/v1/bindings", Some(&token), json!({ "dwelling_id": w.dwelling("2号楼", "1单元", "101"), "relation": "occupant" }));
        id(b.expect(201))
    };
    let (to_approve, to_reject) = (pending("p1"), pending("p2"));
    let zhang_pending = app.post("/api/v1/bindings", Some(&zhang), json!({ "dwelling_id": w.dwelling("1号楼", "2单元", "201"), "relation": "occupant" }));
    let zhang_pending = id(zhang_pending.expect(201));
    let spare = id(app.post("/api/v1/users", Some(&w.admin), json!({ "username": "spare", "password": "spare-password-1", "display_name": "备用" })).expect(201));
    let grant = app.post("/api/v1/role-grants", Some(&w.admin), json!({ "user_id": spare, "role": "designer", "community_id": a }));
    let grant = id(grant.expect(201));
    let refresh = |_| {
        let r = app.post("/api/v1/auth/login", None, json!({ "username": "spare", "password": "spare-password-1" }));
        r.expect(200)["refresh_token"].as_str().unwrap().to_string()
    };
    let refreshes: Vec<String> = (0..18).map(refresh).collect();

    // An open consultation (k2) for ballots, paper ballots and objections; a draft one (k) is
    // created by the table and taken to publication.
    let k2 = app.post(
        &format!("/api/v1/communities/{a}/consultations"),
        Some(&w.committee),
        json!({ "title": "开放中", "announce_days": 0, "objection_days": 3, "opens_at": now(3), "closes_at": now(3600) }),
    );
    let k2 = id(k2.expect(201));
    let k2_item = id(app.post(&format!("/api/v1/consultations/{k2}/items"), Some(&w.committee), json!({ "code": "water_supply" })).expect(201));
    app.post(&format!("/api/v1/consultations/{k2}/announce"), Some(&w.committee), json!({})).expect(200);
    let opened = app.post(&format!("/api/v1/consultations/{k2}/open"), Some(&w.committee), json!({}));
    let signed = opened.expect(200)["opened_at"].as_str().unwrap().to_string();
    let paper = |dwelling: &str| {
        let body = json!({ "dwelling_id": dwelling, "choices": { &k2_item: { "choice": "support" } }, "sheet_ref": "scan.pdf", "signed_at": signed });
        let r = app.post(&format!("/api/v1/consultations/{k2}/paper-ballots"), Some(&second_member), body);
        r.expect(201)["version_id"].as_str().unwrap().to_string()
    };
    let to_confirm = paper(&w.dwelling("2号楼", "1单元", "101"));
    let li_form = json!({ "dwelling_id": w.dwelling("1号楼", "2单元", "201"), "proxy_name": "李小四", "proxy_phone": "13900000003", "kind": "family", "paper_ref": "委托书-3" });
    let li_proxy = id(app.post(&format!("/api/v1/consultations/{k2}/proxies"), Some(&second_member), li_form).expect(201));
    let to_void = paper(&w.dwelling("1号楼", "2单元", "201"));

    // Complaints: c1 walks the lifecycle in the table; c2 waits for its submitter's verdict;
    // c3 waits for triage; c4 is 孙七's.
    let complain = |token: &str| {
        let body = json!({ "category": "property_repairs", "description": "灯坏了", "location_kind": "public", "place": "车棚" });
        id(app.post(&format!("/api/v1/communities/{a}/complaints"), Some(token), body).expect(201))
    };
    let (c1, c2, c3, c4) = (complain(&zhang), complain(&zhang), complain(&zhang), complain(&sun));
    for (step, body) in [("accept", json!({})), ("assign", json!({ "to": "company" }))] {
        app.post(&format!("/api/v1/complaints/{c2}/{step}"), Some(&w.committee), body).expect(200);
    }
    for (step, body) in [("start", json!({})), ("reply", json!({ "note": "已修好" }))] {
        app.post(&format!("/api/v1/complaints/{c2}/{step}"), Some(&property), body).expect(200);
    }

    let tokens: [Option<String>; 9] = [
        None,
        Some(zhang.clone()),
        Some(occupant.clone()),
        Some(elsewhere.clone()),
        Some(w.committee.clone()),
        Some(w.other_committee.clone()),
        Some(designer.clone()),
        Some(property.clone()),
        Some(w.admin.clone()),
    ];
    let mut t = Checker { app, tokens, covered: BTreeSet::new(), wrong: Vec::new() };
    let each = |f: Box<dyn Fn(usize) -> Value>| Body::Each(f);
    let r2 = refreshes.clone();

    // Sessions and one's own account: anyone, whatever token they carry.
    {
    t.row("POST /api/v1/auth/login", "/api/v1/auth/login", Body::Json(json!({ "username": "spare", "password": "spare-password-1" })), "200 200 200 200 200 200 200 200 200");
    t.row("POST /api/v1/auth/refresh", "/api/v1/auth/refresh", each(Box::new(move |n| json!({ "refresh_token": r2[n] }))), "200 200 200 200 200 200 200 200 200");
    let r3 = refreshes.clone();
    t.row("POST /api/v1/auth/logout", "/api/v1/auth/logout", each(Box::new(move |n| json!({ "refresh_token": r3[9 + n] }))), "204 204 204 204 204 204 204 204 204");
    t.row("POST /api/v1/auth/wechat", "/api/v1/auth/wechat", Body::Json(json!({ "code": "ok-newcomer" })), "200 200 200 200 200 200 200 200 200");
    t.row("PATCH /api/v1/me", "/api/v1/me", Body::Json(json!({ "display_name": "新名字" })), "N 204 204 204 204 204 204 204 204");

    // The district's administration.
    t.row("POST /api/v1/districts", "/api/v1/districts", each(Box::new(|n| json!({ "name": format!("街道{n}") }))), "N N N N N N N N 201");
    let dd = d.clone();
    t.row("POST /api/v1/communities", "/api/v1/communities", each(Box::new(move |n| json!({ "district_id": dd, "name": format!("小区{n}"), "address": "路1号", "year_built": 1990 }))), "N N N N N N N N 201");
    t.row("POST /api/v1/users", "/api/v1/users", each(Box::new(|n| json!({ "username": format!("user-{n}"), "password": "user-password-1", "display_name": "新人" }))), "N N N N N N N N 201");
    let (sp, aa) = (spare.clone(), a.clone());
    t.row("POST /api/v1/role-grants", "/api/v1/role-grants", Body::Json(json!({ "user_id": sp, "role": "committee", "community_id": aa })), "N N N N N N N N 201");
    t.row("DELETE /api/v1/role-grants/{id}", &format!("/api/v1/role-grants/{grant}"), Body::Json(json!({})), "N N N N N N N N 204");
    let dd = d.clone();
    t.row("POST /api/v1/property-companies", "/api/v1/property-companies", each(Box::new(move |n| json!({ "district_id": dd, "name": format!("物业{n}") }))), "N N N N N N N N 201");
    t.row("POST /api/v1/communities/{id}/catalog", &format!("/api/v1/communities/{a}/catalog"), each(Box::new(|n| json!({ "code": format!("bike_shed_{n}"), "name": "车棚", "category": "improvement", "scope": "community", "rule": "majority" }))), "N N N N 201 N N N 201");

    // Bindings.
    let dw = w.dwelling("2号楼", "1单元", "101");
    t.row("POST /api/v1/bindings", "/api/v1/bindings", Body::Json(json!({ "dwelling_id": dw, "relation": "owner" })), "N 201 409 201 N N N N N");
    t.row("POST /api/v1/bindings/{id}/approve", &format!("/api/v1/bindings/{to_approve}/approve"), Body::Json(json!({})), "N N N N 200 N N N 409");
    t.row("POST /api/v1/bindings/{id}/reject", &format!("/api/v1/bindings/{to_reject}/reject"), Body::Json(json!({ "reason": "材料不符" })), "N N N N 200 N N N 409");
    t.row("POST /api/v1/bindings/{id}/withdraw", &format!("/api/v1/bindings/{zhang_pending}/withdraw"), Body::Json(json!({})), "N 200 N N N N N N N");

    // Quality supervisors.
    let zid = zhang_id.clone();
    t.row("POST /api/v1/communities/{id}/supervisors", &format!("/api/v1/communities/{a}/supervisors"), Body::Json(json!({ "user_id": zid })), "N N N N 201 N N N 409");
    }
    let supervisors = app.get(&format!("/api/v1/communities/{a}/supervisors"), Some(&w.committee));
    let supervisor = id(&supervisors.expect(200)[0]);
    {
    t.row("DELETE /api/v1/communities/{id}/supervisors/{supervisor}", &format!("/api/v1/communities/{a}/supervisors/{supervisor}"), Body::Json(json!({})), "N N N N 204 N N N 404");

    // The open consultation: ballots, paper ballots, objections, the extension.
    let item = k2_item.clone();
    t.row("POST /api/v1/consultations/{id}/ballot", &format!("/api/v1/consultations/{k2}/ballot"), Body::Json(json!({ "choices": { item: { "choice": "support" } } })), "N 201 N N N N N N N");
    let (item, signed2) = (k2_item.clone(), signed.clone());
    let dwelling_102 = w.dwelling("1号楼", "1单元", "102");
    // The admin's entry for the same sheet is a second version, waiting for confirmation too.
    t.row("POST /api/v1/consultations/{id}/paper-ballots", &format!("/api/v1/consultations/{k2}/paper-ballots"), Body::Json(json!({ "dwelling_id": dwelling_102, "choices": { item: { "choice": "oppose" } }, "sheet_ref": "scan-2.pdf", "signed_at": signed2 })), "N N N N 201 N N N 201");
    t.row("POST /api/v1/paper-ballots/{version_id}/confirm", &format!("/api/v1/paper-ballots/{to_confirm}/confirm"), Body::Json(json!({})), "N N N N 200 N N N 409");
    t.row("POST /api/v1/paper-ballots/{version_id}/void", &format!("/api/v1/paper-ballots/{to_void}/void"), Body::Json(json!({ "reason": "与扫描件不符" })), "N N N N 204 N N N 409");
    t.row("POST /api/v1/consultations/{id}/extend", &format!("/api/v1/consultations/{k2}/extend"), Body::Json(json!({ "closes_at": now(5400), "reason": "节假日" })), "N N N N 200 N N N 409");

    // Proxy authorisations: 张三 gives one; the committee enters 王五's paper form (the admin's
    // second entry finds it standing); the one 李四 brought, entered by the second member, is
    // rejected; 张三's is confirmed, then revoked by him.
    let wang_dwelling = w.dwelling("2号楼", "1单元", "101");
    let proxy_body = move |n: usize| match n {
        1 => json!({ "proxy_name": "张小明", "proxy_phone": "13900000001", "kind": "family", "paper_ref": "委托书-1" }),
        _ => json!({ "dwelling_id": wang_dwelling, "proxy_name": "王小二", "proxy_phone": "13900000002", "kind": "family", "paper_ref": "委托书-2" }),
    };
    t.row("POST /api/v1/consultations/{id}/proxies", &format!("/api/v1/consultations/{k2}/proxies"), each(Box::new(proxy_body)), "N 201 N N 201 N N N 409");
    let zhang_proxy = app.get(&format!("/api/v1/consultations/{k2}/proxies"), Some(&w.committee));
    let zhang_proxy = zhang_proxy.expect(200).as_array().unwrap().iter().find(|p| p["owner_key"] == "K101").map(id).expect("张三's");
    t.row("POST /api/v1/proxies/{id}/confirm", &format!("/api/v1/proxies/{zhang_proxy}/confirm"), Body::Json(json!({})), "N N N N 200 N N N 409");
    t.row("POST /api/v1/proxies/{id}/reject", &format!("/api/v1/proxies/{li_proxy}/reject"), Body::Json(json!({ "reason": "签名不符" })), "N N N N 200 N N N 409");
    t.row("POST /api/v1/proxies/{id}/revoke", &format!("/api/v1/proxies/{zhang_proxy}/revoke"), Body::Json(json!({})), "N 200 N N 409 N N N 409");
    }

    // A consultation from draft to publication.
    let created = app.post(
        &format!("/api/v1/communities/{a}/consultations"),
        Some(&w.other_committee),
        json!({ "title": "别人的", "announce_days": 0, "objection_days": 0, "opens_at": now(3), "closes_at": now(3600) }),
    );
    created.expect_problem(403, "forbidden");
    let consultation = move |n: usize| json!({ "title": format!("菜单{n}"), "announce_days": 0, "objection_days": 0, "opens_at": now(3), "closes_at": now(3600) });
    t.row("POST /api/v1/communities/{id}/consultations", &format!("/api/v1/communities/{a}/consultations"), each(Box::new(move |n| consultation(n))), "N N N N 201 N N N 201");
    let list = app.get(&format!("/api/v1/communities/{a}/consultations"), Some(&w.committee));
    let k = list.expect(200)["items"].as_array().unwrap().iter().find(|c| c["title"] == "菜单4").map(id).expect("菜单4");
    let kept = id(app.post(&format!("/api/v1/consultations/{k}/items"), Some(&w.committee), json!({ "code": "roads" })).expect(201));
    {
    t.row("PATCH /api/v1/consultations/{id}", &format!("/api/v1/consultations/{k}"), Body::Json(json!({ "title": "新标题" })), "N N N N 200 N N N 200");
    t.row("POST /api/v1/consultations/{id}/items", &format!("/api/v1/consultations/{k}/items"), Body::Json(json!({ "code": "drainage" })), "N N N N 201 N N N 409");
    }
    let items = app.get(&format!("/api/v1/consultations/{k}"), Some(&w.committee));
    let dropped = items.expect(200)["items"].as_array().unwrap().iter().find(|i| i["code"] == "drainage").map(id).expect("drainage");
    {
    t.row("DELETE /api/v1/consultations/{id}/items/{item_id}", &format!("/api/v1/consultations/{k}/items/{dropped}"), Body::Json(json!({})), "N N N N 204 N N N 404");
    t.row("POST /api/v1/consultations/{id}/announce", &format!("/api/v1/consultations/{k}/announce"), Body::Json(json!({})), "N N N N 200 N N N 409");
    }
    std::thread::sleep(std::time::Duration::from_secs(3));
    {
    t.row("POST /api/v1/consultations/{id}/open", &format!("/api/v1/consultations/{k}/open"), Body::Json(json!({})), "N N N N 200 N N N 409");
    t.row("POST /api/v1/consultations/{id}/close", &format!("/api/v1/consultations/{k}/close"), Body::Json(json!({})), "N N N N 409 N N N 409");
    }
    diandan_api::scheduler::tick(&app.db, chrono::Utc::now() + chrono::Duration::days(1));
    for c in [&k, &k2] {
        let state = app.get(&format!("/api/v1/consultations/{c}"), Some(&w.committee)).expect(200)["state"].clone();
        assert_eq!(state, "closed", "{}", t.wrong.join("\n"));
    }
    // k2's preliminary result is public: the objection window.
    app.post(&format!("/api/v1/consultations/{k2}/preliminary"), Some(&w.committee), json!({})).expect(200);
    let objection = app.post(&format!("/api/v1/consultations/{k2}/objections"), Some(&zhang), json!({ "text": "公示不清楚" }));
    let objection = id(objection.expect(201));
    {
    t.row("POST /api/v1/consultations/{id}/objections", &format!("/api/v1/consultations/{k2}/objections"), Body::Json(json!({ "text": "请公示明细" })), "N 201 N N N N N N N");
    t.row("POST /api/v1/objections/{id}/answer", &format!("/api/v1/objections/{objection}/answer"), Body::Json(json!({ "answer": "已公示" })), "N N N N 200 N N N 409");
    }
    {
    t.row("POST /api/v1/consultations/{id}/preliminary", &format!("/api/v1/consultations/{k}/preliminary"), Body::Json(json!({})), "N N N N 200 N N N 409");
    t.row("POST /api/v1/consultations/{id}/items/{item_id}/decision", &format!("/api/v1/consultations/{k}/items/{kept}/decision"), Body::Json(json!({ "decision": "rejected", "reason": "无人参与" })), "N N N N 200 N N N 200");
    t.row("POST /api/v1/consultations/{id}/finish-review", &format!("/api/v1/consultations/{k}/finish-review"), Body::Json(json!({})), "N N N N 200 N N N 409");
    t.row("POST /api/v1/consultations/{id}/publish", &format!("/api/v1/consultations/{k}/publish"), Body::Json(json!({})), "N N N N 200 N N N 409");

    // Complaints.
    t.row("POST /api/v1/communities/{id}/complaints", &format!("/api/v1/communities/{a}/complaints"), Body::Json(json!({ "category": "property_cleaning", "description": "垃圾未清", "location_kind": "public", "place": "北门" })), "N 201 201 N N N N N N");
    t.row("POST /api/v1/complaints/{id}/accept", &format!("/api/v1/complaints/{c1}/accept"), Body::Json(json!({})), "N N N N 200 N N N 409");
    t.row("POST /api/v1/complaints/{id}/assign", &format!("/api/v1/complaints/{c1}/assign"), Body::Json(json!({ "to": "company" })), "N N N N 200 N N N 200");
    t.row("POST /api/v1/complaints/{id}/start", &format!("/api/v1/complaints/{c1}/start"), Body::Json(json!({})), "N N N N N N N 200 N");
    t.row("POST /api/v1/complaints/{id}/comments", &format!("/api/v1/complaints/{c1}/comments"), Body::Json(json!({ "note": "请留电话" })), "N 200 N N 200 N N 200 200");
    t.row("POST /api/v1/complaints/{id}/reply", &format!("/api/v1/complaints/{c1}/reply"), Body::Json(json!({ "note": "已处理" })), "N N N N N N N 200 N");
    t.row("POST /api/v1/complaints/{id}/send-back", &format!("/api/v1/complaints/{c1}/send-back"), Body::Json(json!({ "note": "没修好" })), "N 200 N N N N N N N");
    t.row("POST /api/v1/complaints/{id}/confirm", &format!("/api/v1/complaints/{c2}/confirm"), Body::Json(json!({})), "N 200 N N N N N N N");
    t.row("POST /api/v1/complaints/{id}/reject", &format!("/api/v1/complaints/{c3}/reject"), Body::Json(json!({ "note": "重复" })), "N N N N 200 N N N 409");
    t.row("POST /api/v1/complaints/{id}/me-too", &format!("/api/v1/complaints/{c4}/me-too"), Body::Json(json!({})), "N 200 200 N N N N N N");
    }
    // 怎么改: the project of the published consultation k, its design, a representative, the review.
    let dwelling_101 = w.dwelling("1号楼", "1单元", "101");
    {
    t.row("POST /api/v1/communities/{id}/projects", &format!("/api/v1/communities/{a}/projects"), Body::Json(json!({ "consultation_id": k })), "N N N N 201 N N N 409");
    }
    let project = id(&app.get(&format!("/api/v1/communities/{a}/projects"), Some(&w.committee)).expect(200)[0]);
    let design = json!({ "measures": [{ "key": "M1", "title": "道路", "items": [kept], "unlinked_reason": "路面破损影响通行" }] });
    {
    t.row("POST /api/v1/projects/{id}/designs", &format!("/api/v1/projects/{project}/designs"), Body::Json(design), "N N N N N N 201 N N");
    let zid = zhang_id.clone();
    t.row("POST /api/v1/communities/{id}/representatives", &format!("/api/v1/communities/{a}/representatives"), Body::Json(json!({ "user_id": zid, "dwelling_id": dwelling_101, "seat": "building" })), "N N N N 201 N N N 409");
    }
    let design = id(&app.get(&format!("/api/v1/projects/{project}/designs"), Some(&designer)).expect(200)[0]);
    let representative = id(&app.get(&format!("/api/v1/communities/{a}/representatives"), Some(&w.committee)).expect(200)[0]);
    {
    t.row("POST /api/v1/designs/{id}/review", &format!("/api/v1/designs/{design}/review"), Body::Json(json!({})), "N N N N 201 N N N 409");
    }
    let shown = app.get(&format!("/api/v1/designs/{design}"), Some(&designer));
    let (review, measure) = (shown.expect(200)["review_id"].as_str().unwrap().to_string(), id(&shown.body["measures"][0]));
    {
    t.row("PUT /api/v1/reviews/{id}/opinions", &format!("/api/v1/reviews/{review}/opinions"), Body::Json(json!({ "opinions": [{ "measure_id": measure, "opinion": "agree" }] })), "N 200 N N N N N N N");
    t.row("POST /api/v1/reviews/{id}/decision", &format!("/api/v1/reviews/{review}/decision"), Body::Json(json!({ "outcome": "accepted", "reason": "代表同意" })), "N N N N 200 N N N 409");
    t.row("DELETE /api/v1/communities/{id}/representatives/{representative}", &format!("/api/v1/communities/{a}/representatives/{representative}"), Body::Json(json!({})), "N N N N 204 N N N 404");
    }
    // Accepted: the design is on public notice; residents object, the committee answers.
    {
    let on_measure = json!({ "measure_id": measure, "text": "施工时间太长" });
    t.row("POST /api/v1/designs/{id}/objections", &format!("/api/v1/designs/{design}/objections"), Body::Json(on_measure), "N 201 201 N N N N N N");
    }
    let objection = id(&app.get(&format!("/api/v1/designs/{design}/objections"), Some(&w.committee)).expect(200)[0]);
    {
    t.row("POST /api/v1/design-objections/{id}/answer", &format!("/api/v1/design-objections/{objection}/answer"), Body::Json(json!({ "answer": "分段施工" })), "N N N N 200 N N N 409");
    t.row("POST /api/v1/designs/{id}/approve", &format!("/api/v1/designs/{design}/approve"), Body::Json(json!({})), "N N N N 409 N N N 409");
    }
    // The notice has run its course: approved, the works begin — the parties, a notice with its
    // plan and its closing, the milestones; then the acceptance.
    app.exec(&format!("UPDATE design_notices SET opens_at = '2000-01-01 00:00:00', closes_at = '2000-01-02 00:00:00' WHERE design_id = '{design}'"));
    for o in app.get(&format!("/api/v1/designs/{design}/objections"), Some(&w.committee)).expect(200).clone().as_array().unwrap() {
        if o["answer"].is_null() {
            app.post(&format!("/api/v1/design-objections/{}/answer", id(o)), Some(&w.committee), json!({ "answer": "分段施工" })).expect(200);
        }
    }
    app.post(&format!("/api/v1/designs/{design}/approve"), Some(&w.committee), json!({})).expect(200);
    let deadline = diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::days(3));
    let works_notice = json!({ "measure_id": measure, "kind": "problem", "responsible": "contractor", "problem": "路面开裂", "deadline": deadline });
    {
    t.row("PUT /api/v1/projects/{id}/parties/{party}", &format!("/api/v1/projects/{project}/parties/contractor"), Body::Json(json!({ "name": "某建筑工程公司" })), "N N N N 200 N N N 200");
    t.row("POST /api/v1/projects/{id}/works-notices", &format!("/api/v1/projects/{project}/works-notices"), Body::Json(works_notice), "N N N N 201 N N N 201");
    }
    let notice = id(&app.get(&format!("/api/v1/projects/{project}/works"), Some(&w.committee)).expect(200)["notices"][0]);
    let after = |token: &str| id(app.upload(Some(token), "after.jpg", &diandan_testkit::photos::phone_photo(16, 16)).expect(201));
    let (committee_photo, admin_photo) = (after(&w.committee), after(&w.admin));
    {
    t.row("POST /api/v1/works-notices/{id}/plan", &format!("/api/v1/works-notices/{notice}/plan"), Body::Json(json!({ "plan": "三日内修补" })), "N N N N 200 N N N 200");
    let close = move |n: usize| json!({ "note": "复查合格", "photos": [if n == 8 { &admin_photo } else { &committee_photo }] });
    t.row("POST /api/v1/works-notices/{id}/close", &format!("/api/v1/works-notices/{notice}/close"), Body::Each(Box::new(close)), "N N N N 200 N N N 409");
    t.row("POST /api/v1/projects/{id}/milestones", &format!("/api/v1/projects/{project}/milestones"), Body::Json(json!({ "measure_id": measure, "milestone": "started" })), "N N N N 200 N N N 409");
    }
    for m in ["half", "finished"] {
        app.post(&format!("/api/v1/projects/{project}/milestones"), Some(&w.committee), json!({ "measure_id": measure, "milestone": m })).expect(200);
    }
    {
    t.row("PUT /api/v1/projects/{id}/acceptance/ratings", &format!("/api/v1/projects/{project}/acceptance/ratings"), Body::Json(json!({ "ratings": [{ "measure_id": measure, "level": "satisfied" }] })), "N 200 200 N N N N N N");
    // One notice is still open (the admin's): not accepted, the project stays in acceptance.
    t.row("POST /api/v1/projects/{id}/acceptance/decision", &format!("/api/v1/projects/{project}/acceptance/decision"), Body::Json(json!({ "decision": "not_accepted", "reason": "尚有整改未销号" })), "N N N N 200 N N N 200");
    }
    // A work order WeChat was unsure of, held for the committee; WeChat's signed push (any
    // caller: the signature is the right).
    let unsure = json!({ "category": "other", "description": "REVIEW 内容", "location_kind": "public", "place": "车棚" });
    app.post(&format!("/api/v1/communities/{a}/complaints"), Some(&zhang), unsure).expect(201);
    let held = app.get(&format!("/api/v1/held-texts?community_id={a}"), Some(&w.committee));
    let held = id(&held.expect(200)["items"][0]);
    let push = crate::content::signed_push_path("n1");
    {
    t.row("POST /api/v1/held-texts/{id}/decision", &format!("/api/v1/held-texts/{held}/decision"), Body::Json(json!({ "decision": "release" })), "N N N N 200 N N N 409");
    t.row("POST /api/v1/wechat/push", &push, Body::Json(json!({ "MsgType": "event", "Event": "subscribe_msg_popup_event" })), "200 200 200 200 200 200 200 200 200");
    }

    // Ratings.
    let (dd, closes) = (d.clone(), now(7200));
    t.row("POST /api/v1/rating-periods", "/api/v1/rating-periods", Body::Json(json!({ "district_id": dd, "name": "Q4", "closes_at": closes })), "N N N N N N N N 201");
    let periods = app.get("/api/v1/rating-periods", Some(&w.admin));
    let period = id(&periods.expect(200)[0]);
    let scores = json!({ "security": 5, "cleaning": 4, "greening": 4, "repairs": 3, "fees": 4, "attitude": 5 });
    // 李四 rates his own community, which no company serves: a conflict, not a refusal.
    t.row("POST /api/v1/rating-periods/{id}/ratings", &format!("/api/v1/rating-periods/{period}/ratings"), Body::Json(scores.clone()), "N 201 201 409 N N N N N");
    let rating = id(&app.get(&format!("/api/v1/rating-periods/{period}/ratings/mine"), Some(&zhang)).expect(200)[0]);
    {
    t.row("PUT /api/v1/ratings/{id}", &format!("/api/v1/ratings/{rating}"), Body::Json(scores.clone()), "N 200 N N N N N N N");
    t.row("POST /api/v1/rating-periods/{id}/close", &format!("/api/v1/rating-periods/{period}/close"), Body::Json(json!({})), "N N N N N N N N 200");
    t.row("POST /api/v1/rating-periods/{id}/replies", &format!("/api/v1/rating-periods/{period}/replies"), Body::Json(json!({ "text": "感谢支持" })), "N N N N N N N 201 N");
    }
    // Service periods and the roster; then one's phone.
    let contracts = app.get(&format!("/api/v1/communities/{a}/property-contracts"), Some(&w.admin));
    let contract = id(&contracts.expect(200)[0]);
    let (other_company, today, later) = (id(app.post("/api/v1/property-companies", Some(&w.admin), json!({ "district_id": d, "name": "乐家物业" })).expect(201)), day(0), day(30));
    {
    t.row("POST /api/v1/property-contracts/{id}/end", &format!("/api/v1/property-contracts/{contract}/end"), Body::Json(json!({ "ends_on": today })), "N N N N N N N N 200");
    t.row("POST /api/v1/communities/{id}/property-contracts", &format!("/api/v1/communities/{a}/property-contracts"), Body::Json(json!({ "company_id": other_company, "starts_on": later })), "N N N N N N N N 201");
    t.row("POST /api/v1/uploads", "/api/v1/uploads", Body::Photo, "N 201 201 201 201 201 201 201 201");
    t.row("POST /api/v1/communities/{id}/roster", &format!("/api/v1/communities/{a}/roster"), Body::Csv(ROSTER), "N N N N N N N N 200");
    t.row("POST /api/v1/me/phone", "/api/v1/me/phone", Body::Json(json!({ "code": "phone-13800000001" })), "N 200 200 200 200 200 200 200 200");
    }

    // The notice board, and the subscribe messages residents accept.
    t.row("POST /api/v1/communities/{id}/notices", &format!("/api/v1/communities/{a}/notices"), Body::Json(json!({ "title": "停水通知", "body": "明日停水" })), "N N N N 201 N N N 201");
    let board = app.get(&format!("/api/v1/communities/{a}/notices"), Some(&w.committee));
    let notice = board.expect(200)["items"].as_array().unwrap().iter().find(|n| n["title"] == "停水通知").map(id).expect("a notice");
    {
    t.row("POST /api/v1/notices/{id}/read", &format!("/api/v1/notices/{notice}/read"), Body::Json(json!({})), "N 200 200 N 200 N 200 200 200");
    t.row("PATCH /api/v1/notices/{id}", &format!("/api/v1/notices/{notice}"), Body::Json(json!({ "pinned": true })), "N N N N 200 N N N 200");
    t.row("POST /api/v1/notices/{id}/withdraw", &format!("/api/v1/notices/{notice}/withdraw"), Body::Json(json!({ "reason": "已恢复供水" })), "N N N N 200 N N N 409");
    t.row("POST /api/v1/me/privacy-consent", "/api/v1/me/privacy-consent", Body::Json(json!({ "version": "2026-12-01" })), "N 200 200 200 200 200 200 200 200");
    t.row("POST /api/v1/me/message-grants", "/api/v1/me/message-grants", Body::Json(json!({ "results": { "TPL-VOTE_OPENED": "accept" } })), "N 200 200 200 N N N N N");
    }

    // Staff accounts: the admin closes the spare designer's account and opens it again. Last,
    // every resident leaves (their identities are erased): nothing runs after this row.
    {
    t.row("POST /api/v1/users/{id}/disable", &format!("/api/v1/users/{spare}/disable"), Body::Json(json!({ "reason": "离任" })), "N N N N N N N N 200");
    t.row("POST /api/v1/users/{id}/enable", &format!("/api/v1/users/{spare}/enable"), Body::Json(json!({})), "N N N N N N N N 200");
    t.row("DELETE /api/v1/me", "/api/v1/me", Body::Json(json!({})), "N 200 200 200 N N N N N");
    }

    // Every write operation of the OpenAPI document has a row.
    let doc = diandan_api::openapi::document();
    let mut missing = Vec::new();
    for (path, item) in doc.paths.paths.iter() {
        for (method, op) in [("POST", &item.post), ("PUT", &item.put), ("PATCH", &item.patch), ("DELETE", &item.delete)] {
            if op.is_some() && !t.covered.contains(&format!("{method} {path}")) {
                missing.push(format!("{method} {path}"));
            }
        }
    }
    assert!(missing.is_empty(), "write operations without a row: {missing:?}");
    assert!(t.wrong.is_empty(), "{} cells differ from the table:\n{}", t.wrong.len(), t.wrong.join("\n"));
}

backend_tests!(every_write_route_for_every_caller);
