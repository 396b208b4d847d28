//! Unit and property tests of `geo` (declared `#[cfg(test)] mod tests;`).

use super::*;
use proptest::prelude::*;
use std::collections::HashMap;

/// Headers as a map of lower-case names. The real shell decodes X-NF-Geo with `atob` +
/// `JSON.parse` (tested in tests/geo/ with real base64); here the value is the JSON itself.
#[derive(Default)]
struct Fake(HashMap<&'static str, String>);

impl Fake {
    fn with(name: &'static str, value: &str) -> Fake {
        let mut f = Fake::default();
        f.0.insert(name, value.to_string());
        f
    }
}

impl RequestHeaders for Fake {
    fn header(&self, name: &'static str) -> Option<String> {
        self.0.get(name).cloned()
    }
    fn netlify_geo_country(&self, raw: &str) -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(raw).ok()?;
        v["country"]["code"].as_str().map(str::to_string)
    }
}

fn alpha2(c: Option<&'static Country>) -> Option<&'static str> {
    c.map(|c| c.alpha2)
}

const ONE_PER_PLATFORM: [(Platform, &str, &str, &str); 7] = [
    (Platform::Cloudflare, "cf-ipcountry", "DE", "DE"),
    (Platform::Vercel, "x-vercel-ip-country", "fr", "FR"),
    (
        Platform::CloudFront,
        "cloudfront-viewer-country",
        "US",
        "US",
    ),
    (Platform::Netlify, "x-country", "JP", "JP"),
    (
        Platform::Netlify,
        "x-nf-geo",
        r#"{"city":"Paris","country":{"code":"FR","name":"France"}}"#,
        "FR",
    ),
    (Platform::AppEngine, "x-appengine-country", "BR", "BR"),
    (
        Platform::Akamai,
        "x-akamai-edgescape",
        "georegion=246,country_code=CA,region_code=QC,city=MONTREAL,continent=NA",
        "CA",
    ),
];

#[test]
fn each_platform_header_is_read_only_when_trusted() {
    for (platform, name, value, want) in ONE_PER_PLATFORM {
        let h = Fake::with(name, value);
        assert_eq!(
            alpha2(country_from_request(None, &h, &[platform])),
            Some(want),
            "{name}"
        );
        // Forged: the same header without trust is ignored, whatever else is trusted.
        let others: Vec<Platform> = Platform::ALL
            .into_iter()
            .filter(|p| *p != platform)
            .collect();
        assert_eq!(
            country_from_request(None, &h, &others),
            None,
            "{name} untrusted"
        );
        assert_eq!(country_from_request(None, &h, &[]), None, "{name} no trust");
    }
}

#[test]
fn cf_country_is_always_read_and_comes_first() {
    let h = Fake::with("x-vercel-ip-country", "FR");
    assert_eq!(
        alpha2(country_from_request(Some("DE"), &h, &[])),
        Some("DE")
    );
    assert_eq!(
        alpha2(country_from_request(Some("DE"), &h, &[Platform::Vercel])),
        Some("DE")
    );
    // A cf.country that names no country lets the trusted header answer.
    assert_eq!(
        alpha2(country_from_request(Some("T1"), &h, &[Platform::Vercel])),
        Some("FR")
    );
    assert_eq!(country_from_request(Some("T1"), &h, &[]), None);
}

#[test]
fn trusted_platforms_answer_in_the_order_given() {
    let mut h = Fake::with("x-vercel-ip-country", "FR");
    h.0.insert("cf-ipcountry", "IT".into());
    let both = [Platform::Vercel, Platform::Cloudflare];
    assert_eq!(alpha2(country_from_request(None, &h, &both)), Some("FR"));
    let both = [Platform::Cloudflare, Platform::Vercel];
    assert_eq!(alpha2(country_from_request(None, &h, &both)), Some("IT"));
    h.0.insert("cf-ipcountry", "XX".into());
    assert_eq!(alpha2(country_from_request(None, &h, &both)), Some("FR"));
}

#[test]
fn non_countries_and_junk_give_none() {
    for v in [
        "XX",
        "xx",
        "ZZ",
        "T1",
        "EU",
        "AP",
        "A1",
        "A2",
        "O1",
        "",
        " ",
        "USA",
        "United States",
        "U",
        "1",
        "D E",
        "ÄÖ",
        "DE,FR",
        "QQ",
        "\u{0}",
        "🇩🇪",
    ] {
        assert_eq!(from_code(v), None, "{v:?}");
        let h = Fake::with("cf-ipcountry", v);
        assert_eq!(
            country_from_request(Some(v), &h, &Platform::ALL),
            None,
            "{v:?}"
        );
    }
    assert_eq!(alpha2(from_code(" gb ")), Some("GB"));
    assert_eq!(alpha2(from_code("UK")), Some("GB"));
}

#[test]
fn netlify_and_akamai_formats() {
    let cases = [
        ("x-nf-geo", "not json"),
        ("x-nf-geo", r#"{"country":{"code":"XX"}}"#),
        ("x-nf-geo", r#"{"country":"DE"}"#),
        (
            "x-akamai-edgescape",
            "georegion=1,country_code=reserved,region_code=reserved",
        ),
        ("x-akamai-edgescape", "georegion=1,region_code=US"),
        ("x-akamai-edgescape", "country_code="),
    ];
    for (name, value) in cases {
        let h = Fake::with(name, value);
        assert_eq!(
            country_from_request(None, &h, &Platform::ALL),
            None,
            "{value}"
        );
    }
    let h = Fake::with("x-akamai-edgescape", " Country_Code = de ,city=BERLIN");
    assert_eq!(
        alpha2(country_from_request(None, &h, &[Platform::Akamai])),
        Some("DE")
    );
}

#[test]
fn trust_names() {
    for p in Platform::ALL {
        assert_eq!(Platform::parse(p.name()), Some(p));
    }
    assert_eq!(Platform::parse("CloudFlare"), Some(Platform::Cloudflare));
    for junk in ["", "cloud flare", "aws", "cloudflare ", "fastly"] {
        assert_eq!(Platform::parse(junk), None, "{junk:?}");
    }
}

#[test]
fn render_formats() {
    let c = from_code("us").unwrap();
    assert_eq!(render(c, Format::Name), "United States");
    assert_eq!(render(c, Format::Alpha2), "US");
    assert_eq!(render(c, Format::Alpha3), "USA");
}

proptest! {
    #[test]
    fn any_header_value_is_safe(v in ".{0,64}", cf in proptest::option::of(".{0,8}")) {
        let mut h = Fake::default();
        for name in ["cf-ipcountry", "x-vercel-ip-country", "cloudfront-viewer-country", "x-country",
                     "x-nf-geo", "x-appengine-country", "x-akamai-edgescape"] {
            h.0.insert(name, v.clone());
        }
        if let Some(c) = country_from_request(cf.as_deref(), &h, &Platform::ALL) {
            // Whatever is found is a real country named by a two-letter code in the input.
            prop_assert!(v.to_ascii_uppercase().contains(c.alpha2)
                || cf.as_deref().is_some_and(|cf| cf.trim().eq_ignore_ascii_case(c.alpha2))
                || v.to_ascii_uppercase().contains("UK")
                || cf.as_deref().is_some_and(|cf| cf.trim().eq_ignore_ascii_case("UK")));
        }
    }
}
