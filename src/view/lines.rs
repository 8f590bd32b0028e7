//! Line counts of a change: how many lines one text adds and removes against another.

use std::collections::HashMap;

/// (added, removed) lines from `old` to `new`. Common leading and trailing lines are
/// matched exactly; the middle is compared as multisets of lines.
pub fn diff_stat(old: &str, new: &str) -> (usize, usize) {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let a_mid = &a[prefix..a.len() - suffix];
    let b_mid = &b[prefix..b.len() - suffix];
    let mut counts: HashMap<&str, isize> = HashMap::new();
    for l in a_mid {
        *counts.entry(l).or_default() -= 1;
    }
    for l in b_mid {
        *counts.entry(l).or_default() += 1;
    }
    let added = counts
        .values()
        .filter(|c| **c > 0)
        .map(|c| *c as usize)
        .sum();
    let removed = counts
        .values()
        .filter(|c| **c < 0)
        .map(|c| (-*c) as usize)
        .sum();
    (added, removed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_changed_lines() {
        assert_eq!(super::diff_stat("a\nb\nc", "a\nb\nc"), (0, 0));
        assert_eq!(super::diff_stat("a\nb\nc", "a\nx\nc"), (1, 1));
        assert_eq!(super::diff_stat("a\nc", "a\nb\nb\nc"), (2, 0));
        assert_eq!(super::diff_stat("", "x"), (1, 0));
    }
}
