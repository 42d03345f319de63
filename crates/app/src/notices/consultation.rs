//! The notices a consultation posts itself: its agenda when announced (the agenda must be public
//! before the vote opens) and its result when published. Written in the step's transaction, so
//! a step that fails posts nothing.

use crate::consultations::views::{candidates_of, plan_of};
use crate::Error;
use chrono::{DateTime, Utc};
use diandan_domain::electorate::ScopeKind;
use diandan_domain::share;
use diandan_domain::tally::Rule;
use diandan_domain::time;
use diandan_store::consultations::{ConsultationRow, ItemRow};
use diandan_store::notices::{self, NoticeRow};
use diandan_store::{clock, AnyConnection};

fn rule_text(r: Rule) -> &'static str {
    match r {
        Rule::Majority => "双过半",
        Rule::Supermajority => "四分之三以上同意",
        Rule::Consultative => "意见征询，不作表决门槛",
    }
}

fn scope_text(s: ScopeKind) -> &'static str {
    match s {
        ScopeKind::Community => "全小区",
        ScopeKind::Building => "按楼栋分别表决",
        ScopeKind::Unit => "按单元分别表决",
    }
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn post(
    conn: &mut AnyConnection,
    c: &ConsultationRow,
    source: &str,
    title: String,
    body: String,
    until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    notices::insert(
        conn,
        &NoticeRow {
            id: clock::new_id(),
            community_id: c.community_id.clone(),
            title: cut(&title, 100),
            body: cut(&body, 5000),
            pinned: true,
            visible_from: time::to_db(now),
            visible_until: until.map(time::to_db),
            source: source.into(),
            consultation_id: Some(c.id.clone()),
            author_id: None,
            created_at: time::to_db(now),
            updated_at: time::to_db(now),
            withdrawn_at: None,
            withdrawn_reason: None,
        },
    )?;
    Ok(())
}

/// The agenda notice (征询公示): what will be voted on, by which rule, and when.
pub fn announced(
    conn: &mut AnyConnection,
    c: &ConsultationRow,
    items: &[ItemRow],
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let mut body = String::from("本小区将就以下事项征求业主意见：\n");
    for (n, i) in items.iter().enumerate() {
        body.push_str(&format!("{}. {}（{}；{}）\n", n + 1, i.name, scope_text(i.scope), rule_text(i.rule)));
        let candidates = candidates_of(i);
        if !candidates.is_empty() {
            let names: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
            body.push_str(&format!(
                "   候选：{}（一名候选的得票按面积和人数均达到上述规则方为选定，否则不作决定）\n",
                names.join("、")
            ));
        }
        if let Some(p) = plan_of(i) {
            let floors: Vec<String> =
                p.coefficients.iter().map(|(f, c)| format!("{}层 {}", f, share::hundredths(*c))).collect();
            body.push_str(&format!(
                "   出资：每单元造价 {} 元，补贴 {} 元，业主分摊 {} 元，按楼层系数×面积分摊（{}；以上楼层同最高一层）。每户应出资额可在小程序查看。\n",
                share::hundredths(p.unit_cost),
                share::hundredths(p.subsidy),
                share::hundredths(p.owners_fen()),
                floors.join("，")
            ));
        }
    }
    if let (Some(o), Some(cl)) = (c.opens_at, c.closes_at) {
        body.push_str(&format!(
            "投票时间：{} 至 {}。\n",
            time::china_minute(time::from_db(o)),
            time::china_minute(time::from_db(cl))
        ));
    }
    body.push_str("请业主在投票期间通过小程序投票，或填写纸质表决票。");
    if !c.description.trim().is_empty() {
        body.push_str("\n\n");
        body.push_str(c.description.trim());
    }
    let until = c.closes_at.map(time::from_db);
    post(conn, c, "consultation_announced", format!("征询公示：{}", c.title), body, until, now)
}

/// The result notice (结果公告): the committee's decision on every item.
pub fn published(
    conn: &mut AnyConnection,
    c: &ConsultationRow,
    items: &[ItemRow],
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let approved = items.iter().filter(|i| i.decision.as_deref() == Some("approved")).count();
    let mut body = format!("本次征询共 {} 项，经业主表决和委员会审议，{} 项纳入改造：\n", items.len(), approved);
    for (n, i) in items.iter().enumerate() {
        let decision = match i.decision.as_deref() {
            Some("approved") => "纳入改造",
            Some("rejected") => "不纳入改造",
            _ => "未决定",
        };
        body.push_str(&format!("{}. {}：{}", n + 1, i.name, decision));
        if let Some(r) = i.decision_reason.as_deref().filter(|r| !r.is_empty()) {
            body.push_str(&format!("（{r}）"));
        }
        body.push('\n');
    }
    body.push_str("各项的参与率和表决结果可在小程序的征询页面查看。");
    post(conn, c, "consultation_published", format!("征询结果公告：{}", c.title), body, None, now)
}
