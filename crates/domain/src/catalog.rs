//! The default renovation menu (after 国办发〔2020〕23号), shipped as data. Codes are stable:
//! ballots, demand lists and district summaries refer to them.
//!
//! Default rules follow DESIGN.md: repairs and upgrades of existing networks and parts →
//! majority; additions that renovate buildings or facilities, or raise maintenance funds →
//! supermajority; changes of use of common parts → supermajority; services run by others →
//! consultative.

use crate::electorate::ScopeKind;
use crate::tally::Rule;

crate::wire_enum! {
    pub enum Category {
        /// 基础类
        Basic = "basic",
        /// 完善类
        Improvement = "improvement",
        /// 提升类
        Enhancement = "enhancement",
    }
}

impl Category {
    /// "先民生、后提升": basic before improvement before enhancement.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    pub code: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub scope: ScopeKind,
    pub rule: Rule,
}

const fn entry(
    code: &'static str,
    name: &'static str,
    category: Category,
    scope: ScopeKind,
    rule: Rule,
) -> CatalogEntry {
    CatalogEntry { code, name, category, scope, rule }
}

use Category::*;
use Rule::*;
use ScopeKind::*;

pub const DEFAULT_CATALOG: &[CatalogEntry] = &[
    entry("water_supply", "供水设施改造", Basic, Community, Majority),
    entry("drainage", "排水设施改造", Basic, Community, Majority),
    entry("power_supply", "供电设施改造", Basic, Community, Majority),
    entry("telecom_lines", "弱电及通信线路改造", Basic, Community, Majority),
    entry("roads", "小区道路修缮", Basic, Community, Majority),
    entry("gas", "燃气管道改造", Basic, Community, Majority),
    entry("heating", "供热设施改造", Basic, Community, Majority),
    entry("fire_safety", "消防设施改造", Basic, Community, Majority),
    entry("security", "安防设施改造", Basic, Community, Majority),
    entry("waste_sorting", "生活垃圾分类设施", Basic, Community, Majority),
    entry("mobile_network", "移动通信设施", Basic, Community, Majority),
    entry("fibre", "光纤入户", Basic, Community, Majority),
    entry("overhead_cables", "架空线规整（入地）", Basic, Community, Majority),
    entry("roof_repair", "屋面修缮", Basic, Building, Majority),
    entry("exterior_wall", "外墙修缮", Basic, Building, Majority),
    entry("stairwell", "楼梯间修缮", Basic, Building, Majority),
    entry("illegal_structures", "拆除违法建设", Improvement, Community, Majority),
    entry("greening", "绿化提升", Improvement, Community, Majority),
    entry("lighting", "照明设施", Improvement, Community, Majority),
    entry("barrier_free", "适老化及无障碍设施", Improvement, Community, Majority),
    entry("parking", "停车设施（含利用绿地）", Improvement, Community, Supermajority),
    entry("ev_charging", "电动汽车充电设施", Improvement, Community, Majority),
    entry("ebike_charging", "电动自行车充电设施", Improvement, Community, Majority),
    entry("parcel_lockers", "智能快件箱", Improvement, Community, Majority),
    entry("fitness", "文化健身设施", Improvement, Community, Supermajority),
    entry("property_rooms", "物业管理用房", Improvement, Community, Supermajority),
    // Art. 278(4): an item with the candidate companies (选聘物业 among candidates).
    entry("property_company", "选聘物业服务企业", Improvement, Community, Majority),
    entry("energy_retrofit", "建筑节能改造", Improvement, Building, Supermajority),
    entry("elevator", "加装电梯", Improvement, Unit, Supermajority),
    entry("service_centre", "社区综合服务设施", Enhancement, Community, Consultative),
    entry("clinic", "卫生服务站", Enhancement, Community, Consultative),
    entry("kindergarten", "幼儿园", Enhancement, Community, Consultative),
    entry("elderly_care", "养老服务设施", Enhancement, Community, Consultative),
    entry("childcare", "托育服务设施", Enhancement, Community, Consultative),
    entry("canteen", "社区食堂（助餐点）", Enhancement, Community, Consultative),
    entry("housekeeping", "家政保洁服务", Enhancement, Community, Consultative),
    entry("market", "便民市场", Enhancement, Community, Consultative),
    entry("convenience_store", "便利店", Enhancement, Community, Consultative),
    entry("parcel_station", "邮政快递末端综合服务站", Enhancement, Community, Consultative),
    entry("smart_sensing", "智能感知设施", Enhancement, Community, Consultative),
];

pub fn find(code: &str) -> Option<&'static CatalogEntry> {
    DEFAULT_CATALOG.iter().find(|e| e.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_elevators_are_unit_supermajority() {
        let mut codes: Vec<&str> = DEFAULT_CATALOG.iter().map(|e| e.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), DEFAULT_CATALOG.len());
        let e = find("elevator").unwrap();
        assert_eq!((e.scope, e.rule, e.category), (ScopeKind::Unit, Rule::Supermajority, Category::Improvement));
        assert_eq!(find("canteen").unwrap().rule, Rule::Consultative);
        assert_eq!(find("water_supply").unwrap().rule, Rule::Majority);
        assert_eq!(DEFAULT_CATALOG.iter().filter(|e| e.category == Category::Basic).count(), 16);
    }
}
