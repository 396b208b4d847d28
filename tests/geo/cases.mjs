// One header per platform, each with the country it names: shared by the Node and workerd tests.
export const PLATFORM_HEADERS = [
  { platform: "cloudflare", name: "CF-IPCountry", value: "DE", country: "Germany" },
  { platform: "vercel", name: "X-Vercel-IP-Country", value: "fr", country: "France" },
  { platform: "cloudfront", name: "CloudFront-Viewer-Country", value: "US", country: "United States" },
  { platform: "netlify", name: "X-Country", value: "JP", country: "Japan" },
  {
    platform: "netlify",
    name: "X-NF-Geo",
    // base64 of UTF-8 JSON, as Netlify sends it (a non-ASCII city included on purpose).
    value: Buffer.from(JSON.stringify({ city: "Zürich", country: { code: "CH", name: "Switzerland" }, subdivision: { code: "ZH" } })).toString("base64"),
    country: "Switzerland",
  },
  { platform: "appengine", name: "X-AppEngine-Country", value: "BR", country: "Brazil" },
  { platform: "akamai", name: "X-Akamai-Edgescape", value: "georegion=246,country_code=CA,region_code=QC,city=MONTREAL,continent=NA", country: "Canada" },
];

export const PLATFORMS = ["cloudflare", "vercel", "cloudfront", "netlify", "appengine", "akamai"];

/** Values that name no country, whatever the platform. */
export const NOT_COUNTRIES = ["XX", "ZZ", "T1", "EU", "AP", "A1", "A2", "O1", "", "  ", "USA", "United States", "D", "DE, FR", "Q1"];
