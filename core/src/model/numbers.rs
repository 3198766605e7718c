//! Whole numbers as the contract reads them: counts of days or months (at least 1) and other
//! whole numbers (at least 0). JS numbers arrive as floats, so `30.0` is 30.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// A whole number of days or months, at least 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Count(pub(crate) u32);

impl Count {
    /// The count, if it is at least 1.
    pub fn new(n: u32) -> Option<Self> {
        (n >= 1).then_some(Self(n))
    }
    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(WholeNumberVisitor::at_least(1))
            .map(Count)
    }
}

/// Reads a whole number from `min` to `max`; JS numbers arrive as floats, so `30.0` is 30.
pub(crate) struct WholeNumberVisitor {
    pub(crate) min: u32,
    pub(crate) max: u32,
}

impl WholeNumberVisitor {
    /// From `min` to `u32::MAX`.
    pub(crate) fn at_least(min: u32) -> Self {
        Self { min, max: u32::MAX }
    }

    fn refuse<E: de::Error>(&self, found: impl fmt::Display) -> E {
        E::custom(format_args!(
            "must be a whole number from {} to {}, found {found}",
            self.min, self.max
        ))
    }
}

impl Visitor<'_> for WholeNumberVisitor {
    type Value = u32;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a whole number of at least {}", self.min)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        u32::try_from(v)
            .ok()
            .filter(|n| (self.min..=self.max).contains(n))
            .ok_or_else(|| self.refuse(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(self.refuse(v)),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
        if v.fract() == 0.0 && v >= f64::from(self.min) && v <= f64::from(self.max) {
            // INVARIANT: v is whole and within u32, so the cast is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            return Ok(v as u32);
        }
        Err(self.refuse(v))
    }
}

/// A whole number of at least 0 (`addWorkingDays`' `n`, a request's `additional`,
/// `remindWithinDays`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(type = "number"))]
pub struct WholeNumber(pub u32);

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(WholeNumberVisitor::at_least(0))
            .map(WholeNumber)
    }
}
