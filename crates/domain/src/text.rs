//! Text as people type it and as registers export it: full-width digits (`１０１`), stray and
//! full-width spaces, zero-width characters (`101\u{200b}`) and bidirectional controls
//! (`\u{2067}admin\u{2069}`). Two strings that look the same must compare the same (one
//! dwelling, one owner, one headcount in the tally), and a name must not be able to disguise
//! itself. `normalize` is the one place where this is decided.

use unicode_normalization::UnicodeNormalization;

/// Characters that render as nothing or reorder what follows: zero-width spaces and joiners,
/// the byte-order mark, soft hyphen, word joiner and invisible operators, and every Unicode
/// bidirectional control (embeddings, overrides, isolates, marks).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FE00}'..='\u{FE0F}')
}

/// NFKC (full-width letters, digits and spaces become their plain forms), without invisible
/// characters, each run of white space one ASCII space, trimmed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkc().filter(|c| !is_invisible(*c)) {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Why a name (shown to others: display names, names of districts, communities and
/// companies) is refused, if it is: control characters, or invisible and bidirectional
/// characters, which can make one name pass for another.
pub fn name_problem(s: &str) -> Option<&'static str> {
    if s.chars().any(char::is_control) {
        Some("must not contain control characters")
    } else if s.chars().any(is_invisible) {
        Some("must not contain invisible or bidirectional control characters (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF)")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_exports_compare_equal_after_normalising() {
        assert_eq!(normalize("101"), "101");
        assert_eq!(normalize("１０１"), "101");
        assert_eq!(normalize("101\u{200b}"), "101");
        assert_eq!(normalize(" K9\u{200b} "), "K9");
        assert_eq!(normalize("１号楼\u{3000}\u{3000}２单元"), "1号楼 2单元");
        assert_eq!(normalize("\u{2067}admin\u{2069}"), "admin");
        assert_eq!(normalize("张\u{200b}三"), "张三");
        assert_eq!(normalize("５６．３０"), "56.30");
        assert_eq!(normalize("\u{feff}楼栋"), "楼栋");
    }

    #[test]
    fn names_refuse_invisible_and_bidi_characters() {
        assert_eq!(name_problem("王主任"), None);
        assert!(name_problem("\u{2067}admin\u{2069}").is_some());
        assert!(name_problem("张\u{200b}三").is_some());
        assert!(name_problem("a\u{0007}").is_some());
    }
}
