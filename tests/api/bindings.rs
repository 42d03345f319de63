use crate::fixtures::world;
use diandan_testkit::{backend_tests, Backend};
use serde_json::json;

fn claim_review_and_withdraw(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let d201 = w.dwelling("1号楼", "2单元", "201");
    let (grace, _) = app.resident("grace");
    assert_eq!(
        app.request(
            "PATCH",
            "/api/v1/me",
            Some(&grace),
            Some("application/json"),
            Some(r#"{"display_name":"  李四 "}"#.as_bytes()),
            &[]
        )
        .status,
        204
    );
    app.request("PATCH", "/api/v1/me", Some(&grace), Some("application/json"), Some(br#"{"display_name":""}"#), &[])
        .expect_problem(422, "validation_failed");
    let claim = app.post(
        "/api/v1/bindings",
        Some(&grace),
        json!({ "dwelling_id": d201, "relation": "owner", "note": "房主本人" }),
    );
    let c = claim.expect(201).clone();
    assert_eq!((c["status"].as_str(), c["auto_approved"].as_bool()), (Some("pending"), Some(false)));
    assert!(c.get("claimant").is_none());
    app.post("/api/v1/bindings", Some(&grace), json!({ "dwelling_id": d201, "relation": "occupant" }))
        .expect_problem(409, "binding_exists");
    app.post("/api/v1/bindings", Some(&grace), json!({ "dwelling_id": d201, "relation": "tenant" }))
        .expect_problem(422, "validation_failed");
    app.post(
        "/api/v1/bindings",
        Some(&grace),
        json!({ "dwelling_id": "01a20500-0000-7000-8000-000000000000", "relation": "owner" }),
    )
    .expect_problem(404, "not_found");

    let pending = app.get(&format!("/api/v1/communities/{}/bindings?status=pending", w.community), Some(&w.committee));
    let items = pending.expect(200)["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0]["building"].as_str(), items[0]["room"].as_str()), (Some("1号楼"), Some("201")));
    assert_eq!(items[0]["claimant"]["display_name"], "李四");
    app.get(&format!("/api/v1/communities/{}/bindings?status=maybe", w.community), Some(&w.committee))
        .expect_problem(422, "validation_failed");

    let id = c["id"].as_str().unwrap();
    app.post(&format!("/api/v1/bindings/{id}/approve"), Some(&w.other_committee), json!({}))
        .expect_problem(403, "forbidden");
    app.post(&format!("/api/v1/bindings/{id}/approve"), Some(&grace), json!({})).expect_problem(403, "forbidden");
    app.post(&format!("/api/v1/bindings/{id}/reject"), Some(&w.committee), json!({ "reason": "" }))
        .expect_problem(422, "validation_failed");
    let ok = app.post(&format!("/api/v1/bindings/{id}/approve"), Some(&w.committee), json!({}));
    assert_eq!(ok.expect(200)["status"], "approved");
    app.post(&format!("/api/v1/bindings/{id}/reject"), Some(&w.committee), json!({ "reason": "late" }))
        .expect_problem(409, "binding_not_pending");
    let me = app.get("/api/v1/me", Some(&grace));
    assert_eq!(me.expect(200)["bindings"][0]["status"], "approved");

    // Someone else's binding is invisible to withdraw; one's own can be withdrawn once.
    let (henry, _) = app.resident("henry");
    app.post(&format!("/api/v1/bindings/{id}/withdraw"), Some(&henry), json!({})).expect_problem(404, "not_found");
    assert_eq!(
        app.post(&format!("/api/v1/bindings/{id}/withdraw"), Some(&grace), json!({})).expect(200)["status"],
        "withdrawn"
    );
    app.post(&format!("/api/v1/bindings/{id}/withdraw"), Some(&grace), json!({}))
        .expect_problem(409, "binding_not_active");
}

fn rejection_carries_its_reason(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let d = w.dwelling("2号楼", "1单元", "101");
    let (ivan, _) = app.resident("ivan");
    let c = app
        .post("/api/v1/bindings", Some(&ivan), json!({ "dwelling_id": d, "relation": "occupant" }))
        .expect(201)
        .clone();
    let id = c["id"].as_str().unwrap();
    let r = app.post(&format!("/api/v1/bindings/{id}/reject"), Some(&w.committee), json!({ "reason": "租赁合同不符" }));
    assert_eq!(r.expect(200)["status"], "rejected");
    assert_eq!(r.body["reason"], "租赁合同不符");
    assert_eq!(app.get("/api/v1/me", Some(&ivan)).expect(200)["bindings"][0]["reason"], "租赁合同不符");
    // A rejected claim may be made again (a new binding).
    app.post("/api/v1/bindings", Some(&ivan), json!({ "dwelling_id": d, "relation": "occupant" })).expect(201);
}

fn verified_phone_matching_the_roster_auto_approves_owners(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let d101 = w.dwelling("1号楼", "1单元", "101");
    let (owner, _) = app.resident("zhangsan");
    // Without a verified phone: pending.
    let first = app.post("/api/v1/bindings", Some(&owner), json!({ "dwelling_id": d101, "relation": "occupant" }));
    assert_eq!(first.expect(201)["status"], "pending");
    app.verify_phone(&owner, "13800000001");
    let d102 = w.dwelling("1号楼", "1单元", "102");
    let auto = app.post("/api/v1/bindings", Some(&owner), json!({ "dwelling_id": d102, "relation": "owner" }));
    assert_eq!(
        (auto.expect(201)["status"].as_str(), auto.body["auto_approved"].as_bool()),
        (Some("approved"), Some(true))
    );
    // A different verified phone does not match.
    let (other, _) = app.resident("notzhang");
    app.verify_phone(&other, "13800000009");
    let d201 = w.dwelling("1号楼", "2单元", "201");
    assert_eq!(
        app.post("/api/v1/bindings", Some(&other), json!({ "dwelling_id": d201, "relation": "owner" })).expect(201)
            ["status"],
        "pending"
    );
    let audit = app.get(&format!("/api/v1/audit?community_id={}", w.community), Some(&w.committee));
    let actions: Vec<&str> =
        audit.expect(200).as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(&actions[..3], &["binding.claim", "binding.auto_approve", "binding.claim"]);
    assert!(!audit.text.contains("13800000001"), "no phone numbers in the audit log");
}

backend_tests!(
    claim_review_and_withdraw,
    rejection_carries_its_reason,
    verified_phone_matching_the_roster_auto_approves_owners
);
