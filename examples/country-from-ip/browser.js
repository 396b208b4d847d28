// browser.js: the signed-in user's page. No apiKey and no country: the proxy adds both.
import { WazperClient } from "wazper";

export async function syncSignedInUser(user, proxyUrl = "https://app.example.com/wazper") {
  const wazper = new WazperClient({ baseUrl: proxyUrl });
  return wazper.userSync({ email: user.email, firstName: user.firstName });
}
