//! The vocabulary of findings: the 18 Safe Harbor identifier kinds and the
//! role a column plays for de-identification.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the 18 categories of identifiers of the HIPAA Safe Harbor method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Kind {
    /// Names of patients, relatives, employers, household members, clinicians.
    Name,
    /// Geographic subdivisions smaller than a state: street, city, county, ZIP.
    Geo,
    /// Date elements other than the year alone, and birth years.
    Date,
    /// Ages over 89.
    Age,
    /// Telephone numbers.
    Phone,
    /// Fax numbers.
    Fax,
    /// E-mail addresses.
    Email,
    /// Social Security numbers.
    Ssn,
    /// Medical record numbers.
    Mrn,
    /// Health plan beneficiary numbers (member ids, Medicare MBI).
    HealthPlan,
    /// Account numbers.
    Account,
    /// Certificate and license numbers (driver's licence, DEA, NPI).
    License,
    /// Vehicle identifiers: VINs and licence plates.
    Vehicle,
    /// Device identifiers and serial numbers.
    Device,
    /// Web addresses.
    Url,
    /// IP addresses.
    Ip,
    /// Biometric identifiers.
    Biometric,
    /// Any other unique identifying number, characteristic or code.
    OtherId,
}

impl Kind {
    /// Every kind, in the order of the Safe Harbor list.
    pub const ALL: [Kind; 18] = [
        Kind::Name,
        Kind::Geo,
        Kind::Date,
        Kind::Age,
        Kind::Phone,
        Kind::Fax,
        Kind::Email,
        Kind::Ssn,
        Kind::Mrn,
        Kind::HealthPlan,
        Kind::Account,
        Kind::License,
        Kind::Vehicle,
        Kind::Device,
        Kind::Url,
        Kind::Ip,
        Kind::Biometric,
        Kind::OtherId,
    ];

    /// The kind's name as it appears in JSON and on screen, e.g. `HEALTH_PLAN`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Name => "NAME",
            Kind::Geo => "GEO",
            Kind::Date => "DATE",
            Kind::Age => "AGE",
            Kind::Phone => "PHONE",
            Kind::Fax => "FAX",
            Kind::Email => "EMAIL",
            Kind::Ssn => "SSN",
            Kind::Mrn => "MRN",
            Kind::HealthPlan => "HEALTH_PLAN",
            Kind::Account => "ACCOUNT",
            Kind::License => "LICENSE",
            Kind::Vehicle => "VEHICLE",
            Kind::Device => "DEVICE",
            Kind::Url => "URL",
            Kind::Ip => "IP",
            Kind::Biometric => "BIOMETRIC",
            Kind::OtherId => "OTHER_ID",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind name that is not one of the 18.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a PHI kind; the kinds are NAME, GEO, DATE, AGE, PHONE, FAX, EMAIL, SSN, MRN, HEALTH_PLAN, ACCOUNT, LICENSE, VEHICLE, DEVICE, URL, IP, BIOMETRIC and OTHER_ID")]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

/// What a column is for de-identification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnClass {
    /// Every value is a direct identifier of one [`Kind`] (a name, an MRN...).
    Direct,
    /// Not an identifier by itself, but combinable with others to single
    /// someone out (sex, race, diagnosis, an age of 89 or less): a
    /// candidate quasi-identifier for the risk step.
    Quasi,
    /// Free text that may contain identifiers anywhere: span detection runs
    /// on every cell.
    FreeText,
    /// Neither identifying nor quasi-identifying (a dose, a lab value).
    None,
}

impl ColumnClass {
    /// The class's name as it appears in JSON: `direct`, `quasi`, `free_text`, `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnClass::Direct => "direct",
            ColumnClass::Quasi => "quasi",
            ColumnClass::FreeText => "free_text",
            ColumnClass::None => "none",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!("health_plan".parse::<Kind>(), Ok(Kind::HealthPlan));
        assert!("STATE".parse::<Kind>().is_err());
    }
}
