//! Every message the emulator answers with, as the vendor documents it (docs/api.md), in one leaf
//! module that imports nothing from the crate: handlers, the key checks, the store and the fault
//! injector all name the same strings without depending on one another.
//!
//! These are spelled out here rather than taken from the SDK on purpose: the emulator is the test
//! oracle for the SDK's error mapping, so a typo on one side must make the tests fail, not agree.

// The key checks (every endpoint).
pub const KEY_REQUIRED: &str = "API Key is required";
/// user-sync's 401 for an unknown key.
pub const INVALID_KEY_SYNC: &str = "Invalid API Key";
/// The colleague endpoints' one 401: an unknown key, or (update) one without an organization.
pub const INVALID_KEY_COLLEAGUES: &str = "Invalid API Key or key not linked to an organization";
pub const NOT_LINKED: &str = "API Key is not linked to a valid organization.";
pub const INVALID_ORG: &str = "Invalid organization ID";
pub const NO_CREDITS: &str = "API Key has no remaining credits.";
pub const WAZ_DISABLED: &str = "Waz is currently disabled";

// Body and query validation, per endpoint.
pub const EMAIL_REQUIRED: &str = "User email is required";
pub const COUNTRY_REQUIRED: &str = "User IP (country) is required";
pub const CREATE_MISSING: &str =
    "Required fields missing: name, email, companyName, and toBeInvitedById are required";
pub const LIST_EMAIL_REQUIRED: &str = "Email parameter is required";
pub const UPDATE_MISSING: &str =
    "Required fields missing: id and either status or email are required";
pub const INVALID_EMAIL: &str = "Invalid email format";

// Answers.
pub const SYNC_ACCEPTED: &str = "Request accepted and is being processed asynchronously.";
pub const INTERNAL_ERROR: &str = "Internal server error";

/// colleagues-create's 409.
pub fn duplicate_on_create(email: &str) -> String {
    format!("A colleague with this email ({email}) may already exist for this client or inviter.")
}

/// colleagues-update's 409.
pub fn duplicate_on_update(email: &str) -> String {
    format!("A colleague with the new email ({email}) may already exist.")
}

/// colleagues-update's 404.
pub fn colleague_not_found(id: &str, org: &str) -> String {
    format!("Colleague with ID {id} not found for client {org}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message the emulator sends, the formatted ones with docs/api.md's placeholders.
    fn all() -> Vec<String> {
        let mut v: Vec<String> = [
            KEY_REQUIRED,
            INVALID_KEY_SYNC,
            INVALID_KEY_COLLEAGUES,
            NOT_LINKED,
            INVALID_ORG,
            NO_CREDITS,
            WAZ_DISABLED,
            EMAIL_REQUIRED,
            COUNTRY_REQUIRED,
            CREATE_MISSING,
            LIST_EMAIL_REQUIRED,
            UPDATE_MISSING,
            INVALID_EMAIL,
            INTERNAL_ERROR,
        ]
        .map(String::from)
        .to_vec();
        v.push(duplicate_on_create("EMAIL"));
        v.push(duplicate_on_update("EMAIL"));
        v.push(colleague_not_found("ID", "ORG"));
        v
    }

    #[test]
    fn messages_equal_the_api_reference() {
        // docs/api.md's error tables: rows `| 4xx | `message` |` (a 500 row's message may be followed
        // by more text). The reference and this module must list the same messages.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/api.md");
        let doc = std::fs::read_to_string(path).expect("docs/api.md is in the repository");
        let mut documented: Vec<String> = doc
            .lines()
            .filter_map(|l| {
                let rest = l.strip_prefix("| ")?;
                let (status, rest) = rest.split_once(" | `")?;
                status.parse::<u16>().ok()?;
                Some(rest.split_once('`')?.0.to_string())
            })
            .collect();
        documented.sort();
        documented.dedup();
        let mut ours = all();
        ours.sort();
        assert_eq!(documented, ours);
        assert!(doc.contains(SYNC_ACCEPTED));
    }

    #[test]
    fn formatted_messages_match_the_docs_examples() {
        assert_eq!(
            duplicate_on_create("samuel.p@example.com"),
            "A colleague with this email (samuel.p@example.com) may already exist for this client or inviter."
        );
        assert_eq!(
            duplicate_on_update("new.email@example.com"),
            "A colleague with the new email (new.email@example.com) may already exist."
        );
        assert_eq!(
            colleague_not_found("tbi_nonexistent", "org_abc123xyz"),
            "Colleague with ID tbi_nonexistent not found for client org_abc123xyz."
        );
    }
}
