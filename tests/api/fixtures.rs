//! A small world: a district with two communities, a roster in the first, a committee member
//! in each, and the admin's token.

use diandan_testkit::{Backend, TestApp};
use serde_json::json;

pub const ROSTER: &str = "楼栋,单元,房号,楼层,面积,业主编号,业主姓名,电话,开发商持有\n\
1号楼,1单元,101,1,56.30,K101,张三,13800000001,否\n\
1号楼,1单元,102,1,60.00,K101,张三,13800000001,否\n\
1号楼,2单元,201,2,88.05,K201,李四,13800000002,否\n\
2号楼,1单元,101,1,70.00,K301,王五,,否\n\
2号楼,1单元,102,1,70.00,,,,是\n";

pub const STAFF_PASSWORD: &str = "staff-password-1";

pub struct World {
    pub app: TestApp,
    pub admin: String,
    pub district: String,
    pub community: String,
    pub other_community: String,
    /// Token of the committee member of `community`.
    pub committee: String,
    /// Token of the committee member of `other_community`.
    pub other_committee: String,
}

impl World {
    fn staff_user(&self, username: &str) -> String {
        let u = self.app.post(
            "/api/v1/users",
            Some(&self.admin),
            json!({ "username": username, "password": STAFF_PASSWORD, "display_name": username }),
        );
        u.expect(201)["id"].as_str().unwrap().to_string()
    }

    /// A staff account holding a community role (committee or designer).
    pub fn staff(&self, username: &str, role: &str, community: &str) -> String {
        let uid = self.staff_user(username);
        self.app
            .post(
                "/api/v1/role-grants",
                Some(&self.admin),
                json!({ "user_id": uid, "role": role, "community_id": community }),
            )
            .expect(201);
        self.app.login(username, STAFF_PASSWORD)
    }

    /// A property company of the district serving `community` from yesterday on.
    pub fn company(&self, name: &str, community: &str) -> String {
        let id = self
            .app
            .post(
                "/api/v1/property-companies",
                Some(&self.admin),
                json!({ "district_id": self.district, "name": name }),
            )
            .expect(201)["id"]
            .as_str()
            .unwrap()
            .to_string();
        let yesterday = diandan_domain::time::china_day(chrono::Utc::now() - chrono::Duration::days(1));
        self.app
            .post(
                &format!("/api/v1/communities/{community}/property-contracts"),
                Some(&self.admin),
                json!({ "company_id": id, "starts_on": yesterday }),
            )
            .expect(201);
        id
    }

    /// A staff account of a property company.
    pub fn property_staff(&self, username: &str, company: &str) -> String {
        let uid = self.staff_user(username);
        self.app
            .post(
                "/api/v1/role-grants",
                Some(&self.admin),
                json!({ "user_id": uid, "role": "property", "company_id": company }),
            )
            .expect(201);
        self.app.login(username, STAFF_PASSWORD)
    }

    /// A resident verified (by the committee of `community`) as `relation` of a dwelling;
    /// returns (token, user id).
    pub fn verified(&self, name: &str, dwelling: &str, relation: &str, committee: &str) -> (String, String) {
        let (token, uid) = self.app.resident(name);
        let b =
            self.app.post("/api/v1/bindings", Some(&token), json!({ "dwelling_id": dwelling, "relation": relation }));
        let bid = b.expect(201)["id"].as_str().unwrap().to_string();
        self.app.post(&format!("/api/v1/bindings/{bid}/approve"), Some(committee), json!({})).expect(200);
        (token, uid)
    }

    /// A resident whose WeChat-verified phone matches the roster's, bound as owner of the dwelling
    /// (approved at once, by the phone); returns (token, user id).
    pub fn owner_by_phone(&self, name: &str, phone: &str, building: &str, unit: &str, room: &str) -> (String, String) {
        let (token, uid) = self.app.resident(name);
        self.app.verify_phone(&token, phone);
        let dwelling = self.dwelling(building, unit, room);
        let b =
            self.app.post("/api/v1/bindings", Some(&token), json!({ "dwelling_id": dwelling, "relation": "owner" }));
        assert_eq!(b.expect(201)["status"], "approved", "{name}'s phone is the roster's");
        (token, uid)
    }

    /// Dwelling id by building, unit, room (read as the committee).
    pub fn dwelling(&self, building: &str, unit: &str, room: &str) -> String {
        let r =
            self.app.get(&format!("/api/v1/communities/{}/dwellings?limit=500", self.community), Some(&self.committee));
        r.expect(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["building"] == building && d["unit"] == unit && d["room"] == room)
            .unwrap_or_else(|| panic!("dwelling {building}/{unit}/{room}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

pub fn import(app: &TestApp, token: &str, community: &str, csv: &[u8], content_type: &str) -> diandan_testkit::Resp {
    app.request(
        "POST",
        &format!("/api/v1/communities/{community}/roster"),
        Some(token),
        Some(content_type),
        Some(csv),
        &[],
    )
}

pub fn world(b: Backend) -> Option<World> {
    world_of(TestApp::start(b)?)
}

/// The same world in an app started with other settings.
pub fn world_of(app: TestApp) -> Option<World> {
    let admin = app.admin();
    let district = app.post("/api/v1/districts", Some(&admin), json!({ "name": "测试街道" })).expect(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mk = |name: &str| {
        app.post(
            "/api/v1/communities",
            Some(&admin),
            json!({ "district_id": district, "name": name, "address": "测试路1号", "year_built": 1995 }),
        )
        .expect(201)["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let community = mk("幸福里");
    let other_community = mk("光明里");
    import(&app, &admin, &community, ROSTER.as_bytes(), "text/csv").expect(200);
    let mut w = World {
        app,
        admin,
        district,
        community,
        other_community,
        committee: String::new(),
        other_committee: String::new(),
    };
    w.committee = w.staff("committee-a", "committee", &w.community.clone());
    w.other_committee = w.staff("committee-b", "committee", &w.other_community.clone());
    Some(w)
}
