//! The API client's pure core: options, validation, request building, response decoding, error
//! mapping and the retry policy, behind a transport trait and a clock so it runs natively in tests.
//! The wasm shell (src/wasm/client.rs) only converts JS values into the `Raw*` inputs here and
//! adapts fetch/setTimeout to `Transport`/`Clock`.

pub mod options;
pub mod request;
pub mod response;
pub mod retry;
pub mod text;
pub mod transport;
pub mod validate;

pub use options::{CallConfig, ClientConfig, Runtime};
pub use request::{Endpoint, HttpRequest, Method};
pub use transport::{execute, Call, Clock, Transport, TransportError};

use crate::error::Error;
use crate::input::{Arg, Field};
use validate::{RawColleagueUpdate, RawNewColleague, RawSyncUser};

/// What a userSync call turns into before any I/O.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserSyncPlan {
    /// A personal email with `skipPersonalEmails`: resolve `{status: "skipped"}` without a request.
    SkippedPersonalEmail,
    Send(Call),
}

impl ClientConfig {
    fn call(&self, endpoint: Endpoint, query_email: Option<&str>, body: Option<String>) -> Call {
        Call {
            endpoint,
            request: request::build(
                &self.base_url,
                self.api_key.as_deref(),
                endpoint,
                query_email,
                body,
            ),
        }
    }

    pub fn plan_user_sync(&self, user: Arg<RawSyncUser>) -> Result<UserSyncPlan, Error> {
        let rule = match self.api_key {
            Some(_) => validate::CountryRule::Required,
            None => validate::CountryRule::FilledByProxy,
        };
        let user = validate::sync_user(user, rule)?;
        if self.skip_personal_emails && crate::email::is_personal(&user.email) {
            return Ok(UserSyncPlan::SkippedPersonalEmail);
        }
        let body = request::user_sync_body(&user);
        Ok(UserSyncPlan::Send(self.call(
            Endpoint::UserSync,
            None,
            Some(body),
        )))
    }

    pub fn plan_create_colleague(&self, input: Arg<RawNewColleague>) -> Result<Call, Error> {
        let input = validate::new_colleague(input)?;
        let body = request::new_colleague_body(&input);
        Ok(self.call(Endpoint::CreateColleague, None, Some(body)))
    }

    pub fn plan_list_colleagues(&self, email: Field) -> Result<Call, Error> {
        let email = validate::list_email(email)?;
        Ok(self.call(Endpoint::ListColleagues, Some(&email), None))
    }

    pub fn plan_update_colleague(&self, input: Arg<RawColleagueUpdate>) -> Result<Call, Error> {
        let input = validate::colleague_update(input)?;
        let body = request::colleague_update_body(&input);
        Ok(self.call(Endpoint::UpdateColleague, None, Some(body)))
    }

    /// Runs a planned call with this client's retry budget and the call's (or client's) timeout.
    pub async fn run<T: Transport, C: Clock>(
        &self,
        call: &Call,
        opts: CallConfig,
        transport: &T,
        clock: &C,
    ) -> Result<T::Value, Error> {
        let timeout_ms = opts.timeout_ms.unwrap_or(self.timeout_ms);
        execute(
            transport,
            clock,
            call,
            timeout_ms,
            self.max_retries,
            self.retry_unsafe,
            self.api_key.as_deref(),
        )
        .await
    }
}
