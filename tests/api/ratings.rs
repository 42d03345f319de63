//! Ratings of the property manager: one per dwelling per period, revisable while open, exact
//! aggregates hidden below five dwellings, grades, ranking with red and black lists, replies.

use crate::fixtures::{import, world, World};
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};

const MORE_HOMES: &str = "楼栋,单元,房号,楼层,面积,业主编号,业主姓名,电话,开发商持有\n\
3号楼,1单元,301,3,60.00,K401,赵一,,否\n\
3号楼,1单元,302,3,60.00,K402,钱二,,否\n\
3号楼,1单元,303,3,60.00,K403,孙三,,否\n";

const OTHER_ROSTER: &str = "楼栋,单元,房号,楼层,面积,业主编号,业主姓名,电话,开发商持有\n\
8号楼,1单元,101,1,50.00,L1,周一,,否\n\
8号楼,1单元,102,1,50.00,L2,吴二,,否\n\
8号楼,1单元,201,2,50.00,L3,郑三,,否\n\
8号楼,1单元,202,2,50.00,L4,冯四,,否\n\
8号楼,1单元,301,3,50.00,L5,陈五,,否\n\
8号楼,1单元,302,3,50.00,L6,褚六,,否\n";

fn dwellings(w: &World, community: &str, committee: &str) -> Vec<String> {
    let r = w.app.get(&format!("/api/v1/communities/{community}/dwellings?limit=500"), Some(committee));
    r.expect(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["developer_held"] == false)
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

fn scores(v: [i64; 6]) -> Value {
    json!({ "security": v[0], "cleaning": v[1], "greening": v[2], "repairs": v[3], "fees": v[4], "attitude": v[5] })
}

fn in_hours(h: i64) -> String {
    diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::hours(h))
}

fn one_rating_per_dwelling_exact_results_and_lists(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    import(app, &w.admin, &w.community, MORE_HOMES.as_bytes(), "text/csv").expect(200);
    import(app, &w.admin, &w.other_community, OTHER_ROSTER.as_bytes(), "text/csv").expect(200);
    let anju = w.company("安居物业", &w.community);
    let lejia = w.company("乐家物业", &w.other_community);
    let anju_staff = w.property_staff("anju-1", &anju);
    let lejia_staff = w.property_staff("lejia-1", &lejia);
    let here = dwellings(&w, &w.community, &w.committee);
    let there = dwellings(&w, &w.other_community, &w.other_committee);
    assert_eq!((here.len(), there.len()), (7, 6));

    let p = app.post(
        "/api/v1/rating-periods",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "2026年第四季度", "closes_at": in_hours(2) }),
    );
    assert_eq!(p.expect(201)["state"], "open");
    let period = p.body["id"].as_str().unwrap().to_string();
    app.post(
        "/api/v1/rating-periods",
        Some(&w.committee),
        json!({ "district_id": w.district, "name": "x", "closes_at": in_hours(2) }),
    )
    .expect_problem(403, "forbidden");
    app.post(
        "/api/v1/rating-periods",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "2026年第四季度", "closes_at": in_hours(2) }),
    )
    .expect_problem(409, "period_exists");
    app.post(
        "/api/v1/rating-periods",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "倒退", "closes_at": in_hours(-1) }),
    )
    .expect_problem(422, "validation_failed");
    let later = app.post(
        "/api/v1/rating-periods",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "2027年第一季度", "opens_at": in_hours(24), "closes_at": in_hours(48) }),
    );
    let later = later.expect(201)["id"].as_str().unwrap().to_string();
    let rate = |token: &str, v: [i64; 6]| {
        app.post(&format!("/api/v1/rating-periods/{period}/ratings"), Some(token), scores(v))
    };

    let (eve, _) = app.resident("eve");
    rate(&eve, [5; 6]).expect_problem(403, "not_a_resident");

    // Anju's community: five dwellings rate. Security 5,5,4,5,4 = 23 → 4.60; every dimension
    // sums to 23; overall 138 / 150 → 92.00, AAA.
    let anju_scores =
        [[5, 5, 5, 5, 5, 5], [5, 5, 5, 5, 5, 5], [4, 4, 4, 4, 4, 4], [5, 4, 5, 4, 5, 4], [4, 5, 4, 5, 4, 5]];
    let mut anju_residents = Vec::new();
    for (i, s) in anju_scores.iter().enumerate() {
        let (token, _) = w.verified(&format!("a{i}"), &here[i], "occupant", &w.committee);
        if i == 4 {
            // Below five rated dwellings, nothing is shown.
            let r = app.get(&format!("/api/v1/rating-periods/{period}/results"), Some(&w.admin));
            let row = r.expect(200)["communities"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["community_id"] == w.community.as_str())
                .unwrap()
                .clone();
            assert_eq!(row["rated_dwellings"], 4);
            assert!(row["aggregate"].is_null(), "hidden below 5: {row}");
            rate(&token, [0, 3, 3, 3, 3, 3]).expect_problem(422, "validation_failed");
            rate(&token, [3, 3, 3, 3, 3, 6]).expect_problem(422, "validation_failed");
            assert_eq!(app.count("ratings"), 4);
        }
        let r = rate(&token, *s);
        assert_eq!(r.expect(201)["scores"]["security"], s[0]);
        assert_eq!(r.body["company_id"], anju.as_str());
        anju_residents.push((token, r.body["id"].as_str().unwrap().to_string()));
    }

    // One rating per dwelling: a second one is refused, from anyone of the household; a
    // revision replaces it.
    let (token0, rating0) = &anju_residents[0];
    rate(token0, [1; 6]).expect_problem(409, "already_rated");
    let (housemate, _) = w.verified("a0-partner", &here[0], "occupant", &w.committee);
    rate(&housemate, [1; 6]).expect_problem(409, "already_rated");
    let mut body = scores([5; 6]);
    body["comment"] = json!("保安很负责");
    let revised = app.put(&format!("/api/v1/ratings/{rating0}"), Some(&housemate), body.clone());
    assert_eq!(revised.expect(200)["revisions"], 1);
    assert_eq!(revised.body["comment"], "保安很负责");
    app.put(&format!("/api/v1/ratings/{rating0}"), Some(&anju_residents[1].0), body.clone())
        .expect_problem(403, "forbidden");
    let mine = app.get(&format!("/api/v1/rating-periods/{period}/ratings/mine"), Some(token0));
    assert_eq!(mine.expect(200).as_array().unwrap().len(), 1);
    assert_eq!(mine.body[0]["revisions"], 1);

    // Lejia's community: five dwellings rate 2,3,3,3,3,3: 85 / 150 → 56.67, C.
    for (i, d) in there.iter().take(5).enumerate() {
        let (token, _) = w.verified(&format!("l{i}"), d, "occupant", &w.other_committee);
        rate(&token, [2, 3, 3, 3, 3, 3]).expect(201);
    }

    // A complaint in Anju's community, dispatched to Anju, counts beside both of their results.
    let order = app.post(
        &format!("/api/v1/communities/{}/complaints", w.community),
        Some(token0),
        json!({ "category": "property_cleaning", "description": "垃圾未清运", "location_kind": "public", "place": "北门" }),
    );
    let order = order.expect(201)["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/complaints/{order}/accept"), Some(&w.committee), json!({})).expect(200);
    app.post(&format!("/api/v1/complaints/{order}/assign"), Some(&w.committee), json!({ "to": "company" })).expect(200);

    // While the period runs: the admin sees all, the committee its community, the company its
    // own; residents nothing.
    let results = format!("/api/v1/rating-periods/{period}/results");
    app.get(&results, Some(token0)).expect_problem(403, "results_not_public");
    let all = app.get(&results, Some(&w.admin));
    let all = all.expect(200);
    let community =
        |v: &Value, id: &str| v["communities"].as_array().unwrap().iter().find(|c| c["community_id"] == id).cloned();
    let a = community(all, &w.community).unwrap();
    assert_eq!(a["company_name"], "安居物业");
    assert_eq!((a["eligible_dwellings"].as_u64(), a["rated_dwellings"].as_u64()), (Some(7), Some(5)));
    assert_eq!(a["participation"], "71.4");
    assert_eq!(
        a["aggregate"],
        json!({ "means": { "security": "4.60", "cleaning": "4.60", "greening": "4.60", "repairs": "4.60", "fees": "4.60", "attitude": "4.60" }, "score": "92.00", "grade": "AAA" })
    );
    let l = community(all, &w.other_community).unwrap();
    assert_eq!(l["participation"], "83.3");
    assert_eq!(l["aggregate"]["means"]["security"], "2.00");
    assert_eq!(l["aggregate"]["score"], "56.67");
    assert_eq!(l["aggregate"]["grade"], "C");
    let ranking: Vec<(String, u64, Value)> = all["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["company_name"].as_str().unwrap().to_string(), c["rank"].as_u64().unwrap(), c["list"].clone()))
        .collect();
    assert_eq!(ranking, vec![("安居物业".to_string(), 1, json!("red")), ("乐家物业".to_string(), 2, json!("black"))]);
    assert_eq!(all["companies"][0]["complaints"]["received"], 1);
    assert_eq!(all["companies"][0]["complaints"]["by_category"]["property_cleaning"], 1);
    assert_eq!(all["companies"][1]["complaints"]["received"], 0);
    assert_eq!(a["complaints"]["received"], 1);
    assert_eq!(l["complaints"]["received"], 0);

    let committee_view = app.get(&results, Some(&w.committee));
    let cv = committee_view.expect(200);
    assert_eq!(cv["communities"].as_array().unwrap().len(), 1);
    assert!(community(cv, &w.community).is_some());
    assert_eq!(cv["companies"].as_array().unwrap().len(), 0);
    let staff_view = app.get(&results, Some(&anju_staff));
    let sv = staff_view.expect(200);
    assert_eq!(sv["companies"].as_array().unwrap().len(), 1);
    assert_eq!(sv["companies"][0]["company_id"], anju.as_str());
    assert!(community(sv, &w.other_community).is_none(), "a company reads its own results only");
    // Aggregates only: no single rating, comment or dwelling reaches the company.
    for secret in ["保安很负责", here[0].as_str(), rating0.as_str()] {
        assert!(!staff_view.text.contains(secret), "{secret} leaked to the company");
    }

    // Replies come after the close; the admin closes the period early.
    let reply = format!("/api/v1/rating-periods/{period}/replies");
    app.post(&reply, Some(&anju_staff), json!({ "text": "感谢业主支持" })).expect_problem(409, "rating_open");
    app.post(&format!("/api/v1/rating-periods/{period}/close"), Some(&w.committee), json!({}))
        .expect_problem(403, "forbidden");
    assert_eq!(
        app.post(&format!("/api/v1/rating-periods/{period}/close"), Some(&w.admin), json!({})).expect(200)["state"],
        "closed"
    );
    app.post(&format!("/api/v1/rating-periods/{period}/close"), Some(&w.admin), json!({}))
        .expect_problem(409, "rating_closed");
    let (late, _) = w.verified("late", &here[5], "occupant", &w.committee);
    rate(&late, [5; 6]).expect_problem(409, "rating_closed");
    app.put(&format!("/api/v1/ratings/{rating0}"), Some(token0), body).expect_problem(409, "rating_closed");
    app.post(&format!("/api/v1/rating-periods/{later}/ratings"), Some(&late), scores([5; 6]))
        .expect_problem(409, "rating_not_open");

    app.post(&reply, Some(&w.committee), json!({ "text": "x" })).expect_problem(403, "forbidden");
    app.post(&reply, Some(&anju_staff), json!({ "text": "感谢业主支持，我们将继续改进" })).expect(201);
    app.post(&reply, Some(&anju_staff), json!({ "text": "again" })).expect_problem(409, "already_replied");
    // Public once closed: any resident reads the lists and the reply.
    let public = app.get(&results, Some(token0));
    assert_eq!(public.expect(200)["companies"][0]["reply"]["text"], "感谢业主支持，我们将继续改进");
    assert!(public.body["companies"][1]["reply"].is_null());
    let _ = lejia_staff;

    // The audit log records who rated, never the scores or the comment.
    let audit = app.get("/api/v1/audit?limit=500", Some(&w.admin));
    let rated = audit.expect(200).as_array().unwrap().iter().filter(|e| e["action"] == "rating.create").count();
    assert_eq!(rated, 10);
    assert!(!audit.text.contains("保安很负责") && !audit.text.contains("\"security\""));
    assert_eq!(app.get("/api/v1/audit/verify", Some(&w.admin)).expect(200)["ok"], true);
}

/// A caller without the right is refused before their body or query is looked at: 403, not
/// 422, and nothing is written.
fn the_right_is_checked_before_the_input(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (eve, _) = app.resident("eve");
    let past = in_hours(-1);
    let bad_period = json!({ "district_id": w.district, "name": "", "closes_at": past });
    app.post("/api/v1/rating-periods", Some(&w.committee), bad_period.clone()).expect_problem(403, "forbidden");
    app.post("/api/v1/rating-periods", Some(&w.admin), bad_period).expect_problem(422, "validation_failed");
    let bad_company = json!({ "district_id": w.district, "name": "", "credit_code": "x" });
    app.post("/api/v1/property-companies", Some(&w.committee), bad_company).expect_problem(403, "forbidden");
    assert_eq!((app.count("rating_periods"), app.count("property_companies")), (0, 0));

    let anju = w.company("安居物业", &w.community);
    let contracts = format!("/api/v1/communities/{}/property-contracts", w.community);
    let bad_contract = json!({ "company_id": anju, "starts_on": "someday" });
    app.post(&contracts, Some(&w.committee), bad_contract.clone()).expect_problem(403, "forbidden");
    app.post(&contracts, Some(&w.admin), bad_contract).expect_problem(422, "validation_failed");
    let contract = app.get(&contracts, Some(&w.admin)).expect(200)[0]["id"].as_str().unwrap().to_string();
    let end = format!("/api/v1/property-contracts/{contract}/end");
    app.post(&end, Some(&w.committee), json!({ "ends_on": "someday" })).expect_problem(403, "forbidden");
    assert_eq!(app.count("property_contracts"), 1);

    let p = app.post(
        "/api/v1/rating-periods",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "2026年第四季度", "closes_at": in_hours(2) }),
    );
    let period = p.expect(201)["id"].as_str().unwrap().to_string();
    let rate = format!("/api/v1/rating-periods/{period}/ratings");
    app.post(&rate, Some(&eve), scores([0; 6])).expect_problem(403, "not_a_resident");
    let here = dwellings(&w, &w.community, &w.committee);
    let (rater, _) = w.verified("rater", &here[0], "occupant", &w.committee);
    let (neighbour, _) = w.verified("neighbour", &here[1], "occupant", &w.committee);
    let rating = app.post(&rate, Some(&rater), scores([4; 6])).expect(201)["id"].as_str().unwrap().to_string();
    let revise = format!("/api/v1/ratings/{rating}");
    app.put(&revise, Some(&neighbour), scores([0; 6])).expect_problem(403, "forbidden");
    app.put(&revise, Some(&rater), scores([0; 6])).expect_problem(422, "validation_failed");
    let reply = format!("/api/v1/rating-periods/{period}/replies");
    app.post(&reply, Some(&w.committee), json!({ "text": "" })).expect_problem(403, "forbidden");
    assert_eq!((app.count("ratings"), app.count("rating_replies")), (1, 0));

    let complaints = format!("/api/v1/communities/{}/complaints", w.community);
    app.get(&format!("{complaints}?status=lost"), Some(&eve)).expect_problem(403, "forbidden");
    app.get(&format!("{complaints}?status=lost"), Some(&w.committee)).expect_problem(422, "validation_failed");
    let figures = format!("/api/v1/communities/{}/complaint-figures?from=someday", w.community);
    app.get(&figures, Some(&rater)).expect_problem(403, "forbidden");
    app.get(&figures, Some(&w.committee)).expect_problem(422, "validation_failed");
    let company_figures = format!("/api/v1/property-companies/{anju}/complaint-figures?to=someday");
    app.get(&company_figures, Some(&w.committee)).expect_problem(403, "forbidden");
    app.get(&company_figures, Some(&w.admin)).expect_problem(422, "validation_failed");
}

backend_tests!(one_rating_per_dwelling_exact_results_and_lists, the_right_is_checked_before_the_input);
