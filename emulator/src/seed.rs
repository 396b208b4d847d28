//! The seed: organizations, API keys with their credits, and the directory of people the
//! background "algorithm" finds at each company domain. Loaded from `--seed FILE` or the built-in
//! `seeds/default.json`; the format is documented in README.md.

use serde::Deserialize;

/// The built-in seed, also the reference example of the format.
pub const DEFAULT_SEED: &str = include_str!("../seeds/default.json");

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seed {
    #[serde(default)]
    pub organizations: Vec<Organization>,
    #[serde(default)]
    pub api_keys: Vec<ApiKey>,
    #[serde(default)]
    pub directory: Vec<Company>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Organization {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default = "yes")]
    pub waz_enabled: bool,
    #[serde(default = "default_invite")]
    pub invite_link: String,
    #[serde(default = "default_redirection")]
    pub redirection_link: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiKey {
    pub key: String,
    /// None: the key exists but is not linked to any organization. An id that names no
    /// organization models a key whose organization is invalid.
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub credits: i64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Company {
    pub domain: String,
    pub company_name: String,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub people: Vec<Person>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub job_title: Option<String>,
    /// An absolute URL, or a path on the emulator (e.g. `/avatars/x.svg`) that responses turn
    /// into an absolute URL on the host the client called.
    #[serde(default)]
    pub photo: Option<String>,
    /// The status the colleague entry gets when a sync finds this person (default "pending").
    #[serde(default)]
    pub status: Option<String>,
}

fn yes() -> bool {
    true
}
fn default_invite() -> String {
    "https://app.wazper.com/invite".into()
}
fn default_redirection() -> String {
    "https://app.wazper.com/dashboard".into()
}

impl Seed {
    pub fn parse(text: &str) -> Result<Seed, String> {
        let seed: Seed = serde_json::from_str(text).map_err(|e| format!("invalid seed: {e}"))?;
        seed.check()?;
        Ok(seed)
    }

    pub fn builtin() -> Seed {
        // panic-ok: the built-in seed is a compile-time constant covered by a unit test.
        Seed::parse(DEFAULT_SEED).expect("built-in seed is valid")
    }

    pub fn load(path: &std::path::Path) -> Result<Seed, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read seed {}: {e}", path.display()))?;
        Seed::parse(&text)
    }

    fn check(&self) -> Result<(), String> {
        let mut keys = std::collections::HashSet::new();
        for k in &self.api_keys {
            if k.key.is_empty() || !keys.insert(k.key.as_str()) {
                return Err(format!(
                    "invalid seed: empty or duplicate API key {:?}",
                    k.key
                ));
            }
        }
        let mut orgs = std::collections::HashSet::new();
        for o in &self.organizations {
            if !orgs.insert(o.id.as_str()) {
                return Err(format!("invalid seed: duplicate organization {:?}", o.id));
            }
        }
        for c in &self.directory {
            for p in &c.people {
                if !p.email.contains('@') {
                    return Err(format!("invalid seed: bad email {:?}", p.email));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_seed_parses() {
        let s = Seed::builtin();
        assert!(s.api_keys.iter().any(|k| k.key == "demo_key"));
        assert!(s
            .directory
            .iter()
            .any(|c| c.domain == "acme.example" && c.people.len() >= 8));
    }

    #[test]
    fn rejects_unknown_fields_and_duplicates() {
        assert!(Seed::parse(r#"{"bogus": 1}"#).is_err());
        assert!(Seed::parse(r#"{"apiKeys":[{"key":"a"},{"key":"a"}]}"#).is_err());
        assert!(Seed::parse("{}").is_ok());
    }
}
