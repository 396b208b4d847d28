// app/api/wazper/sync/route.js: a Next.js route handler on Vercel; the key stays on the server.
import { WazperClient, WazperError, countryFromRequest } from "wazper";

// A WazperError's status is null when no response was involved: the call timed out, the network
// failed, or (400) the input was refused before anything was sent.
const NO_RESPONSE = { timeout: 504, network_error: 502 };
const wazper = new WazperClient({ apiKey: process.env.WAZPER_API_KEY, baseUrl: process.env.WAZPER_BASE_URL });

export async function POST(request) {
  // Use the email of your signed-in user (from your session), not one the browser chose.
  const { email } = await request.json();
  // Vercel sets X-Vercel-IP-Country from the visitor's IP; trust it only because this runs on Vercel.
  const country = countryFromRequest(request, { trust: ["vercel"] });
  if (!country) return Response.json({ error: "country unknown" }, { status: 422 });
  try {
    return Response.json(await wazper.userSync({ email, country }));
  } catch (err) {
    if (!(err instanceof WazperError)) throw err;
    return Response.json({ error: err.code }, { status: err.status ?? NO_RESPONSE[err.code] ?? 400 });
  }
}
