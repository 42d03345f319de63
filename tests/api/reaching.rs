//! Reaching residents: the notice board, subscribe messages through the outbox (queued in the
//! event's transaction, sent once, every outcome recorded), and the home feed.

use crate::fixtures::{world, World};
use diandan_domain::message::MessageKind;
use diandan_store::messages::OutboxRow;
use diandan_testkit::wechat_stub::template_id;
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};

fn in_secs(s: i64) -> String {
    diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(s))
}

fn audit_count(w: &World, action: &str) -> usize {
    let r = w.app.get("/api/v1/audit?limit=500", Some(&w.admin));
    r.expect(200).as_array().unwrap().iter().filter(|e| e["action"] == action).count()
}

fn outbox(w: &World, user: &str) -> Vec<OutboxRow> {
    w.app.db.read(|c| diandan_store::messages::of_user(c, user)).unwrap()
}

fn kind_states(rows: &[OutboxRow], kind: MessageKind) -> Vec<String> {
    rows.iter().filter(|r| r.kind == kind.as_str()).map(|r| r.state.clone()).collect()
}

/// Accepts one message of each of `kinds` in the subscribe dialog.
fn accept(w: &World, token: &str, kinds: &[MessageKind]) -> Value {
    let results: serde_json::Map<String, Value> = kinds.iter().map(|k| (template_id(*k), json!("accept"))).collect();
    w.app.post("/api/v1/me/message-grants", Some(token), json!({ "results": results })).expect(200).clone()
}

fn remaining(grants: &Value, kind: MessageKind) -> i64 {
    grants
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == kind.as_str())
        .map_or(0, |g| g["remaining"].as_i64().unwrap())
}

/// A consultation with the water-supply item, announced with its window from `opens` to `closes`
/// seconds from now; its id.
fn announced(w: &World, opens: i64, closes: i64) -> String {
    let c = w.app.post(
        &format!("/api/v1/communities/{}/consultations", w.community),
        Some(&w.committee),
        json!({ "title": "二次供水改造征询", "description": "水压不足，拟更换管网。", "announce_days": 0, "objection_days": 0, "opens_at": in_secs(opens), "closes_at": in_secs(closes) }),
    );
    let cid = c.expect(201)["id"].as_str().unwrap().to_string();
    w.app
        .post(&format!("/api/v1/consultations/{cid}/items"), Some(&w.committee), json!({ "code": "water_supply" }))
        .expect(201);
    w.app.post(&format!("/api/v1/consultations/{cid}/announce"), Some(&w.committee), json!({})).expect(200);
    cid
}

fn notice_board_reads_counts_and_consultation_notices(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let board = format!("/api/v1/communities/{}/notices", w.community);
    let (zhang, _) = w.verified("zhang", &w.dwelling("1号楼", "1单元", "101"), "owner", &w.committee);
    let (li, _) = w.verified("li", &w.dwelling("1号楼", "2单元", "201"), "owner", &w.committee);
    // zhang's family member, on the same dwelling: a dwelling read twice counts once.
    let (mei, _) = w.verified("mei", &w.dwelling("1号楼", "1单元", "101"), "occupant", &w.committee);
    let (stranger, _) = app.resident("stranger");

    // Bad input: a clear answer, nothing stored.
    let r = app.post(&board, Some(&w.committee), json!({ "title": " ", "body": "x" }));
    assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "title");
    let r = app.post(&board, Some(&w.committee), json!({ "title": "t", "body": "x", "visible_until": in_secs(-60) }));
    assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "visible_until");
    app.post(&board, Some(&zhang), json!({ "title": "t", "body": "x" })).expect_problem(403, "forbidden");
    app.post(&board, Some(&w.other_committee), json!({ "title": "t", "body": "x" })).expect_problem(403, "forbidden");
    assert_eq!(app.count("notices"), 0);

    // A notice may carry pictures the poster uploaded (a scanned notice); another's are refused.
    let scan = app.upload(Some(&w.committee), "scan.jpg", &diandan_testkit::photos::phone_photo(60, 40));
    let scan = scan.expect(201)["id"].as_str().unwrap().to_string();
    let theirs = app.upload(Some(&zhang), "x.jpg", &diandan_testkit::photos::phone_photo(8, 8));
    let theirs = theirs.expect(201)["id"].as_str().unwrap().to_string();
    let r = app.post(&board, Some(&w.committee), json!({ "title": "t", "body": "x", "attachments": [theirs] }));
    assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "attachments[0]");
    assert_eq!(app.count("notices"), 0);
    let water = app.post(
        &board,
        Some(&w.committee),
        json!({ "title": "停水通知", "body": "12月5日9时至17时停水。", "attachments": [scan] }),
    );
    let water_id = water.expect(201)["id"].as_str().unwrap().to_string();
    assert_eq!(water.body["attachments"][0]["id"], scan.as_str());
    assert_eq!((water.body["dwellings_read"].as_i64(), water.body["dwellings"].as_i64()), (Some(0), Some(4)));
    let later = app.post(
        &board,
        Some(&w.admin),
        json!({ "title": "下周消防检查", "body": "请清理楼道杂物。", "visible_from": in_secs(3600) }),
    );
    let later_id = later.expect(201)["id"].as_str().unwrap().to_string();

    // Residents see what is on the board now; the committee sees everything.
    let seen = app.get(&board, Some(&zhang)).expect(200).clone();
    let titles: Vec<&str> = seen["items"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap()).collect();
    assert_eq!(titles, vec!["停水通知"]);
    assert!(seen["items"][0]["dwellings_read"].is_null(), "read counts are the committee's");
    let scan_url = seen["items"][0]["attachments"][0]["thumbnail_url"].as_str().unwrap();
    assert_eq!(app.get(scan_url, None).content_type, "image/jpeg", "residents see the notice's pictures");
    assert_eq!(app.get(&board, Some(&w.committee)).expect(200)["items"].as_array().unwrap().len(), 2);
    app.get(&format!("/api/v1/notices/{later_id}"), Some(&zhang)).expect_problem(404, "not_found");
    app.get(&board, Some(&stranger)).expect_problem(403, "forbidden");
    app.get(&board, Some(&w.other_committee)).expect_problem(403, "forbidden");
    app.get(&format!("/api/v1/notices/{water_id}"), Some(&stranger)).expect_problem(403, "forbidden");

    // Reading: the first read's time is kept; the committee counts dwellings.
    let read = app.post(&format!("/api/v1/notices/{water_id}/read"), Some(&zhang), json!({}));
    let first = read.expect(200)["read_at"].as_str().unwrap().to_string();
    let again = app.post(&format!("/api/v1/notices/{water_id}/read"), Some(&zhang), json!({}));
    assert_eq!(again.expect(200)["read_at"], first.as_str());
    app.post(&format!("/api/v1/notices/{water_id}/read"), Some(&mei), json!({})).expect(200);
    let counted = app.get(&format!("/api/v1/notices/{water_id}"), Some(&w.committee)).expect(200).clone();
    assert_eq!(counted["dwellings_read"], 1, "two readers of one dwelling count once");
    app.post(&format!("/api/v1/notices/{water_id}/read"), Some(&li), json!({})).expect(200);
    let counted = app.get(&format!("/api/v1/notices/{water_id}"), Some(&w.committee)).expect(200).clone();
    assert_eq!((counted["dwellings_read"].as_i64(), counted["dwellings"].as_i64()), (Some(2), Some(4)));
    assert_eq!(app.get(&board, Some(&zhang)).expect(200)["items"][0]["read_at"], first.as_str());
    app.post(&format!("/api/v1/notices/{later_id}/read"), Some(&li), json!({})).expect_problem(404, "not_found");

    // Editing and withdrawing: the committee's, audited.
    let pinned = app.post(&board, Some(&w.committee), json!({ "title": "电梯维保", "body": "周三维保。" }));
    let lift_id = pinned.expect(201)["id"].as_str().unwrap().to_string();
    let patched = app.request(
        "PATCH",
        &format!("/api/v1/notices/{water_id}"),
        Some(&w.committee),
        Some("application/json"),
        Some(json!({ "pinned": true, "title": "停水通知（更新）" }).to_string().as_bytes()),
        &[],
    );
    assert_eq!(
        (patched.expect(200)["pinned"].as_bool(), patched.body["title"].as_str()),
        (Some(true), Some("停水通知（更新）"))
    );
    let order: Vec<String> = app.get(&board, Some(&li)).expect(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(order, vec![water_id.clone(), lift_id.clone()], "pinned first, then newest");
    let patch_as = |token: &str| {
        app.request(
            "PATCH",
            &format!("/api/v1/notices/{lift_id}"),
            Some(token),
            Some("application/json"),
            Some(json!({ "body": "改期" }).to_string().as_bytes()),
            &[],
        )
    };
    patch_as(&w.other_committee).expect_problem(403, "forbidden");
    patch_as(&zhang).expect_problem(403, "forbidden");
    app.post(&format!("/api/v1/notices/{lift_id}/withdraw"), Some(&w.committee), json!({ "reason": "" }))
        .expect_problem(422, "validation_failed");
    let gone =
        app.post(&format!("/api/v1/notices/{lift_id}/withdraw"), Some(&w.committee), json!({ "reason": "已改期" }));
    assert_eq!(gone.expect(200)["withdrawn_reason"], "已改期");
    patch_as(&w.committee).expect_problem(409, "wrong_state");
    app.get(&format!("/api/v1/notices/{lift_id}"), Some(&li)).expect_problem(404, "not_found");
    assert_eq!(app.get(&board, Some(&li)).expect(200)["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        (audit_count(&w, "notice.post"), audit_count(&w, "notice.update"), audit_count(&w, "notice.withdraw")),
        (3, 1, 1)
    );

    // Announcing a consultation posts its agenda, pinned, until voting closes; its text is the record.
    let cid = announced(&w, 3600, 7200);
    let agenda = app.get(&board, Some(&zhang)).expect(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["source"] == "consultation_announced")
        .cloned()
        .expect("the agenda notice");
    assert_eq!(agenda["title"], "征询公示：二次供水改造征询");
    assert_eq!(agenda["consultation_id"], cid.as_str());
    assert_eq!(agenda["pinned"], true);
    let body = agenda["body"].as_str().unwrap();
    assert!(body.contains("1. 供水设施改造（全小区；双过半）\n"), "{body}");
    assert!(body.contains("投票时间：") && body.contains("水压不足"), "{body}");
    let closes = app.get(&format!("/api/v1/consultations/{cid}"), Some(&w.committee)).expect(200)["closes_at"].clone();
    assert_eq!(agenda["visible_until"], closes);
    let aid = agenda["id"].as_str().unwrap();
    let retitle = app.request(
        "PATCH",
        &format!("/api/v1/notices/{aid}"),
        Some(&w.committee),
        Some("application/json"),
        Some(json!({ "title": "改" }).to_string().as_bytes()),
        &[],
    );
    retitle.expect_problem(409, "wrong_state");
    app.post(&format!("/api/v1/notices/{aid}/withdraw"), Some(&w.committee), json!({ "reason": "误发" }))
        .expect_problem(409, "wrong_state");
    // Voting extended: the agenda stays up until the new closing time.
    app.post(&format!("/api/v1/consultations/{cid}/open"), Some(&w.committee), json!({})).expect(200);
    let later = in_secs(3 * 3600);
    let ext = app.post(
        &format!("/api/v1/consultations/{cid}/extend"),
        Some(&w.committee),
        json!({ "closes_at": later, "reason": "春节假期" }),
    );
    let closes = ext.expect(200)["closes_at"].clone();
    assert_ne!(closes, agenda["visible_until"]);
    assert_eq!(app.get(&format!("/api/v1/notices/{aid}"), Some(&zhang)).expect(200)["visible_until"], closes);
}

fn messages_are_queued_with_their_event_and_sent_once(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let templates = app.get("/api/v1/message-templates", Some(&w.committee)).expect(200).clone();
    assert_eq!(templates.as_array().unwrap().len(), 6);
    assert!(templates
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["kind"] == "vote_opened" && t["template_id"] == "TPL-VOTE_OPENED"));

    let (zhang, zhang_id) = w.owner_by_phone("zhang", "13800000001", "1号楼", "1单元", "101");
    let (li, li_id) = w.owner_by_phone("busy-li", "13800000002", "1号楼", "2单元", "201");
    let (wang, wang_id) = app.resident("wang");
    let (zhao, zhao_id) = app.resident("refuse-zhao");

    // Bad answers store nothing; staff have no subscriptions.
    let bad = app.post(
        "/api/v1/me/message-grants",
        Some(&zhang),
        json!({ "results": { "TPL-NOPE": "accept", template_id(MessageKind::VoteOpened): "accept" } }),
    );
    assert_eq!(bad.expect_problem(422, "validation_failed").body["errors"][0]["field"], "results.TPL-NOPE");
    app.post(
        "/api/v1/me/message-grants",
        Some(&zhang),
        json!({ "results": { template_id(MessageKind::VoteOpened): "maybe" } }),
    )
    .expect_problem(422, "validation_failed");
    app.post(
        "/api/v1/me/message-grants",
        Some(&w.committee),
        json!({ "results": { template_id(MessageKind::VoteOpened): "accept" } }),
    )
    .expect_problem(403, "forbidden");
    assert_eq!(app.count("message_grants"), 0);

    let g = accept(&w, &zhang, &[MessageKind::VoteOpened, MessageKind::VoteClosing, MessageKind::ResultPublished]);
    assert_eq!(remaining(&g, MessageKind::VoteOpened), 1);
    let g = accept(&w, &zhang, &[MessageKind::VoteOpened]);
    assert_eq!(remaining(&g, MessageKind::VoteOpened), 2, "each accept is one more message");
    accept(&w, &li, &[MessageKind::VoteOpened, MessageKind::VoteClosing]);
    accept(&w, &wang, &[MessageKind::ClaimDecided, MessageKind::VoteClosing]);
    accept(&w, &zhao, &[MessageKind::ResultPublished]);
    assert_eq!(audit_count(&w, "message_grants.record"), 5);

    // The committee approves wang's claim: its message is queued in that transaction.
    let bid = app
        .post(
            "/api/v1/bindings",
            Some(&wang),
            json!({ "dwelling_id": w.dwelling("2号楼", "1单元", "101"), "relation": "owner" }),
        )
        .expect(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.post(&format!("/api/v1/bindings/{bid}/approve"), Some(&w.committee), json!({})).expect(200);
    let occupant = app.post(
        "/api/v1/bindings",
        Some(&zhao),
        json!({ "dwelling_id": w.dwelling("2号楼", "1单元", "101"), "relation": "occupant" }),
    );
    let zbid = occupant.expect(201)["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/bindings/{zbid}/approve"), Some(&w.committee), json!({})).expect(200);
    assert_eq!(kind_states(&outbox(&w, &wang_id), MessageKind::ClaimDecided), vec!["pending"]);
    assert!(outbox(&w, &zhao_id).is_empty(), "zhao accepted no claim message");

    // Opening queues "voting opened" for the owners on the roll who accepted it.
    let cid = announced(&w, 3600, 7200);
    app.post(&format!("/api/v1/consultations/{cid}/open"), Some(&w.committee), json!({})).expect(200);
    assert_eq!(kind_states(&outbox(&w, &zhang_id), MessageKind::VoteOpened), vec!["pending"]);
    assert_eq!(kind_states(&outbox(&w, &li_id), MessageKind::VoteOpened), vec!["pending"]);
    assert!(kind_states(&outbox(&w, &wang_id), MessageKind::VoteOpened).is_empty());

    // One holder of the lease sends; another process meanwhile sends nothing.
    let d = app.dispatch("instance-a");
    assert_eq!((d.sent, d.retried, d.refused, d.failed), (2, 1, 0, 0), "{d:?}");
    assert!(app.dispatch("instance-b").not_holder);
    let sends = app.wechat.sends();
    assert_eq!(sends.len(), 3, "zhang, wang and one try for li");
    let to_zhang = sends.iter().find(|s| s["touser"] == "wx-zhang").unwrap();
    assert_eq!(to_zhang["template_id"], "TPL-VOTE_OPENED");
    assert_eq!(to_zhang["page"], format!("pages/vote_opened/index?id={cid}"));
    assert_eq!(to_zhang["miniprogram_state"], "developer");
    assert_eq!(to_zhang["data"]["thing1"]["value"], "二次供水改造征询");
    assert_eq!(to_zhang["data"]["thing3"]["value"], "投票已开始，请及时参与");
    let closes = app.get(&format!("/api/v1/consultations/{cid}"), Some(&w.committee)).expect(200)["closes_at"].clone();
    let closes = chrono::DateTime::parse_from_rfc3339(closes.as_str().unwrap()).unwrap().with_timezone(&chrono::Utc);
    assert_eq!(to_zhang["data"]["time2"]["value"], diandan_domain::time::china_minute(closes));
    let to_wang = sends.iter().find(|s| s["touser"] == "wx-wang").unwrap();
    assert_eq!(to_wang["data"]["thing1"]["value"], "2号楼1单元101");
    assert_eq!(to_wang["data"]["thing3"]["value"], "已通过");
    // WeChat was busy for li: the message waits its back-off, the grant was not used.
    let li_rows = outbox(&w, &li_id);
    let busy = li_rows.iter().find(|r| r.kind == "vote_opened").unwrap();
    assert_eq!((busy.state.as_str(), busy.attempts), ("pending", 1));
    assert!(busy.next_attempt_at > diandan_domain::time::to_db(chrono::Utc::now() + chrono::Duration::seconds(20)));
    assert!(busy.last_error.as_deref().unwrap().contains("busy"));
    let g = app.get("/api/v1/me/message-grants", Some(&li)).expect(200).clone();
    assert_eq!(remaining(&g, MessageKind::VoteOpened), 1, "refunded");
    let g = app.get("/api/v1/me/message-grants", Some(&zhang)).expect(200).clone();
    assert_eq!(remaining(&g, MessageKind::VoteOpened), 1, "one of two spent");
    assert_eq!(app.dispatch("instance-a").sent, 0, "nothing is sent twice, nothing due yet");
    assert_eq!(app.wechat.sends().len(), 3);

    // 48 hours before closing: owners who have not voted are reminded, once.
    app.post(
        &format!("/api/v1/consultations/{cid}/ballot"),
        Some(&zhang),
        json!({ "choices": { app.get(&format!("/api/v1/consultations/{cid}"), Some(&zhang)).expect(200)["items"][0]["id"].as_str().unwrap(): { "choice": "support" } } }),
    )
    .expect(201);
    app.tick();
    app.tick();
    assert!(kind_states(&outbox(&w, &zhang_id), MessageKind::VoteClosing).is_empty(), "zhang voted");
    assert_eq!(kind_states(&outbox(&w, &li_id), MessageKind::VoteClosing), vec!["pending"]);
    assert_eq!(kind_states(&outbox(&w, &wang_id), MessageKind::VoteClosing), vec!["pending"]);

    // Close, review and publish: the result goes to every verified resident who accepted it.
    let base = format!("/api/v1/consultations/{cid}");
    assert_eq!(diandan_api::scheduler::tick(&app.db, chrono::Utc::now() + chrono::Duration::hours(3)), 1);
    app.post(&format!("{base}/preliminary"), Some(&w.committee), json!({})).expect(200);
    let item = app.get(&base, Some(&w.committee)).expect(200)["items"][0]["id"].as_str().unwrap().to_string();
    app.post(
        &format!("{base}/items/{item}/decision"),
        Some(&w.committee),
        json!({ "decision": "rejected", "reason": "参与不足" }),
    )
    .expect(200);
    app.post(&format!("{base}/finish-review"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("{base}/publish"), Some(&w.committee), json!({})).expect(200);
    assert_eq!(kind_states(&outbox(&w, &zhang_id), MessageKind::ResultPublished), vec!["pending"]);
    assert_eq!(kind_states(&outbox(&w, &zhao_id), MessageKind::ResultPublished), vec!["pending"]);
    let result_notice = app.get(&format!("/api/v1/communities/{}/notices", w.community), Some(&zhao)).expect(200)
        ["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["source"] == "consultation_published")
        .cloned()
        .expect("the result notice");
    assert_eq!(result_notice["title"], "征询结果公告：二次供水改造征询");
    let text = result_notice["body"].as_str().unwrap();
    assert!(text.contains("共 1 项") && text.contains("1. 供水设施改造：不纳入改造（参与不足）\n"), "{text}");

    let d = app.dispatch("instance-a");
    assert_eq!(
        (d.sent, d.retried, d.refused),
        (2, 1, 1),
        "{d:?}: zhang's result and wang's reminder; WeChat busy for li; zhao refuses"
    );
    let zhao_rows = outbox(&w, &zhao_id);
    assert_eq!((zhao_rows[0].state.as_str(), zhao_rows[0].last_error.is_some()), ("refused", true));
    let g = app.get("/api/v1/me/message-grants", Some(&zhao)).expect(200).clone();
    assert_eq!(g[0]["stopped"], true, "a refusal stops the kind until accepted again");
    let to_zhang = app.wechat.sends().into_iter().filter(|s| s["touser"] == "wx-zhang").last().unwrap();
    assert_eq!(to_zhang["data"]["thing3"]["value"], "1项中0项纳入改造");
    // Accepting again lifts the stop.
    assert_eq!(accept(&w, &zhao, &[MessageKind::ResultPublished])[0]["stopped"], false);

    // Two events and one grant: the second message finds no grant left and is not sent.
    accept(&w, &zhang, &[MessageKind::ComplaintUpdate]);
    let order = app.post(
        &format!("/api/v1/communities/{}/complaints", w.community),
        Some(&zhang),
        json!({ "category": "property_repairs", "description": "楼道灯坏了", "location_kind": "public", "place": "北门车棚" }),
    );
    let oid = order.expect(201)["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/complaints/{oid}/accept"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("/api/v1/complaints/{oid}/reject"), Some(&w.committee), json!({ "note": "x" }))
        .expect_problem(409, "invalid_transition");
    assert_eq!(kind_states(&outbox(&w, &zhang_id), MessageKind::ComplaintUpdate), vec!["pending"]);
    let d = app.dispatch("instance-a");
    assert_eq!(d.sent, 1, "{d:?}");
    assert_eq!(app.wechat.sends().last().unwrap()["data"]["thing1"]["value"], "已受理");
}

fn the_feed_lists_what_needs_the_resident(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (zhang, _) = w.verified("zhang", &w.dwelling("1号楼", "1单元", "101"), "owner", &w.committee);
    let (tenant, _) = app.resident("tenant");
    let pending = app.post(
        "/api/v1/bindings",
        Some(&tenant),
        json!({ "dwelling_id": w.dwelling("1号楼", "2单元", "201"), "relation": "occupant" }),
    );
    let pending_id = pending.expect(201)["id"].as_str().unwrap().to_string();

    let empty = app.get("/api/v1/me/feed", Some(&zhang)).expect(200).clone();
    assert_eq!((empty["items"].as_array().unwrap().len(), empty["unread_notices"].as_i64()), (0, Some(0)));
    let t = app.get("/api/v1/me/feed", Some(&tenant)).expect(200).clone();
    assert_eq!(t["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        (t["items"][0]["kind"].as_str(), t["items"][0]["object_id"].as_str()),
        (Some("claim_pending"), Some(pending_id.as_str()))
    );

    // A vote opens, a notice is posted, a rating period opens, an order is answered.
    let soon = announced(&w, 3600, 7200);
    app.post(&format!("/api/v1/consultations/{soon}/open"), Some(&w.committee), json!({})).expect(200);
    let board = format!("/api/v1/communities/{}/notices", w.community);
    let n = app.post(&board, Some(&w.committee), json!({ "title": "停水通知", "body": "明日停水" }));
    let nid = n.expect(201)["id"].as_str().unwrap().to_string();
    let company = w.company("安居物业", &w.community);
    let staff = w.property_staff("anju-1", &company);
    let period = app.post(
        "/api/v1/rating-periods",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "2026年第四季度", "closes_at": in_secs(86400) }),
    );
    let pid = period.expect(201)["id"].as_str().unwrap().to_string();
    let order = app.post(
        &format!("/api/v1/communities/{}/complaints", w.community),
        Some(&zhang),
        json!({ "category": "property_repairs", "description": "楼道灯坏了", "location_kind": "public", "place": "北门车棚" }),
    );
    let oid = order.expect(201)["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/complaints/{oid}/accept"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("/api/v1/complaints/{oid}/assign"), Some(&w.committee), json!({ "to": "company" })).expect(200);
    app.post(&format!("/api/v1/complaints/{oid}/reply"), Some(&staff), json!({ "note": "已更换灯泡" })).expect(200);

    let feed = app.get("/api/v1/me/feed", Some(&zhang)).expect(200).clone();
    let kinds: Vec<(&str, &str)> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap(), i["object_id"].as_str().unwrap()))
        .collect();
    let agenda = app.get(&board, Some(&zhang)).expect(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["source"] == "consultation_announced")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        kinds,
        vec![
            ("vote", soon.as_str()),
            ("confirm_complaint", oid.as_str()),
            ("rate", pid.as_str()),
            ("notice", agenda.as_str()),
            ("notice", nid.as_str()),
        ],
        "{feed}"
    );
    assert_eq!(feed["unread_notices"], 2);
    assert_eq!(feed["items"][0]["action"], "去投票");
    assert!(feed["items"][0]["due_at"].is_string());

    // Acting on each takes it off the feed at once; the vote leaves a receipt behind.
    let item = app.get(&format!("/api/v1/consultations/{soon}"), Some(&zhang)).expect(200)["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let receipt = app.post(
        &format!("/api/v1/consultations/{soon}/ballot"),
        Some(&zhang),
        json!({ "choices": { item.clone(): { "choice": "support" } } }),
    );
    let receipt = receipt.expect(201)["receipt"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/complaints/{oid}/confirm"), Some(&zhang), json!({})).expect(200);
    let scores = json!({ "security": 5, "cleaning": 4, "greening": 4, "repairs": 5, "fees": 4, "attitude": 5 });
    app.post(&format!("/api/v1/rating-periods/{pid}/ratings"), Some(&zhang), scores).expect(201);
    app.post(&format!("/api/v1/notices/{nid}/read"), Some(&zhang), json!({})).expect(200);
    let feed = app.get("/api/v1/me/feed", Some(&zhang)).expect(200).clone();
    let kinds: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["notice", "receipt"], "{feed}");
    assert_eq!(feed["unread_notices"], 1);
    assert_eq!(feed["items"][1]["receipt"], receipt.as_str());

    // Three more notices, the middle one pinned: the feed names three of the four unread, the
    // pinned ones first (the new one, then the agenda, pinned by the service), then the newest
    // unpinned; a revised ballot's receipt comes before the first one's.
    let mut posted = Vec::new();
    for (title, pinned) in [("电梯说明会", false), ("消防检查", true), ("垃圾分类", false)] {
        let n = app.post(&board, Some(&w.committee), json!({ "title": title, "body": "详见公告", "pinned": pinned }));
        posted.push(n.expect(201)["id"].as_str().unwrap().to_string());
    }
    let revised = app.post(
        &format!("/api/v1/consultations/{soon}/ballot"),
        Some(&zhang),
        json!({ "choices": { item: { "choice": "oppose" } } }),
    );
    let revised = revised.expect(201)["receipt"].as_str().unwrap().to_string();
    let feed = app.get("/api/v1/me/feed", Some(&zhang)).expect(200).clone();
    let shown: Vec<(&str, &str)> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap(), i["receipt"].as_str().unwrap_or(i["object_id"].as_str().unwrap())))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("notice", posted[1].as_str()),
            ("notice", agenda.as_str()),
            ("notice", posted[2].as_str()),
            ("receipt", revised.as_str()),
            ("receipt", receipt.as_str()),
        ],
        "{feed}"
    );
    assert_eq!(feed["unread_notices"], 4);
    app.get("/api/v1/me/feed", None).expect_problem(401, "missing_token");
}

backend_tests!(
    notice_board_reads_counts_and_consultation_notices,
    messages_are_queued_with_their_event_and_sent_once,
    the_feed_lists_what_needs_the_resident,
    a_resident_takes_their_data_and_leaves,
    admins_disable_and_enable_staff_accounts,
    writes_are_limited_per_user_but_never_a_committee_at_work,
);

fn a_resident_takes_their_data_and_leaves(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (zhang, zhang_id) = app.resident("zhang");
    // Consent: asked until the policy in force is accepted.
    let me = app.get("/api/v1/me", Some(&zhang)).expect(200).clone();
    assert_eq!(
        (me["privacy"]["needs_consent"].as_bool(), me["privacy"]["current_version"].as_str()),
        (Some(true), Some("2026-12-01"))
    );
    app.post("/api/v1/me/privacy-consent", Some(&zhang), json!({ "version": "2020-01-01" }))
        .expect_problem(422, "validation_failed");
    let c = app.post("/api/v1/me/privacy-consent", Some(&zhang), json!({ "version": "2026-12-01" }));
    assert_eq!(
        (c.expect(200)["needs_consent"].as_bool(), c.body["accepted_version"].as_str()),
        (Some(false), Some("2026-12-01"))
    );
    assert!(!app.get("/api/v1/me", Some(&zhang)).expect(200)["privacy"]["needs_consent"].as_bool().unwrap());

    app.verify_phone(&zhang, "13800000001");
    app.post(
        "/api/v1/bindings",
        Some(&zhang),
        json!({ "dwelling_id": w.dwelling("1号楼", "1单元", "101"), "relation": "owner" }),
    )
    .expect(201);
    accept(&w, &zhang, &[MessageKind::VoteOpened]);
    let cid = announced(&w, 3600, 7200);
    app.post(&format!("/api/v1/consultations/{cid}/open"), Some(&w.committee), json!({})).expect(200);
    let item = app.get(&format!("/api/v1/consultations/{cid}"), Some(&zhang)).expect(200)["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let receipt = app.post(
        &format!("/api/v1/consultations/{cid}/ballot"),
        Some(&zhang),
        json!({ "choices": { &item: { "choice": "support" } }, "comment": "尽快施工" }),
    );
    let receipt = receipt.expect(201)["receipt"].as_str().unwrap().to_string();
    app.post(
        &format!("/api/v1/communities/{}/complaints", w.community),
        Some(&zhang),
        json!({ "category": "property_repairs", "description": "楼道灯坏了", "location_kind": "public", "place": "北门车棚" }),
    )
    .expect(201);

    // The export holds everything about the person, their own choices included.
    let export = app.get("/api/v1/me/export", Some(&zhang));
    let doc = export.expect(200).clone();
    assert!(export.header("content-disposition").unwrap_or_default().contains("attachment"));
    assert_eq!(doc["account"]["wechat_openid"], "wx-zhang");
    assert_eq!(doc["account"]["phone"], "13800000001");
    assert_eq!(doc["account"]["privacy"]["accepted_version"], "2026-12-01");
    assert_eq!(doc["bindings"].as_array().unwrap().len(), 1);
    assert_eq!(doc["ballots"][0]["receipt"], receipt.as_str());
    assert_eq!(doc["ballots"][0]["choices"]["items"][&item]["choice"], "support");
    assert_eq!(doc["ballots"][0]["choices"]["comment"], "尽快施工");
    assert_eq!(doc["complaints"][0]["description"], "楼道灯坏了");
    assert_eq!(doc["message_subscriptions"][0]["kind"], "vote_opened");
    assert_eq!(doc["messages"][0]["kind"], "vote_opened");
    assert!(doc["sessions"].as_array().unwrap().len() >= 1);
    assert!(doc["audit"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["action"] == "ballot.cast" || a["action"].as_str().unwrap().starts_with("ballot")));

    // Staff accounts do not erase themselves.
    app.request("DELETE", "/api/v1/me", Some(&w.committee), None, None, &[]).expect_problem(403, "forbidden");
    let tally_before = app.db.read(|c| diandan_store::ballots::cells(c, &cid)).unwrap();
    let gone = app.request("DELETE", "/api/v1/me", Some(&zhang), None, None, &[]);
    assert_eq!(
        (gone.expect(200)["bindings_withdrawn"].as_i64(), gone.body["ballots_unlinked"].as_i64()),
        (Some(1), Some(1))
    );
    // The account is closed; the person is gone from it; the ballot stays counted.
    app.get("/api/v1/me", Some(&zhang)).expect_problem(401, "account_disabled");
    app.get("/api/v1/me/feed", Some(&zhang)).expect_problem(401, "account_disabled");
    let row = app.db.read(|c| diandan_store::users::get(c, &zhang_id)).unwrap().unwrap();
    assert_eq!((row.openid, row.phone, row.display_name.as_str()), (None, None, "已注销用户"));
    assert!(row.erased_at.is_some());
    let tally_after = app.db.read(|c| diandan_store::ballots::cells(c, &cid)).unwrap();
    let support = |cells: &[diandan_store::ballots::CellRow]| cells.iter().map(|c| c.support_heads).sum::<i64>();
    assert_eq!((support(&tally_before), support(&tally_after)), (1, 1), "the ballot still counts");
    let found = app.get(&format!("/api/v1/consultations/{cid}/bulletin/{receipt}"), Some(&w.committee));
    assert_eq!(found.expect(200)["entry"]["channel"], "online", "its receipt stays on the bulletin");
    assert!(outbox(&w, &zhang_id).is_empty(), "unsent messages are dropped");
    assert_eq!(audit_count(&w, "user.erase"), 1);
    // Logging in again with the same WeChat account starts a new, empty account.
    let (again, again_id) = app.resident("zhang");
    assert_ne!(again_id, zhang_id);
    assert_eq!(app.get("/api/v1/me", Some(&again)).expect(200)["bindings"].as_array().unwrap().len(), 0);
}

fn admins_disable_and_enable_staff_accounts(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let users = app.get("/api/v1/users?limit=500", Some(&w.admin)).expect(200).clone();
    let member = users["items"].as_array().unwrap().iter().find(|u| u["username"] == "committee-a").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/api/v1/users/{member}/disable");
    app.post(&path, Some(&w.other_committee), json!({ "reason": "离任" })).expect_problem(403, "forbidden");
    app.post(&path, Some(&w.admin), json!({ "reason": "" })).expect_problem(422, "validation_failed");
    let admin_id = app.get("/api/v1/me", Some(&w.admin)).expect(200)["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/users/{admin_id}/disable"), Some(&w.admin), json!({ "reason": "x" }))
        .expect_problem(409, "wrong_state");
    let off = app.post(&path, Some(&w.admin), json!({ "reason": "已离任" }));
    assert!(off.expect(200)["disabled_at"].is_string());
    app.post(&path, Some(&w.admin), json!({ "reason": "已离任" })).expect_problem(409, "wrong_state");
    // Refused at the next request, and cannot sign in or refresh.
    app.get("/api/v1/me", Some(&w.committee)).expect_problem(401, "account_disabled");
    let login = app.post(
        "/api/v1/auth/login",
        None,
        json!({ "username": "committee-a", "password": crate::fixtures::STAFF_PASSWORD }),
    );
    assert_eq!(login.status, 401, "{}", login.text);
    let on = app.post(&format!("/api/v1/users/{member}/enable"), Some(&w.admin), json!({}));
    assert!(on.expect(200)["disabled_at"].is_null());
    app.post(&format!("/api/v1/users/{member}/enable"), Some(&w.admin), json!({})).expect_problem(409, "wrong_state");
    let token = app.login("committee-a", crate::fixtures::STAFF_PASSWORD);
    app.get(&format!("/api/v1/communities/{}/notices", w.community), Some(&token)).expect(200);
    assert_eq!((audit_count(&w, "user.disable"), audit_count(&w, "user.enable")), (1, 1));
}

fn writes_are_limited_per_user_but_never_a_committee_at_work(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let board = format!("/api/v1/communities/{}/notices", w.community);
    // 300 writes at once after a quiet minute — more than a committee enters paper ballots in a
    // sitting — all pass; then one more every fifth of a second.
    let t0 = std::time::Instant::now();
    let mut n = 0;
    let refused = loop {
        let r = app.post(&board, Some(&w.committee), json!({ "title": format!("通知{n}"), "body": "x" }));
        if r.status != 201 {
            break r;
        }
        n += 1;
        assert!(n < 1000, "never limited");
    };
    let regained = (t0.elapsed().as_secs_f64() * 5.0).ceil() as usize;
    assert!(n >= 300 && n <= 300 + regained, "{n} writes passed in {:?}", t0.elapsed());
    refused.expect_problem(429, "too_many_writes");
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert_eq!(app.count("notices"), n as i64, "the refused write stored nothing");
    // Another user is not held up by it; reads are never limited.
    app.post(&board, Some(&w.admin), json!({ "title": "街道通知", "body": "x" })).expect(201);
    app.get(&board, Some(&w.committee)).expect(200);
}
