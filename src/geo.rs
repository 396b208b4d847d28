//! The country a hosting platform derived from the client's IP address, read from the request:
//! `request.cf.country` (set by the Cloudflare Workers runtime itself, never by the client) and, only
//! for the platforms the caller names in `trust`, the header that platform adds. Anywhere else a
//! client can send those headers itself, so an untrusted header is never read.
//!
//! What each platform sends (checked against its documentation, November 2026):
//!
//! | platform | header | format | source |
//! |---|---|---|---|
//! | Cloudflare | `CF-IPCountry` | ISO 3166-1 alpha-2; `XX` no data, `T1` Tor | developers.cloudflare.com/fundamentals/reference/http-headers/#cf-ipcountry |
//! | Vercel | `X-Vercel-IP-Country` | ISO 3166-1 alpha-2 | vercel.com/docs/headers/request-headers |
//! | CloudFront | `CloudFront-Viewer-Country` | ISO 3166-1 alpha-2 (origin request policy must forward it) | docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html |
//! | Netlify | `X-Country`, else `X-NF-Geo` | alpha-2; `X-NF-Geo` is base64 JSON `{"country": {"code": "DE", ...}, ...}` | Netlify documents `context.geo` rather than headers: `X-Country` as functions receive it (github.com/c15t/c15t/issues/1023), `X-NF-Geo` as netlify-cli's geolocation function template reads it (netlify-cli 20.1.1, functions-templates/typescript/geolocation) |
//! | App Engine | `X-AppEngine-Country` | ISO 3166-1 alpha-2; `ZZ` unknown | cloud.google.com/appengine/docs/flexible/reference/request-headers |
//! | Akamai | `X-Akamai-Edgescape` | `georegion=..,country_code=US,region_code=..,...` | techdocs.akamai.com/property-mgr/docs/content-tgting |
//!
//! Every one of them is a two-letter code: anything else (names, three letters, junk) gives no
//! country, and the pseudo-codes CDNs use for "no country" (`XX`, `ZZ`, `T1`, `EU`, `AP`, `A1`,
//! `A2`, `O1`) give none either. The first source that names a country wins: `cf.country`, then the
//! trusted platforms in the order given.

use crate::country::{self, Country, Format};

/// A platform whose country header may be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Cloudflare,
    Vercel,
    CloudFront,
    Netlify,
    AppEngine,
    Akamai,
}

impl Platform {
    pub const ALL: [Platform; 6] = [
        Platform::Cloudflare,
        Platform::Vercel,
        Platform::CloudFront,
        Platform::Netlify,
        Platform::AppEngine,
        Platform::Akamai,
    ];

    /// The name used in `trust` ("cloudflare", "vercel", ...).
    pub fn name(self) -> &'static str {
        match self {
            Platform::Cloudflare => "cloudflare",
            Platform::Vercel => "vercel",
            Platform::CloudFront => "cloudfront",
            Platform::Netlify => "netlify",
            Platform::AppEngine => "appengine",
            Platform::Akamai => "akamai",
        }
    }

    /// A `trust` entry, exactly one of the names (ASCII case ignored).
    pub fn parse(name: &str) -> Option<Platform> {
        Platform::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// The headers it sets, lower-case, in the order they are read.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Platform::Cloudflare => &["cf-ipcountry"],
            Platform::Vercel => &["x-vercel-ip-country"],
            Platform::CloudFront => &["cloudfront-viewer-country"],
            Platform::Netlify => &["x-country", NETLIFY_GEO],
            Platform::AppEngine => &["x-appengine-country"],
            Platform::Akamai => &[AKAMAI_EDGESCAPE],
        }
    }
}

const NETLIFY_GEO: &str = "x-nf-geo";
const AKAMAI_EDGESCAPE: &str = "x-akamai-edgescape";

/// Longest header value read (bytes); the shell skips longer values without copying them.
pub const MAX_HEADER_LEN: usize = 4096;

/// The pseudo-codes CDNs and geo databases send instead of a country.
const NOT_COUNTRIES: [&str; 8] = ["XX", "ZZ", "T1", "EU", "AP", "A1", "A2", "O1"];

/// A request's headers as the shell can read them.
pub trait RequestHeaders {
    /// The value of header `name` (given lower-case); None when absent, unreadable, longer than
    /// [`MAX_HEADER_LEN`], or sent more than once with different values.
    fn header(&self, name: &'static str) -> Option<String>;

    /// `country.code` of Netlify's `X-NF-Geo` value (base64 of a JSON object). The shell decodes it
    /// with the runtime's own `atob` and `JSON.parse`, so no base64 or JSON parser is shipped.
    fn netlify_geo_country(&self, raw: &str) -> Option<String>;
}

/// The country named by a two-letter code, or None for anything else.
pub fn from_code(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    if NOT_COUNTRIES.iter().any(|n| n.eq_ignore_ascii_case(code)) {
        return None;
    }
    country::lookup(code).filter(|c| c.alpha2.eq_ignore_ascii_case(code) || is_alias(code))
}

/// "UK" is an ISO exceptional reservation for the United Kingdom; country::lookup knows it.
fn is_alias(code: &str) -> bool {
    code.eq_ignore_ascii_case("UK")
}

/// `country_code=..` of an EdgeScape value (comma-separated `key=value` pairs).
fn edgescape_code(value: &str) -> Option<&str> {
    value.split(',').find_map(|pair| {
        let (key, v) = pair.split_once('=')?;
        key.trim().eq_ignore_ascii_case("country_code").then_some(v)
    })
}

fn platform_country<H: RequestHeaders + ?Sized>(
    headers: &H,
    platform: Platform,
) -> Option<&'static Country> {
    platform.headers().iter().find_map(|&name| {
        let value = headers.header(name)?;
        match name {
            NETLIFY_GEO => from_code(&headers.netlify_geo_country(&value)?),
            AKAMAI_EDGESCAPE => from_code(edgescape_code(&value)?),
            _ => from_code(&value),
        }
    })
}

/// The client's country: `cf_country` (the Workers runtime's `request.cf.country`) first, then the
/// headers of the `trust`ed platforms in order. None when no source names a country.
pub fn country_from_request<H: RequestHeaders + ?Sized>(
    cf_country: Option<&str>,
    headers: &H,
    trust: &[Platform],
) -> Option<&'static Country> {
    cf_country
        .and_then(from_code)
        .or_else(|| trust.iter().find_map(|&p| platform_country(headers, p)))
}

/// `c` in the contract's output format.
pub fn render(c: &Country, format: Format) -> &'static str {
    match format {
        Format::Name => c.name,
        Format::Alpha2 => c.alpha2,
        Format::Alpha3 => c.alpha3,
    }
}

#[cfg(test)]
mod tests;
