//! The seams between the core and the outside world: a `Transport` that performs one HTTP attempt
//! and a `Clock` that sleeps (cancellably), tells the time and draws jitter. `execute` is the one
//! generic call loop — attempts, error mapping, retries, waits — run natively against fakes in tests
//! and against fetch/setTimeout in the wasm shell.

use super::request::{Endpoint, HttpRequest};
use super::response::{decode, Failure, RawResponse, ResponseJson};
use super::retry::{backoff_ms, is_retryable, parse_retry_after, RetryAfter};
use super::text::push_u64;
use crate::error::{Error, ErrorCode, ErrorDetails};

/// Why an attempt produced no response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// The connection failed or dropped (fetch rejected with a TypeError).
    Network,
    /// The attempt's own timeout fired first.
    Timeout,
    /// The caller's AbortSignal fired (or was already aborted).
    Aborted,
    /// The response body passed `maxResponseBytes`; it was not read further.
    TooLarge { status: u16 },
}

/// Sends one request. Implementations give the attempt its own timeout (covering the body read),
/// tie it to the caller's cancellation, and read the body as `ResponseBody` documents.
#[allow(async_fn_in_trait)] // used only through generics on a single thread, never as `dyn`
pub trait Transport {
    type Value: ResponseJson;
    async fn send(
        &self,
        request: &HttpRequest,
        timeout_ms: u32,
    ) -> Result<RawResponse<Self::Value>, TransportError>;
}

/// The caller's cancellation is signalled by `sleep` returning `Err(())`.
#[allow(async_fn_in_trait)]
pub trait Clock {
    async fn sleep(&self, ms: u32) -> Result<(), ()>;
    /// Milliseconds since the Unix epoch, for Retry-After HTTP dates.
    fn now_ms(&self) -> f64;
    /// A number in [0, 1) for jitter.
    fn random(&self) -> f64;
}

/// A request bound to its endpoint (the retry policy needs to know which one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub endpoint: Endpoint,
    pub request: HttpRequest,
}

/// The error for an attempt that produced no response.
pub fn transport_error(e: TransportError, timeout_ms: u32) -> Error {
    match e {
        TransportError::Network => Error::new(
            ErrorCode::NetworkError,
            None,
            "The request could not reach the API (network error)",
        ),
        TransportError::Timeout => {
            let mut m = String::from("The request timed out after ");
            push_u64(&mut m, u64::from(timeout_ms));
            m.push_str(" ms");
            Error::new(ErrorCode::Timeout, None, m)
        }
        TransportError::Aborted => aborted(),
        TransportError::TooLarge { status } => Error::new(
            ErrorCode::InvalidResponse,
            Some(status),
            "The API answered with a body larger than maxResponseBytes; it was not read",
        ),
    }
}

pub fn aborted() -> Error {
    Error::new(ErrorCode::Aborted, None, "The call was aborted")
}

/// Runs `call`: up to `max_retries + 1` attempts of `timeout_ms` each, with the contract's waits;
/// `retry_unsafe` lets userSync retry like the idempotent calls (see `is_retryable`).
pub async fn execute<T: Transport, C: Clock>(
    transport: &T,
    clock: &C,
    call: &Call,
    timeout_ms: u32,
    max_retries: u32,
    retry_unsafe: bool,
    api_key: Option<&str>,
) -> Result<T::Value, Error> {
    let mut attempt: u32 = 0;
    loop {
        let failure = match transport.send(&call.request, timeout_ms).await {
            Ok(response) => match decode(call.endpoint, response, api_key) {
                Ok(value) => return Ok(value),
                Err(failure) => failure,
            },
            Err(e) => Failure {
                error: transport_error(e, timeout_ms),
                retry_after: None,
            },
        };
        let Failure {
            mut error,
            retry_after,
        } = failure;
        if error.code == ErrorCode::Aborted
            || attempt >= max_retries
            || !is_retryable(call.endpoint, &error, retry_unsafe)
        {
            return Err(error);
        }
        let parsed = retry_after
            .as_deref()
            .and_then(|v| parse_retry_after(v, clock.now_ms()));
        let delay = match parsed {
            Some(RetryAfter::Wait(ms)) => ms,
            Some(RetryAfter::TooLong(secs)) => {
                let details = error.details.get_or_insert_with(ErrorDetails::default);
                details.retry_after_seconds = Some(secs);
                return Err(error);
            }
            None => backoff_ms(attempt, clock.random()),
        };
        if clock.sleep(delay).await.is_err() {
            return Err(aborted());
        }
        attempt += 1;
    }
}
