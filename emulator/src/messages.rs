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
