use crate::fixtures::{world, STAFF_PASSWORD};
use diandan_testkit::{backend_tests, Backend};
use serde_json::json;

fn communities_and_role_boundaries(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (resident, _) = app.resident("dora");

    // Residents and committee members are not admins.
    app.post("/api/v1/districts", Some(&resident), json!({ "name": "x" })).expect_problem(403, "forbidden");
    app.post(
        "/api/v1/communities",
        Some(&w.committee),
        json!({ "district_id": w.district, "name": "n", "address": "a" }),
    )
    .expect_problem(403, "forbidden");
    app.post(
        "/api/v1/users",
        Some(&w.committee),
        json!({ "username": "sneaky", "password": STAFF_PASSWORD, "display_name": "s" }),
    )
    .expect_problem(403, "forbidden");
    app.get("/api/v1/users", Some(&resident)).expect_problem(403, "forbidden");
    app.get("/api/v1/districts", Some(&w.committee)).expect_problem(403, "forbidden");

    // Duplicates.
    app.post("/api/v1/districts", Some(&w.admin), json!({ "name": "测试街道" })).expect_problem(409, "district_exists");
    app.post(
        "/api/v1/communities",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "幸福里", "address": "a" }),
    )
    .expect_problem(409, "community_exists");
    app.post(
        "/api/v1/communities",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "新", "address": "a", "year_built": 1800 }),
    )
    .expect_problem(422, "validation_failed");

    // A district admin reaches only their district.
    let other_district = app.post("/api/v1/districts", Some(&w.admin), json!({ "name": "别的街道" })).expect(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let u = app.post(
        "/api/v1/users",
        Some(&w.admin),
        json!({ "username": "district-admin", "password": STAFF_PASSWORD, "display_name": "区管理员" }),
    );
    let uid = u.expect(201)["id"].as_str().unwrap().to_string();
    app.post(
        "/api/v1/role-grants",
        Some(&w.admin),
        json!({ "user_id": uid, "role": "admin", "district_id": other_district }),
    )
    .expect(201);
    let da = app.login("district-admin", STAFF_PASSWORD);
    app.post("/api/v1/communities", Some(&da), json!({ "district_id": w.district, "name": "越界", "address": "a" }))
        .expect_problem(403, "forbidden");
    app.post(
        "/api/v1/communities",
        Some(&da),
        json!({ "district_id": other_district, "name": "本区", "address": "a" }),
    )
    .expect(201);
    let listed = app.get("/api/v1/districts", Some(&da));
    assert_eq!(listed.expect(200).as_array().unwrap().len(), 1);
    assert_eq!(listed.body[0]["id"], other_district.as_str());
    // Only the platform admin grants admin roles.
    app.post("/api/v1/role-grants", Some(&da), json!({ "user_id": uid, "role": "admin", "district_id": w.district }))
        .expect_problem(403, "forbidden");
    // ...and a district admin cannot appoint in another district's community.
    app.post(
        "/api/v1/role-grants",
        Some(&da),
        json!({ "user_id": uid, "role": "committee", "community_id": w.community }),
    )
    .expect_problem(403, "forbidden");

    // Communities visible: the committee sees its own only; a resident sees all to find theirs.
    let mine = app.get("/api/v1/communities", Some(&w.committee));
    let names: Vec<&str> =
        mine.expect(200)["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["幸福里"]);
    let all = app.get("/api/v1/communities", Some(&resident));
    assert_eq!(all.expect(200)["items"].as_array().unwrap().len(), 3);
    let detail = app.get(&format!("/api/v1/communities/{}", w.community), Some(&resident));
    assert_eq!(detail.expect(200)["dwellings"], 5);
    assert_eq!(detail.body["total_area"], "344.35");
    assert_eq!(detail.body["buildings"], 2);
    assert_eq!(detail.body["units"], 3);
}

fn grants_revocation_takes_effect_at_once(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let bindings = format!("/api/v1/communities/{}/bindings", w.community);
    app.get(&bindings, Some(&w.committee)).expect(200);
    app.get(&bindings, Some(&w.other_committee)).expect_problem(403, "forbidden");

    let grants = app.get(&format!("/api/v1/role-grants?community_id={}", w.community), Some(&w.admin));
    let list = grants.expect(200).as_array().unwrap().clone();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["role"], "committee");
    let gid = list[0]["id"].as_str().unwrap();
    let uid = list[0]["user_id"].as_str().unwrap();
    app.post(
        "/api/v1/role-grants",
        Some(&w.admin),
        json!({ "user_id": uid, "role": "committee", "community_id": w.community }),
    )
    .expect_problem(409, "already_granted");
    app.post(
        "/api/v1/role-grants",
        Some(&w.admin),
        json!({ "user_id": uid, "role": "mayor", "community_id": w.community }),
    )
    .expect_problem(422, "validation_failed");
    app.post("/api/v1/role-grants", Some(&w.admin), json!({ "user_id": uid, "role": "designer" }))
        .expect_problem(422, "validation_failed");
    app.get(&format!("/api/v1/role-grants?community_id={}", w.community), Some(&w.other_committee))
        .expect_problem(403, "forbidden");

    assert_eq!(app.delete(&format!("/api/v1/role-grants/{gid}"), Some(&w.committee)).status, 403);
    assert_eq!(app.delete(&format!("/api/v1/role-grants/{gid}"), Some(&w.admin)).status, 204);
    app.delete(&format!("/api/v1/role-grants/{gid}"), Some(&w.admin)).expect_problem(409, "already_revoked");
    // The same access token, now without the role.
    app.get(&bindings, Some(&w.committee)).expect_problem(403, "forbidden");
    let history =
        app.get(&format!("/api/v1/role-grants?community_id={}&include_revoked=true", w.community), Some(&w.admin));
    assert!(history.expect(200)[0]["revoked_at"].is_string());
}

fn designers_and_property_see_no_personal_data(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let designer = w.staff("designer-a", "designer", &w.community.clone());
    let company = w.company("安居物业", &w.community);
    let property = w.property_staff("property-a", &company);
    // Property roles belong to a company, not to a community.
    let u = app.post(
        "/api/v1/users",
        Some(&w.admin),
        json!({ "username": "property-b", "password": STAFF_PASSWORD, "display_name": "p2" }),
    );
    let uid = u.expect(201)["id"].as_str().unwrap().to_string();
    app.post(
        "/api/v1/role-grants",
        Some(&w.admin),
        json!({ "user_id": uid, "role": "property", "community_id": w.community }),
    )
    .expect_problem(422, "validation_failed");
    app.post(
        "/api/v1/role-grants",
        Some(&w.admin),
        json!({ "user_id": uid, "role": "committee", "community_id": w.community, "company_id": company }),
    )
    .expect_problem(422, "validation_failed");
    let (resident, _) = app.resident("erin");
    let path = format!("/api/v1/communities/{}/dwellings", w.community);
    for token in [&designer, &property, &resident] {
        let r = app.get(&path, Some(token));
        assert_eq!(r.expect(200)["items"].as_array().unwrap().len(), 5);
        for secret in ["张三", "李四", "13800000001", "0001", "K101"] {
            assert!(!r.text.contains(secret), "{secret} leaked: {}", r.text);
        }
        app.get(&format!("/api/v1/communities/{}/bindings", w.community), Some(token)).expect_problem(403, "forbidden");
    }
    let committee_view = app.get(&path, Some(&w.committee));
    let first = &committee_view.expect(200)["items"][0];
    assert_eq!(first["owner_name"], "张三");
    assert_eq!(first["phone"], "138****0001");
    assert!(!committee_view.text.contains("13800000001"), "phones are masked even for the committee");
}

/// A caller without the right is refused (403) even when the body is also invalid: the use
/// cases check the right before they look at the input (these were 422 before).
fn refusals_come_before_input_checks(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (resident, _) = app.resident("erin");
    let audit_before = app.count("audit_log");
    app.post("/api/v1/districts", Some(&w.committee), json!({ "name": "" })).expect_problem(403, "forbidden");
    app.post(
        "/api/v1/communities",
        Some(&w.committee),
        json!({ "district_id": w.district, "name": "", "address": "a", "year_built": 1800 }),
    )
    .expect_problem(403, "forbidden");
    app.post("/api/v1/users", Some(&w.committee), json!({ "username": "x", "password": "short", "display_name": "" }))
        .expect_problem(403, "forbidden");
    app.post("/api/v1/role-grants", Some(&w.committee), json!({ "user_id": "u", "role": "mayor" }))
        .expect_problem(403, "forbidden");
    app.get(&format!("/api/v1/communities/{}/bindings?status=bogus", w.community), Some(&resident))
        .expect_problem(403, "forbidden");
    let claim = app.post(
        "/api/v1/bindings",
        Some(&resident),
        json!({ "dwelling_id": w.dwelling("2号楼", "1单元", "101"), "relation": "occupant" }),
    );
    let binding = claim.expect(201)["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/bindings/{binding}/reject"), Some(&w.other_committee), json!({ "reason": "" }))
        .expect_problem(403, "forbidden");
    assert_eq!(app.count("audit_log"), audit_before + 1, "only the claim was recorded");
    // With the right, the same bad input is answered 422.
    app.post("/api/v1/districts", Some(&w.admin), json!({ "name": "" })).expect_problem(422, "validation_failed");
    app.post(&format!("/api/v1/bindings/{binding}/reject"), Some(&w.committee), json!({ "reason": "" }))
        .expect_problem(422, "validation_failed");
}

backend_tests!(
    communities_and_role_boundaries,
    grants_revocation_takes_effect_at_once,
    designers_and_property_see_no_personal_data,
    refusals_come_before_input_checks
);
