// Must NOT compile: proves the checker really reads the package's types (were they `any`, or not
// found, this would pass and the suite fails).
import { normalizeCountry, WazperClient } from "wazper";
const n: number = normalizeCountry("fr");
new WazperClient({ timeoutMs: "soon" });
void n;
