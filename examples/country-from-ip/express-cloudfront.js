// server.js: an Express app behind Amazon CloudFront. Forward the CloudFront-Viewer-Country header to
// the origin (an origin request policy that includes it, e.g. the managed "AllViewerAndCloudFrontHeaders").
import { fileURLToPath } from "node:url";
import express from "express";
import { WazperClient, WazperError, countryFromRequest } from "wazper";

// A WazperError's status is null when no response was involved: the call timed out, the network
// failed, or (400) the input was refused before anything was sent.
const NO_RESPONSE = { timeout: 504, network_error: 502 };
const wazper = new WazperClient({ apiKey: process.env.WAZPER_API_KEY, baseUrl: process.env.WAZPER_BASE_URL });

export const app = express();
app.use(express.json());

app.post("/api/wazper/sync", async (req, res) => {
  // req.user is whatever your auth middleware sets; the email is the signed-in user's own.
  const email = req.user?.email ?? req.body.email;
  const country = countryFromRequest(req, { trust: ["cloudfront"] });
  if (!country) return res.status(422).json({ error: "country unknown" });
  try {
    res.json(await wazper.userSync({ email, country }));
  } catch (err) {
    if (!(err instanceof WazperError)) throw err;
    res.status(err.status ?? NO_RESPONSE[err.code] ?? 400).json({ error: err.code });
  }
});

if (process.argv[1] === fileURLToPath(import.meta.url)) app.listen(Number(process.env.PORT ?? 3000));
