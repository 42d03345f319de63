//! `diandan demo`: a demo district, community (3 buildings × 2 units × 6 floors × 2 rooms),
//! and staff accounts, so a newcomer can try the API at once.

use crate::cli::{anyhow_lite, bootstrap_admin, open_db};
use crate::config::Config;
use diandan_app::demo::{create_demo, COMMUNITY, DEMO_PASSWORD};

pub fn run(cfg: &Config) -> anyhow_lite::Result<()> {
    let db = open_db(cfg)?;
    if let Some(pw) = bootstrap_admin(&db, cfg).map_err(|e| anyhow_lite::msg(e.detail))? {
        println!("created admin '{}' with password {pw} (shown once)", cfg.admin_user);
    }
    let community_id = create_demo(&db).map_err(|e| anyhow_lite::msg(e.detail))?;
    println!("demo community {COMMUNITY}: {community_id}");
    println!("staff accounts (password {DEMO_PASSWORD}): committee, designer, property");
    println!("residents: start the server with DIANDAN_DEV_LOGIN=1 and log in with code dev:<any name>;");
    println!("  bind phone code dev:13800000001 to auto-approve as owner of 1号楼 1单元 101");
    Ok(())
}
