//! The synthetic registry's deterministic numbers: its random generator, its unique,
//! checksum-valid NIP and REGON numbers and its days.

use crate::rules::identifiers::{normalise_nip, normalise_regon};
use chrono::NaiveDate;

/// SplitMix64: small, fast, and the same everywhere.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The i-th unique, checksum-valid NIP.
pub(super) fn nip(i: usize) -> Option<String> {
    // Three candidates per index keep numbers unique; at most one of three has remainder 10.
    (0..3).find_map(|k| normalise_nip(&nip_candidate(i, k)).ok())
}

fn nip_candidate(i: usize, k: usize) -> String {
    let base = 100_000_000 + i * 3 + k;
    let digits: Vec<u32> = format!("{base:09}")
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let check: u32 = digits
        .iter()
        .zip([6, 5, 7, 2, 3, 4, 5, 6, 7])
        .map(|(d, w)| d * w)
        .sum::<u32>()
        % 11;
    format!("{base:09}{}", check % 10)
}

/// The i-th unique, checksum-valid nine-digit REGON.
pub(super) fn regon(i: usize) -> Option<String> {
    let base = 10_000_000 + i;
    let digits: Vec<u32> = format!("{base:08}")
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let check: u32 = digits
        .iter()
        .zip([8, 9, 2, 3, 4, 5, 6, 7])
        .map(|(d, w)| d * w)
        .sum::<u32>()
        % 11
        % 10;
    normalise_regon(&format!("{base:08}{check}")).ok()
}

/// The day `days_from_2010` days after 1 January 2010.
pub(super) fn day(days_from_2010: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2010, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days_from_2010)))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_identifiers_are_valid_and_unique() {
        let nips: std::collections::HashSet<String> = (0..20_000).filter_map(nip).collect();
        assert_eq!(nips.len(), 20_000);
        let regons: std::collections::HashSet<String> = (0..20_000).filter_map(regon).collect();
        assert_eq!(regons.len(), 20_000);
    }

    #[test]
    fn the_generator_is_deterministic() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        assert!((0..100).all(|_| a.next() == b.next()));
    }
}
