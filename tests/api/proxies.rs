//! 委托投票: owners authorise a proxy (photos of the signed form, or the paper form entered by the
//! committee), a second committee member confirms, the proxy casts for them — at most the
//! configured number of owners per proxy — and the ballot, the turnout, the voters list and the
//! bulletin show the channel; the owner's own later ballot supersedes the proxy's. Exact figures,
//! and each refusal with its own code and nothing stored.

use crate::fixtures::world_of;
use diandan_testkit::{backend_tests, Backend, TestApp};
use serde_json::{json, Value};

fn now_plus(secs: i64) -> String {
    diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(secs))
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

fn proxies_vote_for_owners_with_four_eyes(b: Backend) {
    // A proxy holds at most two owners here (the default is three).
    let Some(w) = world_of(match TestApp::builder(b).config(|c| c.proxy_limit = 2).start() {
        Some(app) => app,
        None => return,
    }) else {
        return;
    };
    let app = &w.app;
    let second = w.staff("committee-a2", "committee", &w.community.clone());
    // 张三 (K101: 101 and 102, 116.30 m²) votes from the mini-program; 李四 (K201, 88.05 m²)
    // has no smartphone; 王五 (K301, 70.00 m²) is bound, without a verified phone.
    let (zhang, _) = w.owner_by_phone("zhang", "13800000001", "1号楼", "1单元", "101");
    let (wang, _) = w.verified("wang", &w.dwelling("2号楼", "1单元", "101"), "owner", &w.committee);
    // 张小明 is 张三's son and takes his neighbour 李四's vote too; 赵六 lives in 2号楼.
    let (xiaoming, _) = app.resident("xiaoming");
    app.verify_phone(&xiaoming, "13900000009");
    let (zhao, _) = w.verified("zhao", &w.dwelling("2号楼", "1单元", "101"), "occupant", &w.committee);
    app.verify_phone(&zhao, "13900000008");

    let c = app.post(
        &format!("/api/v1/communities/{}/consultations", w.community),
        Some(&w.committee),
        json!({ "title": "加装电梯与管网", "description": "征询", "announce_days": 0, "objection_days": 0,
                "opens_at": now_plus(5), "closes_at": now_plus(3600) }),
    );
    let cid = id(c.expect(201));
    let base = format!("/api/v1/consultations/{cid}");
    let mut items = std::collections::HashMap::new();
    for code in ["water_supply", "elevator"] {
        let r = app.post(
            &format!("{base}/items"),
            Some(&w.committee),
            json!({ "code": code, "estimated_cost": "1250000.00", "resident_share_percent": "30" }),
        );
        items.insert(code, id(r.expect(201)));
    }
    let choices = |pairs: &[(&str, &str)]| -> Value {
        let mut m = serde_json::Map::new();
        for (code, choice) in pairs {
            m.insert(items[code].clone(), json!({ "choice": choice }));
        }
        Value::Object(m)
    };

    // Drafts take no authorisations.
    let form = app.upload(Some(&zhang), "委托书.jpg", &diandan_testkit::photos::phone_photo(32, 24));
    let photo = id(form.expect(201));
    let zhang_proxy =
        json!({ "proxy_name": "张小明", "proxy_phone": "139-0000-0009", "kind": "family", "photos": [photo] });
    app.post(&format!("{base}/proxies"), Some(&zhang), zhang_proxy.clone()).expect_problem(409, "proxies_closed");
    app.post(&format!("{base}/announce"), Some(&w.committee), json!({})).expect(200);

    // 张三 authorises his son during the announcement, with a photo of the signed form.
    let given = app.post(&format!("{base}/proxies"), Some(&zhang), zhang_proxy.clone());
    let given = given.expect(201).clone();
    assert_eq!(
        (&given["status"], &given["dwelling"], &given["proxy_phone"], &given["owner_key"]),
        (&json!("pending"), &json!("1号楼 1单元 101"), &json!("13900000009"), &json!("K101"))
    );
    assert_eq!(given["photos"].as_array().unwrap().len(), 1);
    let zhang_pid = id(&given);
    // One standing authorisation per owner.
    let again = json!({ "proxy_name": "张小红", "proxy_phone": "13900000007", "kind": "family", "paper_ref": "A-1" });
    app.post(&format!("{base}/proxies"), Some(&zhang), again).expect_problem(409, "proxy_exists");
    // An owner does not authorise themselves; nor without the signed form.
    let d201 = w.dwelling("1号楼", "2单元", "201");
    let own = json!({ "dwelling_id": d201, "proxy_name": "李四", "proxy_phone": "13800000002", "kind": "family", "paper_ref": "A-2" });
    let r = app.post(&format!("{base}/proxies"), Some(&w.committee), own);
    assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "proxy_phone");
    let bare = json!({ "dwelling_id": d201, "proxy_name": "张小明", "proxy_phone": "13900000009", "kind": "family" });
    let r = app.post(&format!("{base}/proxies"), Some(&w.committee), bare);
    assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "photos");
    // 李四 brought the paper form to the office: a committee member enters it.
    let paper = json!({ "dwelling_id": d201, "proxy_name": "张小明", "proxy_phone": "13900000009", "kind": "family", "paper_ref": "委托书-003" });
    let li = app.post(&format!("{base}/proxies"), Some(&w.committee), paper);
    let li_pid = id(li.expect(201));
    // A third owner for the same proxy is over the limit of two; nothing is stored.
    let third = json!({ "proxy_name": "张小明", "proxy_phone": "13900000009", "kind": "family", "paper_ref": "A-3" });
    app.post(&format!("{base}/proxies"), Some(&wang), third).expect_problem(409, "proxy_limit_reached");
    assert_eq!(app.count("proxies"), 2);

    // Four eyes: the member who entered 李四's form does not confirm it.
    app.post(&format!("/api/v1/proxies/{li_pid}/confirm"), Some(&w.committee), json!({}))
        .expect_problem(403, "same_member");
    app.post(&format!("/api/v1/proxies/{li_pid}/confirm"), Some(&second), json!({})).expect(200);
    let ok = app.post(&format!("/api/v1/proxies/{zhang_pid}/confirm"), Some(&w.committee), json!({}));
    assert_eq!(ok.expect(200)["status"], "confirmed");
    app.post(&format!("/api/v1/proxies/{zhang_pid}/confirm"), Some(&second), json!({}))
        .expect_problem(409, "proxy_not_pending");
    // 王五 names 赵六, a neighbour; the committee finds the signature wanting.
    let zhao_form =
        json!({ "proxy_name": "赵六", "proxy_phone": "13900000008", "kind": "resident", "paper_ref": "委托书-004" });
    let wang_pid = id(app.post(&format!("{base}/proxies"), Some(&wang), zhao_form).expect(201));
    let rejected =
        app.post(&format!("/api/v1/proxies/{wang_pid}/reject"), Some(&second), json!({ "reason": "签名与登记不符" }));
    assert_eq!(
        (&rejected.expect(200)["status"], &rejected.body["reason"]),
        (&json!("rejected"), &json!("签名与登记不符"))
    );

    // The proxy casts once voting is open, for each owner under their authorisation.
    let cast = |token: &str, proxy: &str, pairs: &[(&str, &str)]| {
        app.post(&format!("{base}/ballot"), Some(token), json!({ "proxy_id": proxy, "choices": choices(pairs) }))
    };
    cast(&xiaoming, &zhang_pid, &[("water_supply", "support")]).expect_problem(409, "voting_not_open");
    app.post(&format!("{base}/open"), Some(&w.committee), json!({})).expect(200);
    let r = cast(&xiaoming, &zhang_pid, &[("water_supply", "support"), ("elevator", "oppose")]);
    assert_eq!(r.expect(201)["counted"], true);
    cast(&xiaoming, &li_pid, &[("water_supply", "support"), ("elevator", "support")]).expect(201);
    // Nobody else casts under them; a rejected authorisation carries no vote.
    cast(&wang, &zhang_pid, &[("water_supply", "oppose")]).expect_problem(403, "not_the_proxy");
    cast(&zhao, &wang_pid, &[("water_supply", "oppose")]).expect_problem(409, "proxy_not_confirmed");
    let both = json!({ "proxy_id": zhang_pid, "dwelling_id": d201, "choices": choices(&[("water_supply", "oppose")]) });
    app.post(&format!("{base}/ballot"), Some(&xiaoming), both).expect_problem(422, "validation_failed");

    // Summed over the item's scope instances (the elevator is voted per unit).
    let cells = |item: &str| -> (i64, i64, i64, i64) {
        let cells = app.db.read(|c| Ok::<_, diandan_app::Error>(diandan_store::ballots::cells(c, &cid)?)).unwrap();
        cells.iter().filter(|c| c.item_id == items[item]).fold((0, 0, 0, 0), |a, c| {
            (a.0 + c.support_heads, a.1 + c.support_area, a.2 + c.oppose_heads, a.3 + c.oppose_area)
        })
    };
    assert_eq!(cells("water_supply"), (2, 11630 + 8805, 0, 0));
    assert_eq!(cells("elevator"), (1, 8805, 1, 11630));
    let turnout = app.get(&format!("{base}/participation"), Some(&w.committee));
    let turnout = turnout.expect(200).clone();
    assert_eq!(turnout["community"]["voted"], json!({ "area": "204.35", "headcount": 2 }));
    assert_eq!(turnout["channels"], json!([{ "channel": "proxy", "owners": 2, "area": "204.35" }]));
    let voters = app.get(&format!("{base}/voters"), Some(&w.committee));
    let channel_of = |voters: &Value, key: &str| {
        voters.as_array().unwrap().iter().find(|v| v["owner_key"] == key).unwrap()["channel"].clone()
    };
    assert_eq!(channel_of(voters.expect(200), "K101"), json!("proxy"));
    assert_eq!(channel_of(&voters.body, "K301"), Value::Null);
    app.seal();
    let bulletin = app.get(&format!("{base}/bulletin"), Some(&zhang));
    let channels: Vec<&str> = bulletin
        .expect(200)
        .as_array()
        .unwrap_or_else(|| panic!("{}", bulletin.body))
        .iter()
        .map(|e| e["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, vec!["proxy", "proxy"]);
    // 张三's ballot history names who cast it.
    let mine = app.get(&format!("{base}/ballot"), Some(&zhang));
    let v = &mine.expect(200)["versions"][0];
    assert_eq!((&v["channel"], &v["status"]), (&json!("proxy"), &json!("counted")));

    // Revoking after the proxy voted does not take the ballot back; 张三 votes himself instead.
    app.post(&format!("/api/v1/proxies/{zhang_pid}/revoke"), Some(&zhang), json!({}))
        .expect_problem(409, "proxy_has_voted");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let own =
        app.post(&format!("{base}/ballot"), Some(&zhang), json!({ "choices": choices(&[("water_supply", "oppose")]) }));
    assert_eq!(own.expect(201)["counted"], true);
    assert_eq!(cells("water_supply"), (1, 8805, 1, 11630));
    assert_eq!(cells("elevator"), (1, 8805, 0, 0));
    let turnout = app.get(&format!("{base}/participation"), Some(&w.committee));
    assert_eq!(
        turnout.expect(200)["channels"],
        json!([{ "channel": "online", "owners": 1, "area": "116.30" }, { "channel": "proxy", "owners": 1, "area": "88.05" }])
    );
    // From then on the proxy no longer casts for him.
    cast(&xiaoming, &zhang_pid, &[("water_supply", "support")]).expect_problem(409, "owner_voted_in_person");
    assert_eq!(cells("water_supply"), (1, 8805, 1, 11630));

    // 王五 authorises again, then thinks better of it before anyone voted.
    let again =
        json!({ "proxy_name": "赵六", "proxy_phone": "13900000008", "kind": "resident", "paper_ref": "委托书-005" });
    let wang2 = id(app.post(&format!("{base}/proxies"), Some(&wang), again).expect(201));
    app.post(&format!("/api/v1/proxies/{wang2}/revoke"), Some(&zhang), json!({})).expect_problem(403, "forbidden");
    let revoked = app.post(&format!("/api/v1/proxies/{wang2}/revoke"), Some(&wang), json!({}));
    assert_eq!(revoked.expect(200)["status"], "revoked");
    app.post(&format!("/api/v1/proxies/{wang2}/revoke"), Some(&wang), json!({}))
        .expect_problem(409, "proxy_not_standing");

    // Who sees what: the proxy the owners they hold, the owner what they gave, the committee all.
    let held = app.get("/api/v1/me/proxies", Some(&xiaoming));
    let held: Vec<(String, bool)> = held.expect(200)["held"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["owner_key"].as_str().unwrap().to_string(), p["voted"].as_bool().unwrap()))
        .collect();
    assert_eq!(held, vec![("K201".to_string(), true), ("K101".to_string(), true)]);
    let given = app.get("/api/v1/me/proxies", Some(&zhang));
    assert_eq!(given.expect(200)["given"].as_array().unwrap().len(), 1);
    // And each finds them in their data export.
    let export = app.get("/api/v1/me/export", Some(&xiaoming));
    let roles: Vec<(&str, &str)> = export.expect(200)["proxies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["as"].as_str().unwrap(), p["dwelling"].as_str().unwrap()))
        .collect();
    assert_eq!(roles, vec![("proxy", "1号楼 2单元 201"), ("proxy", "1号楼 1单元 101")]);
    let export = app.get("/api/v1/me/export", Some(&zhang));
    assert_eq!(export.expect(200)["proxies"][0]["as"], "owner");
    let all = app.get(&format!("{base}/proxies?status=pending"), Some(&w.committee));
    assert_eq!(all.expect(200).as_array().unwrap().len(), 0);
    let all = app.get(&format!("{base}/proxies"), Some(&w.committee));
    let statuses: Vec<&str> =
        all.expect(200).as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, vec!["confirmed", "confirmed", "rejected", "revoked"]);
    app.get(&format!("{base}/proxies"), Some(&zhang)).expect_problem(403, "forbidden");
    app.get(&format!("{base}/proxies?status=maybe"), Some(&w.committee)).expect_problem(422, "validation_failed");

    // Every step is in the audit log; the proxy's ballots say so.
    for (action, n) in [("proxy.authorise", 4), ("proxy.confirm", 2), ("proxy.reject", 1), ("proxy.revoke", 1)] {
        assert_eq!(app.count(&format!("audit_log WHERE action = '{action}'")), n, "{action}");
    }
    assert_eq!(app.count("audit_log WHERE action = 'ballot.cast' AND detail LIKE '%\"channel\":\"proxy\"%'"), 2);
    assert_eq!(app.count("ballot_versions WHERE channel = 'proxy' AND proxy_id IS NOT NULL"), 2);
    // Closing the vote closes the authorisations.
    app.exec(&format!("UPDATE consultations SET closes_at = '2000-01-01 00:00:00' WHERE id = '{cid}'"));
    app.post(&format!("{base}/close"), Some(&w.committee), json!({})).expect(200);
    let late =
        json!({ "proxy_name": "赵六", "proxy_phone": "13900000008", "kind": "resident", "paper_ref": "委托书-006" });
    app.post(&format!("{base}/proxies"), Some(&wang), late).expect_problem(409, "proxies_closed");
}

backend_tests!(proxies_vote_for_owners_with_four_eyes);
