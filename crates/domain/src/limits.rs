//! The bounds of what callers send, in one place: the handlers check values against these,
//! and the OpenAPI document states the same constants (api/src/openapi_rules.rs), so a client
//! generated from the spec refuses what the server would refuse.

use crate::text;

/// A text field: its length in characters after trimming, and whether it is a name shown to
/// others (then control, invisible and bidirectional characters are refused too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub min: usize,
    pub max: usize,
    pub name: bool,
}

impl Text {
    pub const fn free(min: usize, max: usize) -> Text {
        Text { min, max, name: false }
    }
    pub const fn name(min: usize, max: usize) -> Text {
        Text { min, max, name: true }
    }

    /// What the field must be, as the 422 answer says it.
    pub fn rule(&self) -> String {
        match self.min {
            0 => format!("must be at most {} characters", self.max),
            min => format!("must be {min}–{} characters", self.max),
        }
    }

    /// The value trimmed, or why it is refused.
    pub fn check(&self, value: &str) -> Result<String, String> {
        let v = value.trim();
        let n = v.chars().count();
        if n < self.min || n > self.max {
            return Err(self.rule());
        }
        if self.name {
            if let Some(problem) = text::name_problem(v) {
                return Err(problem.to_string());
            }
        }
        Ok(v.to_string())
    }

    /// An optional field: absent, or blank after trimming, is None.
    pub fn check_optional(&self, value: Option<&str>) -> Result<Option<String>, String> {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => self.check(v).map(Some),
        }
    }
}

/// An integer field's inclusive bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub min: i64,
    pub max: i64,
}

impl Range {
    pub fn contains(&self, v: i64) -> bool {
        (self.min..=self.max).contains(&v)
    }
    pub fn rule(&self) -> String {
        format!("must be {}–{}", self.min, self.max)
    }
}

// Names shown to others.
pub const DISPLAY_NAME: Text = Text::name(1, 64);
/// Districts, communities, property companies, rating periods.
pub const NAME: Text = Text::name(1, 100);
pub const ADDRESS: Text = Text::free(1, 200);

// Consultations and their menus.
pub const TITLE: Text = Text::free(1, 100);
pub const CONSULTATION_DESCRIPTION: Text = Text::free(0, 5000);
pub const ITEM_NAME: Text = Text::free(1, 60);
pub const ITEM_DESCRIPTION: Text = Text::free(0, 2000);
pub const RULE_REASON: Text = Text::free(1, 500);
pub const ANNOUNCE_DAYS: Range = Range { min: 0, max: 60 };
pub const OBJECTION_DAYS: Range = Range { min: 0, max: 30 };
/// A design's public notice (公示): at least a day, at most two months.
pub const NOTICE_DAYS: Range = Range { min: 1, max: 60 };
/// A reason given for a step: an extension, a rejected claim, a voided paper ballot.
pub const REASON: Text = Text::free(1, 200);
/// The reason of a committee's decision on an item.
pub const DECISION_REASON: Text = Text::free(1, 500);
pub const SHEET_REF: Text = Text::free(1, 200);
pub const OBJECTION: Text = Text::free(1, 1000);
pub const RECEIPT: Text = Text::free(0, 64);
pub const BALLOT_COMMENT: Text = Text::free(0, crate::ballot::MAX_COMMENT_CHARS);

// Notices.
pub const NOTICE_TITLE: Text = Text::free(1, 100);
pub const NOTICE_BODY: Text = Text::free(1, 5000);

// Renovation projects (怎么改): design versions and their review.
pub const PROJECT_TITLE: Text = Text::free(1, 100);
/// A measure's stable key, the same in every version ("M1", "2.3").
pub const MEASURE_KEY_PATTERN: &str = "^[A-Za-z0-9._-]{1,20}$";
pub const MEASURE_TITLE: Text = Text::free(1, 100);
pub const MEASURE_DESCRIPTION: Text = Text::free(0, 2000);
/// Why a measure answers no approved demand item (a safety requirement, a dependency).
pub const UNLINKED_REASON: Text = Text::free(1, 500);
pub const DESIGN_NOTE: Text = Text::free(0, 2000);
/// A reference to a document kept elsewhere (a PDF drawing's archive number).
pub const DOCUMENT_REF: Text = Text::free(1, 200);
pub const REFS_MAX: usize = 10;
pub const MEASURES_MAX: usize = 100;
pub const OPINION_COMMENT: Text = Text::free(0, 500);

// The works and their acceptance.
/// What is wrong, as a problem or stop-work notice states it.
pub const WORKS_PROBLEM: Text = Text::free(1, 2000);
/// The responsible party's rectification plan (整改方案).
pub const RECTIFICATION_PLAN: Text = Text::free(1, 2000);
/// What the closer saw when closing a notice (销号) or lifting a stop-work notice.
pub const CLOSE_NOTE: Text = Text::free(1, 1000);
pub const MILESTONE_NOTE: Text = Text::free(0, 500);
pub const ACCEPTANCE_COMMENT: Text = Text::free(0, 500);

// Bindings, complaints, ratings.
pub const BINDING_NOTE: Text = Text::free(0, 200);
pub const COMPLAINT_DESCRIPTION: Text = Text::free(1, 2000);
pub const COMPLAINT_NOTE: Text = Text::free(0, 1000);
pub const PLACE: Text = Text::free(1, 100);
/// Photos a work order or an objection may carry.
pub const PHOTOS_MAX: usize = 9;
pub const RATING_COMMENT: Text = Text::free(0, 500);
pub const REPLY: Text = Text::free(1, 2000);
pub const SCORE: Range = Range { min: 1, max: 5 };
pub const YEAR_BUILT_MIN: i64 = 1900;

// Codes and identifiers with a fixed shape (regular expressions in the JSON Schema dialect).
pub const USERNAME_PATTERN: &str = "^[A-Za-z0-9._-]{3,64}$";
pub const CREDIT_CODE_PATTERN: &str = "^[0-9A-Za-z]{18}$";
pub const CATALOG_CODE_PATTERN: &str = "^[a-z0-9_]{3,40}$";
/// Yuan with at most two decimals, below 100,000,000,000.
pub const MONEY_PATTERN: &str = "^[0-9]{1,11}(\\.[0-9]{1,2})?$";
pub const MONEY_MAX_HUNDREDTHS: i64 = 100_000_000_000_00;
/// A percentage 0–100 with at most two decimals.
pub const PERCENT_PATTERN: &str = "^(100(\\.0{1,2})?|[0-9]{1,2}(\\.[0-9]{1,2})?)$";
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// A WeChat code (`wx.login`, `getPhoneNumber`), bytes.
pub const WECHAT_CODE_MAX: usize = 256;
/// The `Idempotency-Key` header: visible ASCII, bytes.
pub const IDEMPOTENCY_KEY_MAX: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules_trim_count_characters_and_refuse_disguised_names() {
        assert_eq!(NAME.check("  幸福里小区 "), Ok("幸福里小区".to_string()));
        assert_eq!(NAME.check("   "), Err("must be 1–100 characters".to_string()));
        assert_eq!(DISPLAY_NAME.check(&"王".repeat(64)).map(|s| s.chars().count()), Ok(64));
        assert!(DISPLAY_NAME.check(&"王".repeat(65)).is_err());
        assert!(DISPLAY_NAME.check("\u{2067}admin\u{2069}").unwrap_err().contains("bidirectional"));
        assert_eq!(REASON.check("春节\u{200b}"), Ok("春节\u{200b}".to_string()), "free text is not a name");
        assert_eq!(BINDING_NOTE.check_optional(Some("  ")), Ok(None));
        assert_eq!(BINDING_NOTE.rule(), "must be at most 200 characters");
        assert!(SCORE.contains(5) && !SCORE.contains(6));
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-03T07:01:30Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(crate::time::china_minute(t), "2026年12月3日 15:01");
        assert_eq!(crate::time::china_date(t), "2026年12月3日");
    }
}
