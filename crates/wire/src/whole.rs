//! Whole numbers as JSON Schema reads them: `307` and `307.0` are the same integer
//! (JSON Schema's `integer` is "a number with a zero fractional part"), so a body that
//! the OpenAPI document calls valid is never refused for writing a whole number with
//! a decimal point. A fraction or a number out of range is still refused.
//!
//! Use with `#[serde(deserialize_with = "crate::whole::number")]`, or
//! `crate::whole::optional` for an `Option`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error, Visitor};

/// Deserializes a whole number of type `T` from an integer or an integral float.
pub fn number<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64> + TryFrom<i64>,
{
    deserializer.deserialize_any(Whole(PhantomData))
}

/// As [`number`], for an optional field: `null` is `None`.
pub fn optional<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64> + TryFrom<i64>,
{
    deserializer.deserialize_option(Optional(PhantomData))
}

/// As [`number`], for a list of whole numbers.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64> + TryFrom<i64>,
{
    struct Item<T>(T);
    impl<'de, T: TryFrom<u64> + TryFrom<i64>> serde::Deserialize<'de> for Item<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            number(deserializer).map(Item)
        }
    }
    let items: Vec<Item<T>> = serde::Deserialize::deserialize(deserializer)?;
    Ok(items.into_iter().map(|Item(n)| n).collect())
}

struct Whole<T>(PhantomData<T>);

impl<T: TryFrom<u64> + TryFrom<i64>> Visitor<'_> for Whole<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number in range")
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<T, E> {
        // Exactly representable integers only: beyond 2^53 a float names no one number.
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if v.fract() != 0.0 || !v.is_finite() || v.abs() > EXACT {
            return Err(E::custom(format!("{v} is not a whole number")));
        }
        if v < 0.0 {
            self.visit_i64(v as i64)
        } else {
            self.visit_u64(v as u64)
        }
    }
}

struct Optional<T>(PhantomData<T>);

impl<'de, T: TryFrom<u64> + TryFrom<i64>> Visitor<'de> for Optional<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number in range, or null")
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        number(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Body {
        #[serde(deserialize_with = "super::number")]
        seconds: u64,
        #[serde(default, deserialize_with = "super::optional")]
        version: Option<u32>,
        #[serde(default, deserialize_with = "super::list")]
        days: Vec<u8>,
    }

    fn parse(text: &str) -> Result<Body, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_whole_number_may_be_written_with_a_decimal_point() {
        let body = parse(r#"{"seconds": 307.0, "version": 4.0, "days": [1, 7.0]}"#).unwrap();
        assert_eq!(
            body,
            Body {
                seconds: 307,
                version: Some(4),
                days: vec![1, 7]
            }
        );
        assert_eq!(
            parse(r#"{"seconds": 3, "version": null}"#).unwrap().version,
            None
        );
        assert_eq!(parse(r#"{"seconds": 3}"#).unwrap().version, None);
    }

    #[test]
    fn fractions_negatives_and_out_of_range_numbers_are_refused() {
        assert!(parse(r#"{"seconds": 3.5}"#)
            .unwrap_err()
            .contains("not a whole number"));
        assert!(parse(r#"{"seconds": -1}"#)
            .unwrap_err()
            .contains("out of range"));
        assert!(parse(r#"{"seconds": -1.0}"#)
            .unwrap_err()
            .contains("out of range"));
        assert!(parse(r#"{"seconds": 1e300}"#)
            .unwrap_err()
            .contains("not a whole number"));
        assert!(parse(r#"{"seconds": 1, "days": [256]}"#)
            .unwrap_err()
            .contains("out of range"));
        assert!(parse(r#"{"seconds": "1"}"#)
            .unwrap_err()
            .contains("whole number"));
    }
}
