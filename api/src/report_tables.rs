//! The district report (周报告/月通报) as a table for people: one row per community and the
//! summed row last, as CSV or one XLSX sheet, the figures of `diandan_app::reports` unchanged.

use crate::tables::{Cell, Table};
use diandan_app::reports::{DistrictReport, ReportRow};

fn row(r: &ReportRow) -> Vec<Cell> {
    let t = &r.turnout;
    let c = &r.complaints;
    vec![
        r.name.as_str().into(),
        Cell::Int(r.consultations_opened),
        Cell::Int(r.consultations_closed),
        Cell::Int(t.owners),
        Cell::Int(t.voted_owners),
        Cell::Decimal(t.owners_percent.clone()),
        Cell::Decimal(Some(t.area.clone())),
        Cell::Decimal(Some(t.voted_area.clone())),
        Cell::Decimal(t.area_percent.clone()),
        Cell::Int(r.items_passed),
        Cell::Int(r.instances_passed),
        c.received.into(),
        c.overdue.into(),
        Cell::Decimal(c.on_time_rate.percent.clone()),
        Cell::Decimal(c.satisfaction_rate.percent.clone()),
        r.ratings.rated_dwellings.into(),
        Cell::Decimal(r.ratings.score.clone()),
        r.ratings.grade.clone().into(),
    ]
}

pub fn report_tables(d: &DistrictReport) -> Vec<Table> {
    let mut rows: Vec<Vec<Cell>> = d.communities.iter().map(row).collect();
    rows.push(row(&d.total));
    vec![Table {
        name: "街道报告",
        header: vec![
            "社区",
            "开始征询",
            "结束征询",
            "应参与业主",
            "参与业主",
            "业主参与率(%)",
            "总面积(㎡)",
            "参与面积(㎡)",
            "面积参与率(%)",
            "通过事项",
            "通过范围",
            "收到诉求",
            "逾期诉求",
            "按时办结率(%)",
            "满意率(%)",
            "物业评价户数",
            "物业得分",
            "物业等级",
        ],
        rows,
    }]
}
