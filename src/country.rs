//! Country normalisation: codes, names in many languages, typos, time zones and locales to one
//! canonical country (the names of ../shared/data/country-names-en.tsv).
//! (Skeleton: the full normaliser and its generated tables land with the country issue.)

#[derive(Debug, PartialEq, Eq)]
pub struct Country {
    pub name: &'static str,
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    pub numeric: &'static str,
}

const INTERIM: &[Country] = &[
    Country {
        name: "United States",
        alpha2: "US",
        alpha3: "USA",
        numeric: "840",
    },
    Country {
        name: "Germany",
        alpha2: "DE",
        alpha3: "DEU",
        numeric: "276",
    },
    Country {
        name: "France",
        alpha2: "FR",
        alpha3: "FRA",
        numeric: "250",
    },
];

pub fn lookup(input: &str) -> Option<&'static Country> {
    let input = input.trim();
    INTERIM
        .iter()
        .find(|c| c.alpha2.eq_ignore_ascii_case(input) || c.name.eq_ignore_ascii_case(input))
}

pub fn from_time_zone(_tz: &str) -> Option<&'static str> {
    None
}

pub fn from_locale(_tag: &str) -> Option<&'static str> {
    None
}
