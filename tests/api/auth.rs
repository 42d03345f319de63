use diandan_auth::jwt::JwtKeys;
use diandan_testkit::app::JWT_SECRET;
use diandan_testkit::{backend_tests, Backend, TestApp};
use serde_json::json;

fn wechat_login_registers_once_and_hides_the_session_key(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let users_before = app.count("users");
    let first = app.post("/api/v1/auth/wechat", None, json!({ "code": "ok-alice" }));
    let body = first.expect(200).clone();
    assert!(
        !first.text.contains("SECRET-SESSION-KEY")
            && !first.text.contains("session_key")
            && !first.text.contains("openid")
    );
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    let again = app.post("/api/v1/auth/wechat", None, json!({ "code": "ok-alice" }));
    assert_eq!(again.expect(200)["user_id"], body["user_id"]);
    assert_eq!(app.count("users"), users_before + 1);
    let me = app.get("/api/v1/me", body["access_token"].as_str());
    assert_eq!(me.expect(200)["kind"], "resident");
    assert_eq!(me.body["roles"].as_array().unwrap().len(), 0);
    let requests = app.wechat.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 2);
    assert!(requests[0].contains("js_code=ok-alice") && requests[0].contains("grant_type=authorization_code"));
}

fn wechat_errors_map_to_problems(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let users_before = app.count("users");
    let login = |code: &str| app.post("/api/v1/auth/wechat", None, json!({ "code": code }));
    login("invalid").expect_problem(401, "wechat_code_invalid");
    login("used").expect_problem(401, "wechat_code_used");
    let limited = login("limited");
    limited.expect_problem(429, "wechat_rate_limited");
    assert_eq!(limited.header("retry-after"), Some("60"));
    login("busy").expect_problem(503, "wechat_busy");
    login("blocked").expect_problem(403, "wechat_user_blocked");
    login("").expect_problem(422, "validation_failed");
    // Development codes are not accepted unless enabled: they go to WeChat, which refuses them.
    login("dev:mallory").expect_problem(401, "wechat_code_invalid");
    assert_eq!(app.count("users"), users_before);
}

fn dev_login_only_when_enabled(b: Backend) {
    let Some(app) = TestApp::builder(b).config(|c| c.dev_login = true).start() else { return };
    let r = app.post("/api/v1/auth/wechat", None, json!({ "code": "dev:bob" }));
    r.expect(200);
    assert_eq!(app.wechat.request_count(), 0, "dev codes never reach WeChat");
}

fn password_login_refresh_rotation_and_logout(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    app.post("/api/v1/auth/login", None, json!({ "username": "admin", "password": "wrong-password" }))
        .expect_problem(401, "invalid_credentials");
    app.post("/api/v1/auth/login", None, json!({ "username": "nobody", "password": "wrong-password" }))
        .expect_problem(401, "invalid_credentials");
    let pair = app
        .post("/api/v1/auth/login", None, json!({ "username": "admin", "password": diandan_testkit::ADMIN_PASSWORD }))
        .expect(200)
        .clone();
    let me = app.get("/api/v1/me", pair["access_token"].as_str());
    assert_eq!(me.expect(200)["username"], "admin");
    assert_eq!(me.body["roles"][0]["role"], "admin");
    assert!(me.body["roles"][0]["district_id"].is_null());

    let r1 = pair["refresh_token"].as_str().unwrap();
    let next = app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": r1 })).expect(200).clone();
    let r2 = next["refresh_token"].as_str().unwrap();
    assert_ne!(r1, r2);
    app.get("/api/v1/me", next["access_token"].as_str()).expect(200);
    // Replaying the used token is theft: the whole family dies, including r2.
    app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": r1 })).expect_problem(401, "refresh_token_reused");
    app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": r2 })).expect_problem(401, "invalid_refresh_token");

    let other = app
        .post("/api/v1/auth/login", None, json!({ "username": "admin", "password": diandan_testkit::ADMIN_PASSWORD }))
        .expect(200)
        .clone();
    let r3 = other["refresh_token"].as_str().unwrap();
    assert_eq!(app.post("/api/v1/auth/logout", None, json!({ "refresh_token": r3 })).status, 204);
    app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": r3 })).expect_problem(401, "invalid_refresh_token");
    app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": "garbage" }))
        .expect_problem(401, "invalid_refresh_token");
}

fn concurrent_refreshes_with_one_token_yield_one_pair(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let pair = app
        .post("/api/v1/auth/login", None, json!({ "username": "admin", "password": diandan_testkit::ADMIN_PASSWORD }))
        .expect(200)
        .clone();
    let token = pair["refresh_token"].as_str().unwrap().to_string();
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..6)
            .map(|_| s.spawn(|| app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": token })).status))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 5, "{statuses:?}");
}

fn failed_logins_are_throttled_per_account_and_per_address(b: Backend) {
    let Some(app) = TestApp::builder(b).config(|c| c.login_attempts_per_address = 8).start() else { return };
    for _ in 0..5 {
        app.post("/api/v1/auth/login", None, json!({ "username": "admin", "password": "wrong-password" }))
            .expect_problem(401, "invalid_credentials");
    }
    let blocked = app.post(
        "/api/v1/auth/login",
        None,
        json!({ "username": "admin", "password": diandan_testkit::ADMIN_PASSWORD }),
    );
    blocked.expect_problem(429, "too_many_attempts");
    assert!(blocked.header("retry-after").and_then(|v| v.parse::<u64>().ok()).is_some_and(|s| s > 0 && s <= 900));
    // Other accounts from this address: 3 more failures reach the address limit of 8.
    for name in ["a1", "a2", "a3"] {
        app.post("/api/v1/auth/login", None, json!({ "username": name, "password": "wrong-password" }))
            .expect_problem(401, "invalid_credentials");
    }
    app.post("/api/v1/auth/login", None, json!({ "username": "a4", "password": "wrong-password" }))
        .expect_problem(429, "too_many_attempts");
}

fn expired_tampered_and_missing_tokens_are_refused(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let token = app.admin();
    app.get("/api/v1/me", None).expect_problem(401, "missing_token");
    app.request("GET", "/api/v1/me", None, None, None, &[("Authorization", "Basic YWRtaW46eA==")])
        .expect_problem(401, "invalid_token");
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[1] = parts[1].chars().rev().collect();
    app.get("/api/v1/me", Some(&parts.join("."))).expect_problem(401, "invalid_token");
    let keys = JwtKeys::new(JWT_SECRET.as_bytes(), 900);
    let me = app.get("/api/v1/me", Some(&token)).expect(200).clone();
    let uid = me["id"].as_str().unwrap();
    let expired = keys.issue_at(uid, "staff", chrono_now() - 1000);
    app.get("/api/v1/me", Some(&expired)).expect_problem(401, "token_expired");
    let forged = JwtKeys::new(b"some-other-secret-some-other-secret!!", 900).issue(uid, "staff");
    app.get("/api/v1/me", Some(&forged)).expect_problem(401, "invalid_token");
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

fn phone_binding_goes_through_wechat(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let (token, _) = app.resident("carol");
    app.post("/api/v1/me/phone", Some(&token), json!({ "code": "bogus" })).expect_problem(401, "wechat_code_invalid");
    let r = app.post("/api/v1/me/phone", Some(&token), json!({ "code": "phone-13900001111" }));
    assert_eq!(r.expect(200)["phone"], "13900001111");
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).expect(200)["phone"],
        "13900001111",
        "the owner sees their own phone unmasked"
    );
    assert_eq!(app.wechat.token_fetches(), (1, 0), "one stable_token call so far");
    let (dave, _) = app.resident("dave");
    app.post("/api/v1/me/phone", Some(&dave), json!({ "code": "phone-13900002222" })).expect(200);
    assert_eq!(app.wechat.token_fetches(), (1, 0), "the stored access token is reused");
    // Another server process on the same database uses the same token: no fetch of its own.
    let other = app.other_instance();
    let (erin, _) = app.resident("erin");
    app.post_to(&other.base, "/api/v1/me/phone", Some(&erin), json!({ "code": "phone-13900003333" })).expect(200);
    assert_eq!(app.wechat.token_fetches(), (1, 0), "every process shares the token in the database");
    assert_eq!(app.count("wechat_tokens"), 1);
    // WeChat revokes it (40001): one forced refresh, the call is tried again and succeeds.
    app.wechat.revoke_token();
    let (fay, _) = app.resident("fay");
    let r = app.post("/api/v1/me/phone", Some(&fay), json!({ "code": "phone-13900004444" }));
    assert_eq!(r.expect(200)["phone"], "13900004444");
    assert_eq!(app.wechat.token_fetches(), (2, 1), "one refresh, with force_refresh");
    let (gus, _) = app.resident("gus");
    app.post_to(&other.base, "/api/v1/me/phone", Some(&gus), json!({ "code": "phone-13900005555" })).expect(200);
    assert_eq!(app.wechat.token_fetches(), (2, 1), "the refreshed token is shared too");
    let requests = app.wechat.requests.lock().unwrap().clone();
    assert!(!requests.iter().any(|r| r.contains("/cgi-bin/token")), "the old token endpoint is not used");
}

backend_tests!(
    wechat_login_registers_once_and_hides_the_session_key,
    wechat_errors_map_to_problems,
    dev_login_only_when_enabled,
    password_login_refresh_rotation_and_logout,
    concurrent_refreshes_with_one_token_yield_one_pair,
    failed_logins_are_throttled_per_account_and_per_address,
    expired_tampered_and_missing_tokens_are_refused,
    phone_binding_goes_through_wechat,
);
