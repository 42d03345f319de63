//! Ratings of the property manager (物业服务评价): six dimensions scored 1–5 by each dwelling
//! once per period; aggregates per community and per company, a score out of 100 and a grade.
//! Integer arithmetic throughout (sums and counts), rounded half up at the end.

use serde::Serialize;

/// The dimensions, in the order of the rating form.
pub const DIMENSIONS: [&str; 6] = ["security", "cleaning", "greening", "repairs", "fees", "attitude"];

/// No aggregate is shown for fewer rated dwellings than this: a figure over four ratings could
/// reveal what one resident said.
pub const MIN_RATED_DWELLINGS: u64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scores(pub [u8; 6]);

impl Scores {
    /// Each score must be 1–5; the error names the first offending dimension.
    pub fn new(values: [i64; 6]) -> Result<Scores, &'static str> {
        let mut out = [0u8; 6];
        for (i, v) in values.iter().enumerate() {
            if !crate::limits::SCORE.contains(*v) {
                return Err(DIMENSIONS[i]);
            }
            out[i] = *v as u8;
        }
        Ok(Scores(out))
    }
}

/// Running sums over ratings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sums {
    pub count: u64,
    pub totals: [u64; 6],
}

impl Sums {
    pub fn add(&mut self, s: &Scores) {
        self.count += 1;
        for (t, v) in self.totals.iter_mut().zip(s.0) {
            *t += u64::from(v);
        }
    }
    pub fn merge(&mut self, other: &Sums) {
        self.count += other.count;
        for (t, v) in self.totals.iter_mut().zip(other.totals) {
            *t += v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Grade {
    #[serde(rename = "C")]
    C,
    #[serde(rename = "B")]
    B,
    #[serde(rename = "A")]
    A,
    #[serde(rename = "AA")]
    AA,
    #[serde(rename = "AAA")]
    AAA,
}

impl Grade {
    /// AAA ≥ 85, AA 80–85, A 70–80, B 60–70, C < 60 (lower bounds inclusive), on hundredths.
    pub fn of(score_centi: u64) -> Grade {
        match score_centi {
            8500.. => Grade::AAA,
            8000.. => Grade::AA,
            7000.. => Grade::A,
            6000.. => Grade::B,
            _ => Grade::C,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::AAA => "AAA",
            Grade::AA => "AA",
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
        }
    }
}

/// Hundredths as "86.67".
pub fn centi(v: u64) -> String {
    crate::share::hundredths(v as i64)
}

fn round_div(n: u64, d: u64) -> u64 {
    (2 * n + d) / (2 * d)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aggregate {
    /// Mean per dimension, two decimals, in `DIMENSIONS` order.
    pub means: Vec<String>,
    /// Mean of all scores scaled to 100 (5 → 100), two decimals.
    pub score: String,
    pub score_centi: u64,
    pub grade: Grade,
}

/// The aggregate, or None below the privacy threshold.
pub fn aggregate(s: &Sums) -> Option<Aggregate> {
    if s.count < MIN_RATED_DWELLINGS {
        return None;
    }
    let means = s.totals.iter().map(|t| centi(round_div(t * 100, s.count))).collect();
    let all: u64 = s.totals.iter().sum();
    // all / (6 dimensions × 5 points × count) × 100, in hundredths.
    let score_centi = round_div(all * 100 * 100, 30 * s.count);
    Some(Aggregate { means, score: centi(score_centi), score_centi, grade: Grade::of(score_centi) })
}

/// Participation as a percentage with one decimal ("41.7"), rated / eligible dwellings.
pub fn participation(rated: u64, eligible: u64) -> Option<String> {
    crate::share::percent(rated as i64, eligible as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(rows: &[[i64; 6]]) -> Sums {
        let mut s = Sums::default();
        for r in rows {
            s.add(&Scores::new(*r).unwrap());
        }
        s
    }

    #[test]
    fn scores_are_one_to_five() {
        assert_eq!(Scores::new([1, 2, 3, 4, 5, 0]), Err("attitude"));
        assert_eq!(Scores::new([6, 2, 3, 4, 5, 5]), Err("security"));
        assert!(Scores::new([1, 2, 3, 4, 5, 5]).is_ok());
    }

    #[test]
    fn hidden_below_five_dwellings() {
        let s = sums(&[[5; 6], [5; 6], [5; 6], [5; 6]]);
        assert_eq!(aggregate(&s), None);
    }

    #[test]
    fn exact_means_score_and_grade() {
        // Five dwellings: security 5,5,4,4,3 → 4.20; all others 4 → 4.00.
        let s =
            sums(&[[5, 4, 4, 4, 4, 4], [5, 4, 4, 4, 4, 4], [4, 4, 4, 4, 4, 4], [4, 4, 4, 4, 4, 4], [3, 4, 4, 4, 4, 4]]);
        let a = aggregate(&s).unwrap();
        assert_eq!(a.means, vec!["4.20", "4.00", "4.00", "4.00", "4.00", "4.00"]);
        // (21 + 5×20) / 150 × 100 = 80.666… → 80.67, grade AA.
        assert_eq!(a.score, "80.67");
        assert_eq!(a.grade, Grade::AA);
        // Thirds round half up: 13/3 = 4.333… → 4.33; 14/3 → 4.67.
        let t = sums(&[[5; 6], [5; 6], [4; 6], [4; 6], [4; 6], [4; 6]]);
        assert_eq!(aggregate(&t).unwrap().means[0], "4.33");
    }

    #[test]
    fn grade_boundaries() {
        assert_eq!(Grade::of(8500), Grade::AAA);
        assert_eq!(Grade::of(8499), Grade::AA);
        assert_eq!(Grade::of(8000), Grade::AA);
        assert_eq!(Grade::of(7999), Grade::A);
        assert_eq!(Grade::of(7000), Grade::A);
        assert_eq!(Grade::of(6000), Grade::B);
        assert_eq!(Grade::of(5999), Grade::C);
        assert_eq!(aggregate(&sums(&[[3; 6]; 5])).unwrap().score, "60.00");
        assert_eq!(participation(5, 12).as_deref(), Some("41.7"));
        assert_eq!(participation(0, 0), None);
    }
}
