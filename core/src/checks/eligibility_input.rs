//! The input of `checkEligibility` (SPEC section 5): the organisation, its DSPT status and year,
//! and its sites, as callers write them.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::date::IsoDate;
use crate::model::numbers::WholeNumberVisitor;

/// What kind of organisation is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum OrganisationType {
    /// A care provider (registered with the CQC, or not).
    CareProvider,
    /// Commissioned locally, and the commissioner requires NHSmail.
    LocallyCommissioned,
    /// Supporting the NHS nationally.
    NationalSupport,
}

vocabulary! {
    /// The organisation's Data Security and Protection Toolkit status; `label` is as the DSPT
    /// shows it ("Standards Met").
    #[derive(Default)]
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    pub enum DsptStatus {
        /// Not published.
        NotPublished = "notPublished" => "Not Published",
        /// Published, standards not met.
        StandardsNotMet = "standardsNotMet" => "Standards Not Met",
        /// Approaching Standards.
        ApproachingStandards = "approachingStandards" => "Approaching Standards",
        /// Standards Met.
        StandardsMet = "standardsMet" => "Standards Met",
        /// Standards Exceeded.
        StandardsExceeded = "standardsExceeded" => "Standards Exceeded",
        /// The person is not sure.
        #[default]
        Unknown = "unknown" => "not known",
    }
}

impl DsptStatus {
    /// Approaching Standards or better.
    pub fn passes(self) -> bool {
        matches!(
            self,
            DsptStatus::ApproachingStandards
                | DsptStatus::StandardsMet
                | DsptStatus::StandardsExceeded
        )
    }
}

/// A DSPT assessment year, written `"2024-25"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(type = "string"))]
pub struct DsptYear(i32);

impl DsptYear {
    /// The year whose name starts the assessment year (2024 for `"2024-25"`).
    pub fn first(self) -> i32 {
        self.0
    }

    /// The last day a publication for this year counts: 30 June of the year after it ends.
    pub fn valid_until(self) -> Option<IsoDate> {
        IsoDate::from_ymd(self.0 + 2, 6, 30)
    }

    /// As the DSPT shows it: `24/25`.
    pub fn short(self) -> String {
        format!("{:02}/{:02}", self.0 % 100, (self.0 + 1) % 100)
    }
}

impl fmt::Display for DsptYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.0, (self.0 + 1) % 100)
    }
}

impl std::str::FromStr for DsptYear {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r.clone())
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .and_then(|_| s.get(r))
                .and_then(|t| t.parse::<i32>().ok())
        };
        if b.len() != 7 || b.get(4) != Some(&b'-') {
            return Err(());
        }
        let (first, second) = (digits(0..4).ok_or(())?, digits(5..7).ok_or(())?);
        // The publication counts until 30 June two years on, which must still be a 4-digit year.
        if (first + 1) % 100 != second || first > 9997 {
            return Err(());
        }
        Ok(DsptYear(first))
    }
}

impl<'de> Deserialize<'de> for DsptYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DsptYear;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an assessment year such as \"2024-25\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DsptYear, E> {
                v.parse().map_err(|()| {
                    E::custom(format_args!(
                        "must be an assessment year such as \"2024-25\" (the second year following the first), found `{v}`"
                    ))
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// Number of sites: a whole number from 1 to 1,000,000.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(type = "number"))]
pub struct Sites(u32);

impl Sites {
    /// The most sites the engine takes.
    pub const MAX: u32 = 1_000_000;

    /// `n` sites, if it is from 1 to [`Sites::MAX`].
    pub fn new(n: u32) -> Option<Sites> {
        (1..=Sites::MAX).contains(&n).then_some(Sites(n))
    }

    /// The number of sites.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Sites {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(WholeNumberVisitor {
            min: 1,
            max: Sites::MAX,
        })
        .map(Sites)
    }
}

/// The input of `checkEligibility`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct EligibilityInput {
    pub organisation_type: OrganisationType,
    #[serde(default, deserialize_with = "crate::model::account::null_as_false")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub cqc_registered: bool,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub dspt_status: Option<DsptStatus>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub dspt_year: Option<DsptYear>,
    #[serde(default, deserialize_with = "crate::model::account::null_as_false")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub approaching_standards_before: bool,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub sites: Option<Sites>,
    #[serde(default, deserialize_with = "crate::model::account::null_as_false")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub has_local_administrators: bool,
    #[serde(default, deserialize_with = "crate::model::account::null_as_false")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub has_nhsmail_already: bool,
    pub as_of: IsoDate,
}
