//! The demand list as an SVG bar chart: per item, support by area and by headcount (share of
//! those who took part), with the item's result. Text is in Chinese with a CJK font stack, and
//! escaped, so that any item name renders and the document stays well-formed.

use diandan_app::demand::list::DemandList;
use std::fmt::Write;

const WIDTH: u32 = 960;
const LABEL: u32 = 300;
const BAR: u32 = 460;
const ROW: u32 = 46;
const TOP: u32 = 70;

fn esc(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".into(),
            '<' => "&lt;".into(),
            '>' => "&gt;".into(),
            '"' => "&quot;".into(),
            '\'' => "&apos;".into(),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => " ".into(),
            c => c.to_string(),
        })
        .collect()
}

fn pct(p: &Option<String>) -> f64 {
    p.as_deref().and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0).clamp(0.0, 100.0)
}

pub fn svg(l: &DemandList) -> String {
    let height = TOP + ROW * l.items.len() as u32 + 40;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="13">
<title>{title}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="26" font-size="17" font-weight="bold">{title}</text>
<rect x="{LABEL}" y="38" width="12" height="10" fill="#c0392b"/><text x="{lx1}" y="47">支持率（按面积）</text>
<rect x="{lx2}" y="38" width="12" height="10" fill="#f1948a"/><text x="{lx3}" y="47">支持率（按户数）</text>
"##,
        title = esc(&format!("{} · {} 需求清单", l.community_name, l.consultation_title)),
        lx1 = LABEL + 16,
        lx2 = LABEL + 150,
        lx3 = LABEL + 166,
    );
    // Thresholds: more than half (majority) and three quarters (supermajority).
    for (frac, name) in [(0.5, "1/2"), (0.75, "3/4")] {
        let x = LABEL as f64 + BAR as f64 * frac;
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{y1}" x2="{x:.1}" y2="{y2}" stroke="#7f8c8d" stroke-dasharray="4 3"/><text x="{x:.1}" y="{ty}" text-anchor="middle" fill="#7f8c8d">{name}</text>
"##,
            y1 = TOP - 6,
            y2 = TOP + ROW * l.items.len() as u32,
            ty = TOP + ROW * l.items.len() as u32 + 16,
        );
    }
    for (n, i) in l.items.iter().enumerate() {
        let y = TOP + ROW * n as u32;
        let (area, heads) = (pct(&i.support_area_percent), pct(&i.support_headcount_percent));
        let (mark, color) = match (i.outcome.as_str(), i.decision.as_deref()) {
            (_, Some("approved")) => ("✓ 批准", "#1e8449"),
            ("passed", _) => ("通过·未批准", "#b9770e"),
            ("consultative", _) => ("征求意见", "#5d6d7e"),
            _ => ("✗ 未通过", "#922b21"),
        };
        let _ = write!(
            s,
            r##"<g class="item" data-code="{code}" data-passed="{passed}">
<text x="{tx}" y="{ty}" text-anchor="end" font-weight="{weight}">{rank}. {name}</text>
<rect class="area" x="{LABEL}" y="{y1}" width="{wa:.1}" height="14" fill="#c0392b"/><text x="{la:.1}" y="{ya}">{av}%</text>
<rect class="headcount" x="{LABEL}" y="{y2}" width="{wh:.1}" height="14" fill="#f1948a"/><text x="{lh:.1}" y="{yh}">{hv}%</text>
<text x="{mx}" y="{ty}" fill="{color}" font-weight="bold">{mark}</text>
</g>
"##,
            code = esc(&i.code),
            passed = i.decision.as_deref() == Some("approved"),
            tx = LABEL - 10,
            ty = y + 22,
            weight = if i.decision.as_deref() == Some("approved") { "bold" } else { "normal" },
            rank = i.rank,
            name = esc(&i.name),
            y1 = y + 6,
            y2 = y + 22,
            wa = BAR as f64 * area / 100.0,
            wh = BAR as f64 * heads / 100.0,
            la = LABEL as f64 + BAR as f64 * area / 100.0 + 4.0,
            lh = LABEL as f64 + BAR as f64 * heads / 100.0 + 4.0,
            ya = y + 17,
            yh = y + 33,
            av = esc(i.support_area_percent.as_deref().unwrap_or("–")),
            hv = esc(i.support_headcount_percent.as_deref().unwrap_or("–")),
            mx = LABEL + BAR + 52,
        );
    }
    s.push_str("</svg>\n");
    s
}
