//! The demo community (`diandan demo`): a district, a community (3 buildings × 2 units × 6
//! floors × 2 rooms) with its roster, and staff accounts, so a newcomer can try the API at
//! once. An operator's command: no caller. Running it again finds what it made.

use crate::roster::file::{apply, parse};
use crate::Error;
use diandan_auth::password;
use diandan_domain::roles::Role;
use diandan_domain::roster::Encoding;
use diandan_domain::time;
use diandan_store::communities::{self, CommunityRow, DistrictRow};
use diandan_store::roles::GrantRow;
use diandan_store::{audit, clock, roles, users, Db};
use serde_json::json;

pub const DISTRICT: &str = "示范街道";
pub const COMMUNITY: &str = "幸福里小区";
pub const DEMO_PASSWORD: &str = "demo-password-2026";

/// The demo roster: 72 dwellings; owner K-1-1-101 holds two flats; 3-2-601/602 are unsold
/// (developer-held); phones follow 1380000xxxx so that `dev:` phone codes can auto-approve.
pub fn roster_csv() -> String {
    let mut s = String::from("楼栋,单元,房号,楼层,面积,业主编号,业主姓名,电话,开发商持有\n");
    let mut n = 0;
    for b in 1..=3 {
        for u in 1..=2 {
            for f in 1..=6 {
                for r in 1..=2 {
                    n += 1;
                    let room = format!("{f}0{r}");
                    let area = if r == 1 { "56.30" } else { "72.45" };
                    let developer = b == 3 && u == 2 && f == 6;
                    let owner =
                        if b == 1 && u == 1 && f == 1 { "K-1-1-101".to_string() } else { format!("K-{b}-{u}-{room}") };
                    let (owner, name, phone) = if developer {
                        (String::new(), String::new(), String::new())
                    } else {
                        (owner, format!("业主{n:02}"), format!("138000{n:05}"))
                    };
                    s.push_str(&format!(
                        "{b}号楼,{u}单元,{room},{f},{area},{owner},{name},{phone},{}\n",
                        if developer { "是" } else { "否" }
                    ));
                }
            }
        }
    }
    s
}

/// Creates the demo district, community, roster and staff accounts (password
/// [`DEMO_PASSWORD`]) unless they exist; answers the community's id.
pub fn create_demo(db: &Db) -> Result<String, Error> {
    let csv = roster_csv();
    let rows = parse(csv.as_bytes(), Encoding::Utf8, None)?;
    let hash = password::hash(DEMO_PASSWORD);
    db.write(|c| {
        let existing = communities::districts(c, None)?.into_iter().find(|d| d.name == DISTRICT);
        if let Some(d) = existing {
            let visible = communities::Visible { all: false, districts: vec![d.id.clone()], communities: vec![] };
            let comm = communities::list(c, &visible, None, 100, 0)?.into_iter().find(|x| x.name == COMMUNITY);
            return comm.map(|x| x.id).ok_or_else(|| Error::internal("demo district without its community"));
        }
        let now = time::to_db(clock::now());
        let district = DistrictRow { id: clock::new_id(), name: DISTRICT.into(), created_at: now };
        communities::insert_district(c, &district)?;
        let comm = CommunityRow {
            id: clock::new_id(),
            district_id: district.id.clone(),
            name: COMMUNITY.into(),
            address: "示范路1号".into(),
            year_built: Some(1992),
            created_at: now,
        };
        communities::insert(c, &comm)?;
        audit::append(
            c,
            audit::Event {
                actor_id: None,
                action: "demo.create",
                object_type: "community",
                object_id: &comm.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({}),
            },
        )?;
        apply(c, &comm.id, None, csv.as_bytes(), &rows, &mut |_| {})?;
        for (username, name, role) in [
            ("committee", "居委会 王主任", Role::Committee),
            ("designer", "设计院 李工", Role::Designer),
            ("property", "物业 赵经理", Role::Property),
        ] {
            let user = match users::by_username(c, username)? {
                Some(u) => u,
                None => users::insert_staff(c, username, &hash, name)?,
            };
            let grant = GrantRow {
                id: clock::new_id(),
                user_id: user.id.clone(),
                role,
                district_id: None,
                community_id: Some(comm.id.clone()),
                granted_by: None,
                granted_at: now,
                revoked_by: None,
                revoked_at: None,
                company_id: None,
            };
            roles::insert(c, &grant)?;
            audit::append(
                c,
                audit::Event {
                    actor_id: None,
                    action: "role.grant",
                    object_type: "role_grant",
                    object_id: &grant.id,
                    community_id: Some(&comm.id),
                    district_id: None,
                    detail: json!({ "user_id": user.id, "role": grant.role }),
                },
            )?;
        }
        Ok::<_, Error>(comm.id)
    })
}
