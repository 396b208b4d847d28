// A complete Worker: the browser calls /wazper/v1/..., the Worker adds the key (the secret
// WAZPER_API_KEY: `wrangler secret put WAZPER_API_KEY`; locally it comes from .dev.vars).
import { createWazperProxy } from "wazper/proxy";

export default createWazperProxy({
  baseUrl: WAZPER_BASE_URL, // from [define] in wrangler.toml
  allowedOrigins: ["http://localhost:5173", WAZPER_DEMO_ORIGIN], // the demo page's origin, from [define]
  // Replace with your own session or JWT check (and, for user-sync and colleagues-list, that the
  // email is the signed-in user's own). Reading the body here is fine: the hook gets a copy.
  authorize: (request, env) =>
    request.headers.get("Authorization") === `Bearer ${env.DEMO_SESSION_TOKEN}` ||
    // The local demo page has no session: `wrangler dev --var DEMO_ANONYMOUS:true` lets it through.
    // Never set this variable on a deployed Worker.
    env.DEMO_ANONYMOUS === "true",
});
