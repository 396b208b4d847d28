// A complete Worker: the browser calls /wazper/v1/..., the Worker adds the key (the secret
// WAZPER_API_KEY: `wrangler secret put WAZPER_API_KEY`; locally it comes from .dev.vars).
import { createWazperProxy } from "wazper/proxy";

export default createWazperProxy({
  baseUrl: WAZPER_BASE_URL, // from [define] in wrangler.toml
  allowedOrigins: ["http://localhost:5173", "http://127.0.0.1:8787"],
  // Replace with your own session or JWT check (and, for user-sync and colleagues-list, that the
  // email is the signed-in user's own). Reading the body here is fine: the hook gets a copy.
  authorize: (request, env) => request.headers.get("Authorization") === `Bearer ${env.DEMO_SESSION_TOKEN}`,
});
