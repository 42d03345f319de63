//! The committee builds a draft's menu: adds an item (catalogue defaults, overrides, targets,
//! cost) or removes one. Each is one transaction: the manager's right, the draft's state, the
//! item's fields, the change and its audit entry.

use crate::consultations::cost_shares::{parse_plan, plan_view, CostPlanInput};
use crate::consultations::views::{load, require_manager, CandidateView, ItemView};
use crate::principal::principal;
use crate::{Actor, Code, Context, Error, FieldError};
use diandan_domain::catalog::{self};
use diandan_domain::election::{self, Candidate};
use diandan_domain::electorate::ScopeKind;
use diandan_domain::limits;
use diandan_domain::tally::Rule;
use diandan_store::consultations::{self, ItemRow};
use diandan_store::{audit, clock, roster, StoreError};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashSet;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewItem {
    /// A catalogue code (default menu or the community's own); it gives name, category, scope
    /// and rule unless overridden here.
    pub code: String,
    pub name: Option<String>,
    #[serde(default)]
    pub description: String,
    /// community | building | unit
    pub scope: Option<String>,
    /// Building ids (scope building) or unit ids (scope unit); omitted or empty: all.
    #[serde(default)]
    pub targets: Vec<String>,
    /// majority | supermajority | consultative
    pub rule: Option<String>,
    /// Required when the rule differs from the catalogue's default.
    pub rule_reason: Option<String>,
    /// Estimated cost in yuan ("1250000.00").
    pub estimated_cost: Option<String>,
    /// Residents' share of the cost in percent ("30" or "30.00").
    pub resident_share_percent: Option<String>,
    /// For an item whose answer is one of several candidates (2–20): the candidates, in the
    /// order shown. A candidate is chosen only with the rule's share of the participating area
    /// and owners (过半数: more than half of both); otherwise nothing is decided.
    #[serde(default)]
    pub candidates: Vec<CandidateView>,
    /// For a unit-scoped item whose cost the owners split by floor (加装电梯, 阶梯出资): one
    /// unit's cost, the subsidy and the floor coefficients. Each dwelling pays coefficient ×
    /// area × (cost − subsidy) / Σ(coefficient × area) of its unit, exact to the fen.
    pub cost_plan: Option<CostPlanInput>,
}

/// Parses a non-negative decimal with at most two decimals into hundredths.
pub fn hundredths(text: &str, max: i64) -> Option<i64> {
    let t = text.trim();
    let (w, f) = t.split_once('.').unwrap_or((t, ""));
    if w.is_empty()
        || w.len() > 12
        || f.len() > 2
        || !w.bytes().all(|b| b.is_ascii_digit())
        || !f.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let v = w.parse::<i64>().ok()? * 100 + format!("{f:0<2}").parse::<i64>().ok()?;
    (v <= max).then_some(v)
}

/// Adds item `b` to the menu of draft `id`; answers the new item.
pub fn add_item(ctx: &Context, actor: &Actor, id: &str, b: NewItem) -> Result<ItemView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        if !cons.state.menu_editable() {
            return Err(Error::new(Code::NotDraft, "the menu is fixed once announced"));
        }
        // Defaults from the catalogue.
        let (name, category, scope, rule) = match catalog::find(&b.code) {
            Some(e) => (e.name.to_string(), e.category, e.scope, e.rule),
            None => {
                let own = consultations::catalog_items(c, &comm.id)?
                    .into_iter()
                    .find(|i| i.code == b.code)
                    .ok_or_else(|| Error::invalid("code", "not in the catalogue or this community's own items"))?;
                (own.name, own.category, own.scope, own.rule)
            }
        };
        let mut errors = Vec::new();
        let name = limits::ITEM_NAME.check(b.name.as_deref().unwrap_or(&name)).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        let scope = match b.scope.as_deref() {
            None => scope,
            Some(s) => ScopeKind::parse(s).unwrap_or_else(|| {
                errors.push(FieldError::new("scope", "must be community, building or unit"));
                scope
            }),
        };
        let chosen_rule = match b.rule.as_deref() {
            None => rule,
            Some(r) => Rule::parse(r).unwrap_or_else(|| {
                errors.push(FieldError::new("rule", "must be majority, supermajority or consultative"));
                rule
            }),
        };
        let rule_reason = limits::RULE_REASON.check_optional(b.rule_reason.as_deref()).unwrap_or_else(|m| {
            errors.push(FieldError::new("rule_reason", m));
            None
        });
        if chosen_rule != rule && rule_reason.is_none() && b.rule_reason.as_deref().is_none_or(|r| r.trim().is_empty())
        {
            errors.push(FieldError::new(
                "rule_reason",
                format!("give the reason for using {} instead of the default {}", chosen_rule.as_str(), rule.as_str()),
            ));
        }
        let cost = match b.estimated_cost.as_deref() {
            None => None,
            Some(t) => hundredths(t, limits::MONEY_MAX_HUNDREDTHS - 1).or_else(|| {
                errors.push(FieldError::new("estimated_cost", "must be yuan with at most two decimals"));
                None
            }),
        };
        let share = match b.resident_share_percent.as_deref() {
            None => None,
            Some(t) => hundredths(t, 10_000).map(|v| v as i32).or_else(|| {
                errors.push(FieldError::new("resident_share_percent", "must be 0–100 with at most two decimals"));
                None
            }),
        };
        // Targets must be this community's buildings or units.
        let (buildings, units) = roster::names(c, &comm.id)?;
        let known: HashSet<String> = match scope {
            ScopeKind::Community => HashSet::new(),
            ScopeKind::Building => buildings.iter().map(|x| x.id.clone()).collect(),
            ScopeKind::Unit => units.iter().map(|u| u.id.clone()).collect(),
        };
        if scope == ScopeKind::Community && !b.targets.is_empty() {
            errors.push(FieldError::new("targets", "a community-wide item has no targets"));
        }
        for t in &b.targets {
            if scope != ScopeKind::Community && !known.contains(t) {
                errors.push(FieldError::new("targets", format!("{t} is not a {} of this community", scope.as_str())));
            }
        }
        if b.description.chars().count() > limits::ITEM_DESCRIPTION.max {
            errors.push(FieldError::new("description", limits::ITEM_DESCRIPTION.rule()));
        }
        let candidates: Vec<Candidate> =
            b.candidates.iter().map(|c| Candidate { key: c.key.clone(), name: c.name.trim().to_string() }).collect();
        if !candidates.is_empty() {
            errors.extend(election::check(&candidates).into_iter().map(|(f, m)| FieldError::new(&f, m)));
        }
        let plan = match &b.cost_plan {
            None => None,
            Some(_) if scope != ScopeKind::Unit => {
                errors.push(FieldError::new(
                    "cost_plan",
                    "a cost split by floor is for a unit-scoped item: each unit builds and splits its own",
                ));
                None
            }
            Some(_) if !candidates.is_empty() => {
                errors.push(FieldError::new("cost_plan", "an item with candidates has no cost split"));
                None
            }
            Some(input) => {
                let units: Option<HashSet<String>> =
                    (!b.targets.is_empty()).then(|| b.targets.iter().filter(|t| known.contains(*t)).cloned().collect());
                match parse_plan(c, &comm.id, units.as_ref(), input)? {
                    Ok(p) => Some(p),
                    Err(e) => {
                        errors.extend(e);
                        None
                    }
                }
            }
        };
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        // An item split by floor: the estimate and the residents' share follow from its plan
        // unless given (the cost of every unit covered; the owners' part of it).
        let (cost, share) = match &plan {
            Some(p) => {
                let units = if b.targets.is_empty() { units.len() } else { b.targets.len() } as i64;
                let estimate = cost.unwrap_or(p.unit_cost.saturating_mul(units).min(limits::MONEY_MAX_HUNDREDTHS - 1));
                let bp = (p.owners_fen() as i128 * 10_000 + p.unit_cost as i128 / 2) / p.unit_cost as i128;
                (Some(estimate), share.or(Some(bp as i32)))
            }
            None => (cost, share),
        };
        let mut targets = b.targets.clone();
        targets.sort();
        targets.dedup();
        let position = consultations::items(c, &cons.id)?.iter().map(|i| i.position).max().unwrap_or(0) + 1;
        let row = ItemRow {
            id: clock::new_id(),
            consultation_id: cons.id.clone(),
            position,
            code: b.code,
            name,
            description: b.description,
            category,
            scope,
            targets: serde_json::to_string(&targets).unwrap_or_else(|_| "[]".into()),
            rule: chosen_rule,
            rule_reason,
            estimated_cost_cents: cost,
            resident_share_bp: share,
            decision: None,
            decision_reason: None,
            decided_by: None,
            decided_at: None,
            candidates: serde_json::to_string(&candidates).map_err(Error::internal)?,
            cost_plan: plan.as_ref().map(serde_json::to_string).transpose().map_err(Error::internal)?,
        };
        consultations::insert_item(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::ItemExists, "this code is already on the menu"),
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "consultation.item_add",
                object_type: "consultation",
                object_id: &cons.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "item_id": row.id,
                    "code": row.code,
                    "rule": row.rule,
                    "rule_reason": row.rule_reason,
                    "scope": row.scope,
                    "candidates": candidates,
                    "cost_plan": plan.as_ref().map(plan_view),
                }),
            },
        )?;
        Ok(ItemView::from(row))
    })
}

/// Removes item `item_id` from the menu of draft `id`.
pub fn remove_item(ctx: &Context, actor: &Actor, id: &str, item_id: &str) -> Result<(), Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        if !cons.state.menu_editable() {
            return Err(Error::new(Code::NotDraft, "the menu is fixed once announced"));
        }
        let item = consultations::item(c, item_id)?
            .filter(|i| i.consultation_id == cons.id)
            .ok_or_else(|| Error::not_found("item"))?;
        consultations::delete_item(c, &item.id)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "consultation.item_remove",
                object_type: "consultation",
                object_id: &cons.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "item_id": item.id, "code": item.code }),
            },
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn hundredths_parse() {
        assert_eq!(super::hundredths("30", 10_000), Some(3000));
        assert_eq!(super::hundredths("12.5", 10_000), Some(1250));
        assert_eq!(super::hundredths("100.01", 10_000), None);
        assert_eq!(super::hundredths("-1", 10_000), None);
    }
}
