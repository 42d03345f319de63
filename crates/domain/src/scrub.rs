//! Taking what could identify a person out of free text that leaves its writer's own view
//! (demand-list comments for designers, complaint text for property staff and neighbours).
//!
//! The text is folded first (full-width and other compatibility digits and letters become
//! ASCII, every space a plain space, zero-width and bidirectional characters go; Chinese
//! punctuation stays as written), so `１３８０００００００３` and `张\u{200b}三` are caught as
//! `13800000003` and `张三` are. Then:
//! - the given names (two characters or more; roster owners and residents of the community),
//!   also when spaces were put between their characters, become `**`;
//! - a number of 7 digits or more becomes `***`, also when its groups are separated by single
//!   spaces, hyphens or dots (`138-0000-0001`, `138 0000 0002`, `110105 19491231 002X`),
//!   except a date or a span of years (`2024.05.01`, `2024-2025`), which designers need.

use crate::text;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

pub struct Scrubber {
    /// Names by their first character, each as characters without spaces, longest first.
    names: HashMap<char, Vec<Vec<char>>>,
}

const NUMBER_SEPARATORS: [char; 7] = [' ', '-', '.', '–', '—', '－', '．'];

/// Compatibility forms of digits and Latin letters (`１`, `Ａ`, `①`) as ASCII, any space as
/// ' ', invisible characters dropped; everything else as written.
fn fold(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !text::is_invisible(*c))
        .map(|c| {
            if c.is_whitespace() {
                return ' ';
            }
            if c.is_ascii() {
                return c;
            }
            let mut folded = std::iter::once(c).nfkc();
            match (folded.next(), folded.next()) {
                (Some(a), None) if a.is_ascii_alphanumeric() => a,
                _ => c,
            }
        })
        .collect()
}

impl Scrubber {
    pub fn new(names: &[String]) -> Scrubber {
        let mut by_first: HashMap<char, Vec<Vec<char>>> = HashMap::new();
        for name in names {
            let chars: Vec<char> = fold(name).into_iter().filter(|c| *c != ' ').collect();
            if chars.len() >= 2 {
                by_first.entry(chars[0]).or_default().push(chars);
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            list.dedup();
        }
        Scrubber { names: by_first }
    }

    pub fn scrub(&self, raw: &str) -> String {
        let chars = fold(raw);
        let mut out = String::with_capacity(raw.len());
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                let (end, personal) = number_at(&chars, i);
                if personal {
                    out.push_str("***");
                } else {
                    out.extend(&chars[i..end]);
                }
                i = end;
            } else if let Some(end) = self.name_at(&chars, i) {
                out.push_str("**");
                i = end;
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        out.trim().to_string()
    }

    /// The end of a known name starting at `i` (spaces allowed between its characters).
    fn name_at(&self, chars: &[char], i: usize) -> Option<usize> {
        let candidates = self.names.get(&chars[i])?;
        'names: for name in candidates {
            let mut at = i;
            for (k, want) in name.iter().enumerate() {
                if k > 0 && chars.get(at) == Some(&' ') {
                    at += 1;
                }
                if chars.get(at) != Some(want) {
                    continue 'names;
                }
                at += 1;
            }
            return Some(at);
        }
        None
    }
}

/// The number starting at `start`: where it ends, and whether it could identify someone.
fn number_at(chars: &[char], start: usize) -> (usize, bool) {
    let mut groups: Vec<String> = vec![String::new()];
    let mut i = start;
    loop {
        match chars.get(i) {
            Some(c) if c.is_ascii_digit() => {
                groups.last_mut().expect("one group at least").push(*c);
                i += 1;
            }
            // A single separator between digits continues the number.
            Some(c) if NUMBER_SEPARATORS.contains(c) && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) => {
                groups.push(String::new());
                i += 1;
            }
            _ => break,
        }
    }
    let digits: usize = groups.iter().map(String::len).sum();
    // An identity card number ends in X.
    if digits >= 7 && matches!(chars.get(i), Some('x' | 'X')) {
        i += 1;
    }
    let personal = digits >= 7 && !(groups.len() > 1 && is_calendar(&groups));
    (i, personal)
}

/// `2024.05.01`, `2024-05`, `2024-2025`: a year first, then months, days or more years.
fn is_calendar(groups: &[String]) -> bool {
    let year = |g: &str| g.len() == 4 && (1900..=2099).contains(&g.parse::<u32>().unwrap_or(0));
    year(&groups[0]) && groups[1..].iter().all(|g| g.len() <= 2 || year(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrub(text: &str, names: &[&str]) -> String {
        Scrubber::new(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).scrub(text)
    }

    #[test]
    fn phone_numbers_in_any_spelling() {
        assert_eq!(scrub("138-0000-0001", &[]), "***");
        assert_eq!(scrub("138 0000 0002", &[]), "***");
        assert_eq!(scrub("１３８０００００００３", &[]), "***");
        assert_eq!(scrub("电话：138.0000.0004 找我", &[]), "电话：*** 找我");
        assert_eq!(scrub("电话１３８－００００－０００６。", &[]), "电话***。");
        assert_eq!(scrub("call 13800000001 now", &[]), "call *** now");
        assert_eq!(scrub("1\u{200b}3800000005", &[]), "***");
        assert_eq!(scrub("座机 010-6543 2100", &[]), "座机 ***");
    }

    #[test]
    fn identity_card_numbers_with_separators() {
        assert_eq!(scrub("身份证11010519491231002X", &[]), "身份证***");
        assert_eq!(scrub("身份证 110105 19491231 002x。", &[]), "身份证 ***。");
    }

    #[test]
    fn names_after_normalising() {
        assert_eq!(scrub("张\u{200b}三说要装电梯", &["张三"]), "**说要装电梯");
        assert_eq!(scrub("找张 三", &["张三"]), "找**");
        assert_eq!(scrub("王五说找李四", &["王五", "李四", "说"]), "**说找**");
        assert_eq!(scrub("张三丰和张三", &["张三", "张三丰"]), "**和**");
        assert_eq!(scrub("\u{2067}李四\u{2069}", &["李四"]), "**");
    }

    #[test]
    fn what_designers_need_stays() {
        assert_eq!(scrub(" 3号楼2单元 电梯 ", &[]), "3号楼2单元 电梯");
        assert_eq!(scrub("费用1000元", &[]), "费用1000元");
        assert_eq!(scrub("2024.05.01停水", &[]), "2024.05.01停水");
        assert_eq!(scrub("2024-2025年完成", &[]), "2024-2025年完成");
        assert_eq!(scrub("1,000,000元", &[]), "1,000,000元");
        assert_eq!(scrub("301 302 两户", &[]), "301 302 两户");
        assert_eq!(scrub("1234567", &[]), "***");
    }
}
