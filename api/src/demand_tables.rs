//! Demand lists as tables for CSV and XLSX: the ranked list, the per-building/unit breakdown,
//! the comments; and the district's sums.

use crate::tables::{Cell, Table};
use diandan_app::consultations::tally::WeightView;
use diandan_app::demand::district::DistrictDemand;
use diandan_app::demand::list::DemandList;

fn dec(s: &str) -> Cell {
    Cell::Decimal(Some(s.to_owned()))
}

fn opt(s: &Option<String>) -> Cell {
    Cell::Decimal(s.clone())
}

fn weights(v: &[&WeightView]) -> Vec<Cell> {
    v.iter().flat_map(|w| [Cell::Int(w.headcount), dec(&w.area)]).collect()
}

/// Column headers of the ranked list; the CSV export is this table.
pub const LIST_HEADER: [&str; 35] = [
    "排名",
    "编码",
    "项目",
    "类别",
    "范围",
    "表决规则",
    "规则调整理由",
    "估算费用(元)",
    "居民分担(%)",
    "结果",
    "通过范围数",
    "范围数",
    "未通过原因",
    "委员会决定",
    "决定理由",
    "支持户数",
    "支持面积(㎡)",
    "反对户数",
    "反对面积(㎡)",
    "弃权户数",
    "弃权面积(㎡)",
    "参与户数",
    "参与面积(㎡)",
    "应表决户数",
    "应表决面积(㎡)",
    "参与率-面积(%)",
    "参与率-户数(%)",
    "支持率-面积(%)",
    "支持率-户数(%)",
    "优先得分",
    "排序人数",
    "首选人数",
    "愿意出资户数",
    "未办结投诉",
    "已办结投诉",
];

pub fn community_tables(l: &DemandList) -> Vec<Table> {
    let list = l
        .items
        .iter()
        .map(|i| {
            let mut r: Vec<Cell> = vec![
                Cell::Int(i.rank.into()),
                i.code.as_str().into(),
                i.name.as_str().into(),
                i.category.as_str().into(),
                i.scope.as_str().into(),
                i.rule.as_str().into(),
                i.rule_reason.clone().into(),
                opt(&i.estimated_cost),
                opt(&i.resident_share_percent),
                i.outcome.as_str().into(),
                Cell::Int(i.passed_instances),
                Cell::Int(i.instances),
                i.reasons.join(" ").into(),
                i.decision.clone().into(),
                i.decision_reason.clone().into(),
            ];
            r.extend(weights(&[&i.support, &i.oppose, &i.abstain, &i.participating, &i.total]));
            r.extend([
                opt(&i.participation_area_percent),
                opt(&i.participation_headcount_percent),
                opt(&i.support_area_percent),
                opt(&i.support_headcount_percent),
                Cell::Int(i.priority.score),
                i.priority.ranked_by.into(),
                i.priority.first_choice.into(),
                i.copay.willing.into(),
                Cell::Int(i.complaints.open),
                Cell::Int(i.complaints.closed),
            ]);
            r
        })
        .collect();
    let breakdown = l
        .items
        .iter()
        .flat_map(|i| {
            i.breakdown.iter().map(move |b| {
                let mut r: Vec<Cell> = vec![
                    Cell::Int(i.rank.into()),
                    i.code.as_str().into(),
                    i.name.as_str().into(),
                    b.label.as_str().into(),
                ];
                r.extend(weights(&[&b.support, &b.oppose, &b.abstain, &b.participating, &b.total]));
                r.extend([
                    Cell::Text(if b.quorum { "是" } else { "否" }.into()),
                    Cell::Text(
                        match b.passed {
                            Some(true) => "通过",
                            Some(false) => "未通过",
                            None => "征求意见",
                        }
                        .into(),
                    ),
                    b.reasons.join(" ").into(),
                ]);
                r
            })
        })
        .collect();
    // Items split by floor: each unit's cost, its payers' consent and what each floor pays.
    let shares: Vec<Vec<Cell>> = l
        .items
        .iter()
        .flat_map(|i| {
            i.breakdown.iter().filter_map(move |b| b.cost_share.as_ref().map(|cs| (i, b, cs))).flat_map(|(i, b, cs)| {
                cs.split.iter().map(move |f| {
                    vec![
                        Cell::Int(i.rank.into()),
                        i.code.as_str().into(),
                        i.name.as_str().into(),
                        b.label.as_str().into(),
                        dec(&cs.unit_cost),
                        dec(&cs.subsidy),
                        dec(&cs.owners_cost),
                        Cell::Int(cs.payers.total.headcount),
                        Cell::Int(cs.payers.support.headcount),
                        opt(&cs.payers_consent_area_percent),
                        opt(&cs.payers_consent_headcount_percent),
                        Cell::Int(f.floor.into()),
                        dec(&f.coefficient),
                        Cell::Int(f.dwellings),
                        dec(&f.area),
                        dec(&f.share),
                    ]
                })
            })
        })
        .collect();
    let comments = l
        .comments
        .iter()
        .enumerate()
        .map(|(n, c)| vec![Cell::Int(n as i64 + 1), c.text.as_str().into(), c.ranked_items.join(" ").into()])
        .collect();
    let mut tables = vec![
        Table { name: "需求清单", header: LIST_HEADER.to_vec(), rows: list },
        Table {
            name: "分楼栋单元明细",
            header: vec![
                "排名",
                "编码",
                "项目",
                "楼栋/单元",
                "支持户数",
                "支持面积(㎡)",
                "反对户数",
                "反对面积(㎡)",
                "弃权户数",
                "弃权面积(㎡)",
                "参与户数",
                "参与面积(㎡)",
                "应表决户数",
                "应表决面积(㎡)",
                "达到法定参与",
                "结果",
                "未通过原因",
            ],
            rows: breakdown,
        },
        Table { name: "居民意见", header: vec!["序号", "意见", "排序的项目"], rows: comments },
    ];
    if !shares.is_empty() {
        tables.push(Table {
            name: "阶梯出资",
            header: vec![
                "排名",
                "编码",
                "项目",
                "单元",
                "每单元造价(元)",
                "补贴(元)",
                "业主分摊(元)",
                "出资业主户数",
                "同意的出资业主户数",
                "出资业主同意率-面积(%)",
                "出资业主同意率-户数(%)",
                "楼层",
                "系数",
                "户数",
                "面积(㎡)",
                "该层合计出资(元)",
            ],
            rows: shares,
        });
    }
    tables
}

pub fn district_tables(d: &DistrictDemand) -> Vec<Table> {
    let rows = d
        .items
        .iter()
        .map(|i| {
            let mut r: Vec<Cell> = vec![
                i.code.as_str().into(),
                i.name.as_str().into(),
                i.category.as_str().into(),
                i.communities.into(),
                i.communities_passed.into(),
                i.communities_approved.into(),
            ];
            r.extend(weights(&[&i.support, &i.oppose, &i.abstain, &i.participating, &i.total]));
            r.extend([
                opt(&i.support_area_percent),
                opt(&i.support_headcount_percent),
                Cell::Int(i.priority_score),
                Cell::Int(i.copay_willing),
                Cell::Int(i.complaints.open),
                Cell::Int(i.complaints.closed),
            ]);
            r
        })
        .collect();
    vec![Table {
        name: "街道需求汇总",
        header: vec![
            "编码",
            "项目",
            "类别",
            "小区数",
            "通过小区数",
            "批准小区数",
            "支持户数",
            "支持面积(㎡)",
            "反对户数",
            "反对面积(㎡)",
            "弃权户数",
            "弃权面积(㎡)",
            "参与户数",
            "参与面积(㎡)",
            "应表决户数",
            "应表决面积(㎡)",
            "支持率-面积(%)",
            "支持率-户数(%)",
            "优先得分",
            "愿意出资户数",
            "未办结投诉",
            "已办结投诉",
        ],
        rows,
    }]
}
