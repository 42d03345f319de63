//! The authorization matrix: every GET route × every kind of caller, checked against the table
//! below, and every GET operation of the OpenAPI document has a row. Y: answered (2xx);
//! N: refused (401 for the anonymous caller, 403 or 404 for the others). A resident never reads
//! another owner's ballot, property staff never another company's figures, a committee never
//! another community's data.

use crate::fixtures::{import, world, World, ROSTER};
use diandan_testkit::{backend_tests, Backend};
use serde_json::json;

/// Columns of the table, in order.
pub const CALLERS: [&str; 9] = [
    "anonymous",
    "resident here",
    "occupant here",
    "resident elsewhere",
    "committee here",
    "committee elsewhere",
    "designer",
    "property",
    "admin",
];

/// The callers of the table besides the admin and the two committees of `world`.
pub struct Callers {
    /// 张三, verified owner of 1号楼1单元101 in community A.
    pub zhang: String,
    pub zhang_id: String,
    /// A verified occupant of 2号楼1单元101.
    pub occupant: String,
    /// 李四, verified owner in community B (which gets the same roster).
    pub elsewhere: String,
    pub designer: String,
    /// A company serving community A since yesterday, and one of its staff.
    pub company: String,
    pub property: String,
}

pub fn callers(w: &World) -> Callers {
    let app = &w.app;
    import(app, &w.admin, &w.other_community, ROSTER.as_bytes(), "text/csv").expect(200);
    let (zhang, zhang_id) = app.resident("zhang");
    app.verify_phone(&zhang, "13800000001");
    app.post(
        "/api/v1/bindings",
        Some(&zhang),
        json!({ "dwelling_id": w.dwelling("1号楼", "1单元", "101"), "relation": "owner" }),
    )
    .expect(201);
    let (occupant, _) = w.verified("occupant", &w.dwelling("2号楼", "1单元", "101"), "occupant", &w.committee);
    let (elsewhere, _) = app.resident("li");
    app.verify_phone(&elsewhere, "13800000002");
    let other_dwellings =
        app.get(&format!("/api/v1/communities/{}/dwellings?room=201", w.other_community), Some(&elsewhere));
    let other_201 = other_dwellings.expect(200)["items"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        app.post("/api/v1/bindings", Some(&elsewhere), json!({ "dwelling_id": other_201, "relation": "owner" }))
            .expect(201)["status"],
        "approved"
    );
    let designer = w.staff("designer-a", "designer", &w.community);
    let company = w.company("安居物业", &w.community);
    let property = w.property_staff("anju-1", &company);
    Callers { zhang, zhang_id, occupant, elsewhere, designer, company, property }
}

fn every_get_route_for_every_caller(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let Callers { zhang, zhang_id, occupant, elsewhere, designer, company, property, .. } = callers(&w);

    // A published consultation in community A with 张三's ballot.
    let now = |s: i64| diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(s));
    let k = app.post(
        &format!("/api/v1/communities/{}/consultations", w.community),
        Some(&w.committee),
        json!({ "title": "菜单", "announce_days": 0, "objection_days": 0, "opens_at": now(5), "closes_at": now(3600) }),
    );
    let k = k.expect(201)["id"].as_str().unwrap().to_string();
    let item =
        app.post(&format!("/api/v1/consultations/{k}/items"), Some(&w.committee), json!({ "code": "water_supply" }));
    let item = item.expect(201)["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/consultations/{k}/announce"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("/api/v1/consultations/{k}/open"), Some(&w.committee), json!({})).expect(200);
    let receipt = app.post(
        &format!("/api/v1/consultations/{k}/ballot"),
        Some(&zhang),
        json!({ "choices": { &item: { "choice": "support" } } }),
    );
    let receipt = receipt.expect(201)["receipt"].as_str().unwrap().to_string();
    assert_eq!(diandan_api::scheduler::tick(&app.db, chrono::Utc::now() + chrono::Duration::hours(2)), 1);
    app.post(&format!("/api/v1/consultations/{k}/preliminary"), Some(&w.committee), json!({})).expect(200);
    app.post(
        &format!("/api/v1/consultations/{k}/items/{item}/decision"),
        Some(&w.committee),
        json!({ "decision": "rejected", "reason": "r" }),
    )
    .expect(200);
    app.post(&format!("/api/v1/consultations/{k}/finish-review"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("/api/v1/consultations/{k}/publish"), Some(&w.committee), json!({})).expect(200);

    // 张三's complaint, dispatched to the company; an open rating period with his rating.
    let complaint = app.post(
        &format!("/api/v1/communities/{}/complaints", w.community),
        Some(&zhang),
        json!({ "category": "property_repairs", "description": "灯坏了", "location_kind": "public", "place": "车棚" }),
    );
    let complaint = complaint.expect(201)["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/complaints/{complaint}/accept"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("/api/v1/complaints/{complaint}/assign"), Some(&w.committee), json!({ "to": "company" }))
        .expect(200);
    let period = app.post(
        "/api/v1/rating-periods",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "Q4", "closes_at": now(7200) }),
    );
    let period = period.expect(201)["id"].as_str().unwrap().to_string();
    let scores = json!({ "security": 5, "cleaning": 5, "greening": 5, "repairs": 5, "fees": 5, "attitude": 5 });
    app.post(&format!("/api/v1/rating-periods/{period}/ratings"), Some(&zhang), scores).expect(201);

    // A photo 张三 uploaded: its signed address is the right to it, whoever holds it.
    let photo = app.upload(Some(&zhang), "light.jpg", &diandan_testkit::photos::phone_photo(40, 30));
    let photo = photo.expect(201)["thumbnail_url"].as_str().unwrap().to_string();

    // The notice the published result posted on community A's board.
    let notice = app.get(&format!("/api/v1/communities/{}/notices", w.community), Some(&w.committee));
    let notice = notice.expect(200)["items"][0]["id"].as_str().unwrap().to_string();

    // 怎么改: the project of k with a design under review by 张三 (楼长 of 1号楼).
    let project = app.post(
        &format!("/api/v1/communities/{}/projects", w.community),
        Some(&w.committee),
        json!({ "consultation_id": k }),
    );
    let project = project.expect(201)["id"].as_str().unwrap().to_string();
    let design = app.post(
        &format!("/api/v1/projects/{project}/designs"),
        Some(&designer),
        json!({ "measures": [{ "key": "M1", "title": "供水", "items": [item], "unlinked_reason": "管道老化" }] }),
    );
    let design = design.expect(201)["id"].as_str().unwrap().to_string();
    app.post(
        &format!("/api/v1/communities/{}/representatives", w.community),
        Some(&w.committee),
        json!({ "user_id": zhang_id, "dwelling_id": w.dwelling("1号楼", "1单元", "101"), "seat": "building" }),
    )
    .expect(201);
    let review = app.post(&format!("/api/v1/designs/{design}/review"), Some(&w.committee), json!({}));
    let review = review.expect(201)["id"].as_str().unwrap().to_string();

    let (a, d) = (&w.community, &w.district);
    #[rustfmt::skip]
    let table: Vec<(String, &str)> = vec![
        ("/healthz".into(),                                                   "YYYYYYYYY"),
        ("/readyz".into(),                                                    "YYYYYYYYY"),
        ("/openapi.yaml".into(),                                              "YYYYYYYYY"),
        ("/api/v1/me".into(),                                                 "NYYYYYYYY"),
        ("/api/v1/me/feed".into(),                                            "NYYYYYYYY"),
        ("/api/v1/me/proxies".into(),                                         "NYYYYYYYY"),
        ("/api/v1/me/export".into(),                                          "NYYYYYYYY"),
        ("/api/v1/me/message-grants".into(),                                  "NYYYYYYYY"),
        ("/api/v1/message-templates".into(),                                  "NYYYYYYYY"),
        (format!("/api/v1/communities/{a}/notices"),                          "NYYNYNYYY"),
        (format!("/api/v1/notices/{notice}"),                                 "NYYNYNYYY"),
        ("/api/v1/catalog".into(),                                            "NYYYYYYYY"),
        ("/api/v1/districts".into(),                                          "NNNNNNNNY"),
        ("/api/v1/users".into(),                                              "NNNNNNNNY"),
        (format!("/api/v1/role-grants?community_id={a}"),                     "NNNNYNNNY"),
        ("/api/v1/audit".into(),                                              "NNNNNNNNY"),
        (format!("/api/v1/audit?community_id={a}"),                           "NNNNYNNNY"),
        ("/api/v1/audit/verify".into(),                                       "NNNNNNNNY"),
        ("/api/v1/communities".into(),                                        "NYYYYYYYY"),
        (format!("/api/v1/communities/{a}"),                                  "NYYYYYYYY"),
        (format!("/api/v1/communities/{a}/buildings"),                        "NYYYYYYYY"),
        (format!("/api/v1/communities/{a}/dwellings"),                        "NYYYYYYYY"),
        (format!("/api/v1/communities/{a}/bindings"),                         "NNNNYNNNY"),
        (format!("/api/v1/communities/{a}/property-contracts"),               "NYYYYYYYY"),
        (format!("/api/v1/communities/{a}/supervisors"),                      "NNNNYNNNY"),
        (format!("/api/v1/communities/{a}/consultations"),                    "NYYNYNYYY"),
        (format!("/api/v1/consultations/{k}"),                                "NYYNYNYYY"),
        (format!("/api/v1/consultations/{k}/ballot"),                         "NYNNNNNNN"),
        (format!("/api/v1/consultations/{k}/tally"),                          "NYYNYNYYY"),
        (format!("/api/v1/consultations/{k}/participation"),                  "NYYNYNYYY"),
        (format!("/api/v1/consultations/{k}/voters"),                         "NNNNYNNNY"),
        (format!("/api/v1/consultations/{k}/paper-ballots"),                  "NNNNYNNNY"),
        (format!("/api/v1/consultations/{k}/proxies"),                        "NNNNYNNNY"),
        (format!("/api/v1/consultations/{k}/cost-shares"),                    "NNNNYNNNY"),
        (format!("/api/v1/consultations/{k}/cost-shares/mine"),               "NYYNYNYYY"),
        (format!("/api/v1/consultations/{k}/bulletin"),                       "NYYNYNYYY"),
        (format!("/api/v1/consultations/{k}/bulletin/{receipt}"),             "NYYNYNYYY"),
        (format!("/api/v1/consultations/{k}/objections"),                     "NYYNYNYYY"),
        (format!("/api/v1/communities/{a}/demand-list"),                      "NNNNYNYNY"),
        (format!("/api/v1/communities/{a}/demand-list/chart.svg"),            "NNNNYNYNY"),
        (format!("/api/v1/districts/{d}/demand-list"),                        "NNNNNNNNY"),
        (format!("/api/v1/communities/{a}/projects"),                         "NYYNYNYYY"),
        (format!("/api/v1/projects/{project}"),                               "NYYNYNYYY"),
        (format!("/api/v1/projects/{project}/designs"),                       "NYYNYNYYY"),
        (format!("/api/v1/projects/{project}/works"),                         "NYYNYNYYY"),
        (format!("/api/v1/projects/{project}/acceptance"),                    "NYYNYNYYY"),
        (format!("/api/v1/districts/{d}/projects"),                           "NNNNNNNNY"),
        (format!("/api/v1/districts/{d}/report"),                             "NNNNNNNNY"),
        (format!("/api/v1/designs/{design}"),                                 "NYNNYNYNY"),
        (format!("/api/v1/reviews/{review}"),                                 "NYNNYNYNY"),
        (format!("/api/v1/designs/{design}/objections"),                      "NYYNYNYYY"),
        (format!("/api/v1/communities/{a}/representatives"),                  "NNNNYNNNY"),
        (format!("/api/v1/communities/{a}/complaints"),                       "NYYNYNNYY"),
        (format!("/api/v1/complaints/{complaint}"),                           "NYYNYNNYY"),
        (format!("/api/v1/communities/{a}/complaint-figures"),                "NNNNYNNNY"),
        ("/api/v1/property-companies".into(),                                 "NNNNNNNYY"),
        (format!("/api/v1/property-companies/{company}/complaint-figures"),   "NNNNNNNYY"),
        ("/api/v1/rating-periods".into(),                                     "NYYYYYYYY"),
        (format!("/api/v1/rating-periods/{period}/ratings/mine"),             "NYYYYYYYY"),
        (format!("/api/v1/rating-periods/{period}/results"),                  "NNNNYYNYY"),
        (photo,                                                                "YYYYYYYYY"),
        (format!("/api/v1/held-texts?community_id={a}"),                      "NNNNYNNNY"),
        (format!("{}&echostr=e1", crate::content::signed_push_path("n1")), "YYYYYYYYY"),
    ];
    let tokens: [Option<&str>; 9] = [
        None,
        Some(&zhang),
        Some(&occupant),
        Some(&elsewhere),
        Some(&w.committee),
        Some(&w.other_committee),
        Some(&designer),
        Some(&property),
        Some(&w.admin),
    ];
    let mut wrong = Vec::new();
    for (path, expected) in &table {
        for (n, (token, want)) in tokens.iter().zip(expected.chars()).enumerate() {
            let r = app.get(path, *token);
            let fine = match want {
                'Y' => (200..300).contains(&r.status),
                _ if token.is_none() => r.status == 401,
                _ => r.status == 403 || r.status == 404,
            };
            if !fine {
                wrong.push(format!(
                    "{path} as {}: expected {want}, got {} {}",
                    CALLERS[n],
                    r.status,
                    r.text.chars().take(160).collect::<String>()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{} cells differ from the table:\n{}", wrong.len(), wrong.join("\n"));

    // Every GET operation of the OpenAPI document has a row (a `{param}` segment of a
    // template matches any segment of a row's path).
    let doc = diandan_api::openapi::document();
    let rows: Vec<Vec<&str>> =
        table.iter().map(|(path, _)| path.split('?').next().unwrap().split('/').collect()).collect();
    let missing: Vec<&String> = doc
        .paths
        .paths
        .iter()
        .filter(|(_, item)| item.get.is_some())
        .map(|(template, _)| template)
        .filter(|template| {
            let t: Vec<&str> = template.split('/').collect();
            !rows.iter().any(|r| r.len() == t.len() && t.iter().zip(r).all(|(t, r)| t.starts_with('{') || t == r))
        })
        .collect();
    assert!(missing.is_empty(), "GET operations without a row: {missing:?}");

    // What a permitted reader gets is theirs: a resident's ballot read is their own, and the
    // company's staff see its own figures only.
    let mine = app.get(&format!("/api/v1/consultations/{k}/ballot"), Some(&zhang));
    assert_eq!(mine.expect(200)["owner_key"], "K101");
    let other_company = w.company("乐家物业", &w.other_community);
    app.get(&format!("/api/v1/property-companies/{other_company}/complaint-figures"), Some(&property))
        .expect_problem(403, "forbidden");
    let results = app.get(&format!("/api/v1/rating-periods/{period}/results"), Some(&w.other_committee));
    let seen: Vec<&str> = results.expect(200)["communities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["community_id"].as_str().unwrap())
        .collect();
    assert!(!seen.contains(&a.as_str()), "a committee reads its own community's results only: {seen:?}");
}

backend_tests!(every_get_route_for_every_caller);
