//! One typo: a letter left out, added, changed, or two neighbours swapped.

/// Whether `a` and `b` are equal or one typo apart (Damerau–Levenshtein distance ≤ 1).
pub fn within_one_typo(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            a[same + 1..] == b[same + 1..]
                || (same + 1 < a.len()
                    && a[same] == b[same + 1]
                    && a[same + 1] == b[same]
                    && a[same + 2..] == b[same + 2..])
        }
        std::cmp::Ordering::Less => a[same..] == b[same + 1..],
        std::cmp::Ordering::Greater => a[same + 1..] == b[same..],
    }
}

#[cfg(test)]
mod tests {
    use super::within_one_typo;

    #[test]
    fn one_typo_of_each_kind_and_no_more() {
        for (a, b, near) in [
            ("sinh", "sinh", true),
            ("sinh", "snh", true),   // left out
            ("sinh", "sinhh", true), // added
            ("sinh", "sonh", true),  // changed
            ("khai", "khia", true),  // swapped
            ("khai", "kahi", true),  // swapped at the start
            ("sinh", "sihn", true),  // swapped at the end
            ("sinh", "snih", true),  // swapped in the middle
            ("sinh", "sn", false),   // two left out
            ("khai", "khoe", false), // two changed
            ("khai", "ihak", false),
            ("", "a", true),
            ("ab", "ba", true),
        ] {
            assert_eq!(
                within_one_typo(a.as_bytes(), b.as_bytes()),
                near,
                "{a} / {b}"
            );
            assert_eq!(
                within_one_typo(b.as_bytes(), a.as_bytes()),
                near,
                "{b} / {a}"
            );
        }
    }
}
