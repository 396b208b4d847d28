// worker.js: a complete module Worker in front of your app; the key is the Worker secret WAZPER_API_KEY.
import { createWazperProxy } from "wazper/proxy";

// Your own session check. This one compares the session cookie with the Worker secret SESSION_TOKEN.
const signedIn = (request, env) =>
  (request.headers.get("Cookie") ?? "").split(/;\s*/).includes(`session=${env.SESSION_TOKEN}`);

export default createWazperProxy({
  allowedOrigins: ["https://app.example.com"],
  authorize: signedIn,
  // On Cloudflare nothing else is needed: the runtime sets request.cf.country, which fills a missing
  // country. Behind another CDN too? Name it, so its country header counts: trust: ["akamai"].
});
