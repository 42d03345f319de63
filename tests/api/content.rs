//! Content security: what residents write passes WeChat's msg_sec_check (v2) before it is
//! stored — risky refused with nothing stored, unsure (or unchecked) held for the committee —
//! and photos pass media_check_async, decided by WeChat's signed push.

use crate::fixtures::{world, world_of, World};
use diandan_testkit::photos::phone_photo;
use diandan_testkit::wechat_stub::PUSH_TOKEN;
use diandan_testkit::{backend_tests, Backend, TestApp};
use serde_json::{json, Value};

fn order(description: &str) -> Value {
    json!({ "category": "property_repairs", "description": description, "location_kind": "public", "place": "车棚" })
}

fn rename(app: &TestApp, token: &str, name: &str) -> diandan_testkit::Resp {
    let body = json!({ "display_name": name }).to_string().into_bytes();
    app.request("PATCH", "/api/v1/me", Some(token), Some("application/json"), Some(&body), &[])
}

fn queue(w: &World) -> Vec<Value> {
    let q = w.app.get(&format!("/api/v1/held-texts?community_id={}", w.community), Some(&w.committee));
    q.expect(200)["items"].as_array().unwrap().clone()
}

fn texts_are_screened_before_they_are_stored(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (zhang, zhang_id) = w.owner_by_phone("zhang", "13800000001", "1号楼", "1单元", "101");
    let (olga, _) = w.verified("olga", &w.dwelling("2号楼", "1单元", "101"), "occupant", &w.committee);
    let complaints = format!("/api/v1/communities/{}/complaints", w.community);
    let checks_before = app.wechat.checks().len();

    // Risky: refused, naming the field; nothing stored.
    let r = app.post(&complaints, Some(&zhang), order("RISKY 的话"));
    r.expect_problem(422, "content_rejected");
    assert_eq!(r.body["errors"][0]["field"], "description");
    assert_eq!(r.body["errors"][0]["message"], "refused by WeChat's content check (label 20001)");
    assert_eq!(app.count("complaints"), 0);
    let asked = app.wechat.checks();
    assert_eq!(asked.len() - checks_before, 1, "the first risky text ends the screening");
    let last = &asked[asked.len() - 1];
    assert_eq!((last["version"].as_i64(), last["scene"].as_i64()), (Some(2), Some(3)));
    assert_eq!(last["openid"], "wx-zhang");
    assert_eq!(last["content"], "RISKY 的话");

    // Unsure: stored and held — the author and the committee read it, the neighbours do not.
    let c = app.post(&complaints, Some(&zhang), order("REVIEW 楼道灯坏了"));
    let cid = c.expect(201)["id"].as_str().unwrap().to_string();
    assert_eq!(c.body["held"], true);
    assert_eq!(c.body["description"], "REVIEW 楼道灯坏了");
    let read = |token: &str| app.get(&format!("/api/v1/complaints/{cid}"), Some(token)).expect(200).clone();
    assert_eq!(read(&w.committee)["description"], "REVIEW 楼道灯坏了");
    assert_eq!(read(&olga)["description"], "（内容待社区审核）");
    assert_eq!(read(&olga)["location"]["place"], "（内容待社区审核）");
    let listed = app.get(&complaints, Some(&olga));
    assert_eq!(listed.expect(200)["items"][0]["description"], "（内容待社区审核）");

    let held = queue(&w);
    assert_eq!(held.len(), 1);
    assert_eq!(
        (
            held[0]["kind"].as_str(),
            held[0]["subject_id"].as_str(),
            held[0]["reason"].as_str(),
            held[0]["label"].as_i64()
        ),
        (Some("complaint"), Some(cid.as_str()), Some("review"), Some(20006))
    );
    assert_eq!(held[0]["text"], "REVIEW 楼道灯坏了\n（地点：车棚）");
    let hid = held[0]["id"].as_str().unwrap().to_string();
    // Only this community's committee (or an admin) decides.
    let decide = |token: &str, body: Value| app.post(&format!("/api/v1/held-texts/{hid}/decision"), Some(token), body);
    decide(&w.other_committee, json!({ "decision": "release" })).expect_problem(403, "forbidden");
    decide(&olga, json!({ "decision": "release" })).expect_problem(403, "forbidden");
    decide(&w.committee, json!({ "decision": "publish" })).expect_problem(422, "validation_failed");
    let released = decide(&w.committee, json!({ "decision": "release", "note": "描述属实" }));
    assert_eq!(released.expect(200)["state"], "released");
    decide(&w.committee, json!({ "decision": "remove" })).expect_problem(409, "already_decided");
    assert_eq!(read(&olga)["description"], "REVIEW 楼道灯坏了");
    assert_eq!(read(&olga)["held"], false);
    assert!(queue(&w).is_empty());

    // A resident's note on the order: held the same way; the committee's notes are not checked.
    let asked = app.wechat.checks().len();
    app.post(&format!("/api/v1/complaints/{cid}/accept"), Some(&w.committee), json!({ "note": "已派人" })).expect(200);
    assert_eq!(app.wechat.checks().len(), asked, "staff texts are not sent to WeChat");
    app.post(&format!("/api/v1/complaints/{cid}/comments"), Some(&zhang), json!({ "note": "REVIEW 补充" })).expect(200);
    let notes = |token: &str| -> Vec<Value> {
        read(token)["events"].as_array().unwrap().iter().map(|e| e["note"].clone()).collect()
    };
    assert_eq!(notes(&zhang).last().unwrap(), "REVIEW 补充");
    assert_eq!(notes(&olga).last().unwrap(), "（内容待社区审核）");
    assert_eq!(notes(&olga)[1], "已派人");

    // WeChat unreachable for this user (busy): held as unchecked, not refused.
    let (busy, _) = w.owner_by_phone("busy", "13800000002", "1号楼", "2单元", "201");
    let c = app.post(&complaints, Some(&busy), order("门禁坏了"));
    assert_eq!(c.expect(201)["held"], true);
    let reasons: Vec<(String, String)> =
        queue(&w).iter().map(|h| (h["kind"].as_str().unwrap().into(), h["reason"].as_str().unwrap().into())).collect();
    assert_eq!(reasons, vec![("complaint_event".into(), "review".into()), ("complaint".into(), "unchecked".into())]);

    // Ratings and display names: refused when risky; a held name is the platform admin's to review.
    let period = app.post(
        "/api/v1/rating-periods",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "Q4",
                "closes_at": diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::hours(2)) }),
    );
    let period = period.expect(201)["id"].as_str().unwrap().to_string();
    let company = w.company("安居物业", &w.community);
    assert!(!company.is_empty());
    let scores = json!({ "security": 4, "cleaning": 4, "greening": 4, "repairs": 4, "fees": 4, "attitude": 4, "comment": "RISKY" });
    app.post(&format!("/api/v1/rating-periods/{period}/ratings"), Some(&zhang), scores.clone())
        .expect_problem(422, "content_rejected");
    assert_eq!(app.count("ratings"), 0);
    // Held: the author reads the comment, the rest of the household the placeholder.
    let (mei, _) = w.verified("mei", &w.dwelling("1号楼", "1单元", "101"), "occupant", &w.committee);
    let mut unsure = scores.clone();
    unsure["comment"] = json!("REVIEW 物业");
    app.post(&format!("/api/v1/rating-periods/{period}/ratings"), Some(&zhang), unsure).expect(201);
    let comment_for = |token: &str| {
        let r = app.get(&format!("/api/v1/rating-periods/{period}/ratings/mine"), Some(token));
        r.expect(200)[0]["comment"].clone()
    };
    assert_eq!((comment_for(&zhang), comment_for(&mei)), (json!("REVIEW 物业"), json!("（内容待社区审核）")));
    rename(app, &zhang, "RISKY名").expect_problem(422, "content_rejected");
    assert_eq!(rename(app, &zhang, "REVIEW名").status, 204);
    // The committee, which is not the name's reviewer, reads the placeholder in the claims list.
    let claims = app.get(&format!("/api/v1/communities/{}/bindings", w.community), Some(&w.committee));
    let zhang_claim = claims.expect(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["claimant"]["user_id"] == zhang_id.as_str())
        .unwrap()["claimant"]["display_name"]
        .clone();
    assert_eq!(zhang_claim, "（内容待社区审核）");
    let names = app.get("/api/v1/held-texts", Some(&w.admin));
    let names = names.expect(200)["items"].as_array().unwrap().clone();
    assert_eq!(names.len(), 1);
    assert_eq!(
        (names[0]["kind"].as_str(), names[0]["subject_id"].as_str()),
        (Some("display_name"), Some(zhang_id.as_str()))
    );
    app.get("/api/v1/held-texts", Some(&w.committee)).expect_problem(403, "forbidden");
    // A name that then passes lifts the hold.
    assert_eq!(rename(app, &zhang, "张三").status, 204);
    assert_eq!(app.get("/api/v1/held-texts", Some(&w.admin)).expect(200)["items"], json!([]));
    // Leaving erases a held name with the name.
    assert_eq!(rename(app, &olga, "REVIEW奥").status, 204);
    assert_eq!(app.get("/api/v1/held-texts", Some(&w.admin)).expect(200)["items"].as_array().unwrap().len(), 1);
    app.delete("/api/v1/me", Some(&olga)).expect(200);
    assert_eq!(app.get("/api/v1/held-texts", Some(&w.admin)).expect(200)["items"], json!([]));

    // Every hold and decision is in the audit log.
    assert_eq!(app.count("audit_log WHERE action = 'content.hold'"), 6);
    assert_eq!(app.count("audit_log WHERE action = 'content.release'"), 1);
}

/// The push endpoint's address signed as WeChat signs it, now.
pub fn signed_push_path(nonce: &str) -> String {
    let timestamp = chrono::Utc::now().timestamp().to_string();
    format!("/api/v1/wechat/push?signature={}&timestamp={timestamp}&nonce={nonce}", sign(&timestamp, nonce))
}

fn sign(timestamp: &str, nonce: &str) -> String {
    use sha1::{Digest, Sha1};
    let mut parts = [PUSH_TOKEN, timestamp, nonce];
    parts.sort_unstable();
    hex::encode(Sha1::digest(parts.concat().as_bytes()))
}

fn push(app: &TestApp, trace: &str, suggest: &str, label: i64) -> diandan_testkit::Resp {
    let body = json!({
        "ToUserName": "gh_test", "FromUserName": "wx-zhang", "CreateTime": 1_796_000_000, "MsgType": "event",
        "Event": "wxa_media_check", "appid": diandan_testkit::wechat_stub::APPID, "trace_id": trace, "version": 2,
        "detail": [{ "strategy": "content_model", "errcode": 0, "suggest": suggest, "label": label }],
        "errcode": 0, "errmsg": "ok", "result": { "suggest": suggest, "label": label }
    });
    let path = signed_push_path("n1");
    let bytes = body.to_string().into_bytes();
    app.request("POST", &path, None, Some("application/json"), Some(&bytes), &[])
}

fn photos_are_checked_by_wechat_and_decided_by_its_signed_push(b: Backend) {
    let builder = TestApp::builder(b).config(|c| c.public_url = "https://diandan.example.cn".into());
    let Some(w) = builder.start().and_then(world_of) else { return };
    let app = &w.app;
    let (zhang, _) = w.owner_by_phone("zhang", "13800000001", "1号楼", "1单元", "101");
    let (olga, _) = w.verified("olga", &w.dwelling("2号楼", "1单元", "101"), "occupant", &w.committee);
    let ids: Vec<String> = (0..3)
        .map(|_| {
            app.upload(Some(&zhang), "p.jpg", &phone_photo(40, 30)).expect(201)["id"].as_str().unwrap().to_string()
        })
        .collect();
    let asked = app.wechat.media_checks();
    assert_eq!(asked.len(), 3);
    assert_eq!((asked[0]["media_type"].as_i64(), asked[0]["version"].as_i64()), (Some(2), Some(2)));
    assert_eq!(asked[0]["openid"], "wx-zhang");
    // WeChat fetches the picture from the public origin: the same path works without a token.
    let media = asked[0]["media_url"].as_str().unwrap();
    let path = media.strip_prefix("https://diandan.example.cn").expect("the public origin");
    assert_eq!(app.get(path, None).content_type, "image/jpeg");

    let c = app.post(
        &format!("/api/v1/communities/{}/complaints", w.community),
        Some(&zhang),
        json!({ "category": "other", "description": "见照片", "location_kind": "public", "place": "北门", "photos": ids }),
    );
    let cid = c.expect(201)["id"].as_str().unwrap().to_string();
    let photos = |token: &str| -> Vec<String> {
        let r = app.get(&format!("/api/v1/complaints/{cid}"), Some(token));
        r.expect(200)["photos"].as_array().unwrap().iter().map(|p| p["review"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(photos(&zhang), vec!["pending"; 3], "the sender sees their photos while WeChat judges");
    assert!(photos(&olga).is_empty(), "nobody else does");

    // Unsigned or wrongly signed pushes are refused before they are read.
    let bad = "/api/v1/wechat/push?signature=00&timestamp=1796000000&nonce=n1";
    app.request("POST", bad, None, Some("application/json"), Some(b"{}"), &[]).expect_problem(403, "forbidden");
    // Well signed but an hour old: a replay, refused.
    let stale = (chrono::Utc::now().timestamp() - 3600).to_string();
    let old = format!("/api/v1/wechat/push?signature={}&timestamp={stale}&nonce=n1", sign(&stale, "n1"));
    app.request("POST", &old, None, Some("application/json"), Some(b"{}"), &[]).expect_problem(403, "forbidden");
    let verify = format!("{}&echostr=e-42", signed_push_path("n1"));
    let echoed = app.get(&verify, None);
    assert_eq!((echoed.status, echoed.text.as_str()), (200, "e-42"));

    let r = push(app, "trace-1", "pass", 100);
    assert_eq!((r.status, r.text.as_str()), (200, "success"));
    push(app, "trace-2", "risky", 20002);
    push(app, "trace-3", "review", 21000);
    // A repeated push changes nothing (nor does a repeated "review": one hold, one audit entry).
    push(app, "trace-2", "pass", 100);
    push(app, "trace-3", "review", 21000);
    assert_eq!(photos(&zhang), vec!["cleared", "rejected", "pending"]);
    assert_eq!(photos(&olga), vec!["cleared"]);
    let held = queue(&w);
    assert_eq!(held.len(), 1);
    assert_eq!((held[0]["kind"].as_str(), held[0]["subject_id"].as_str()), (Some("photo"), Some(ids[2].as_str())));
    // The committee sees the photo it decides on (still hidden from everyone else).
    let thumb = held[0]["photo"]["thumbnail_url"].as_str().unwrap();
    assert_eq!(app.get(thumb, None).status, 200);
    let hid = held[0]["id"].as_str().unwrap();
    app.post(&format!("/api/v1/held-texts/{hid}/decision"), Some(&w.committee), json!({ "decision": "release" }))
        .expect(200);
    assert_eq!(photos(&olga), vec!["cleared", "cleared"]);
    assert_eq!(app.count("audit_log WHERE action = 'upload.review'"), 3);
}

fn without_wechat_nothing_is_screened(b: Backend) {
    let builder = TestApp::builder(b).config(|c| {
        c.wechat_appid = String::new();
        c.wechat_secret = String::new();
        c.dev_login = true;
    });
    let Some(app) = builder.start() else { return };
    let r = app.post("/api/v1/auth/wechat", None, json!({ "code": "dev:wang" }));
    let token = r.expect(200)["access_token"].as_str().unwrap().to_string();
    assert_eq!(rename(&app, &token, "RISKY").status, 204);
    let up = app.upload(Some(&token), "p.jpg", &phone_photo(8, 8));
    assert_eq!(up.expect(201)["review"], "cleared");
    assert!(app.wechat.checks().is_empty() && app.wechat.media_checks().is_empty());
    assert_eq!(app.count("held_texts"), 0, "nothing is held either");
}

backend_tests!(
    texts_are_screened_before_they_are_stored,
    photos_are_checked_by_wechat_and_decided_by_its_signed_push,
    without_wechat_nothing_is_screened,
);
