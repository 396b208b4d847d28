//! Fakes for the client core's seams: a scripted transport and a recording clock, plus a tiny
//! single-threaded `block_on` (the fakes never pend, so no runtime is needed).
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use serde_json::Value;
use wazper::client::options::{RawClientOptions, Runtime};
use wazper::client::response::{RawResponse, ResponseBody, ResponseJson};
use wazper::client::{ClientConfig, Clock, HttpRequest, Transport, TransportError};
use wazper::input::{Arg, Field};

pub const KEY: &str = "sk_SECRET_123";

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

pub fn block_on<F: Future>(f: F) -> F::Output {
    // SAFETY: the vtable functions ignore the data pointer.
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut f = pin!(f);
    for _ in 0..1000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("future did not complete: the fakes never pend");
}

/// A JSON body as the core sees it natively.
#[derive(Clone, Debug, PartialEq)]
pub struct J(pub Value);

impl ResponseJson for J {
    fn conforms<T: serde::de::DeserializeOwned>(&self) -> bool {
        serde_json::from_value::<T>(self.0.clone()).is_ok()
    }
}

pub type Outcome = Result<RawResponse<J>, TransportError>;

/// Answers each attempt with the next scripted outcome, recording requests and timeouts.
#[derive(Default)]
pub struct FakeTransport {
    pub script: RefCell<VecDeque<Outcome>>,
    pub sent: RefCell<Vec<(HttpRequest, u32)>>,
}

impl FakeTransport {
    pub fn new(script: Vec<Outcome>) -> Self {
        FakeTransport {
            script: RefCell::new(script.into()),
            sent: RefCell::new(Vec::new()),
        }
    }
    pub fn attempts(&self) -> usize {
        self.sent.borrow().len()
    }
}

impl Transport for FakeTransport {
    type Value = J;
    async fn send(&self, request: &HttpRequest, timeout_ms: u32) -> Outcome {
        self.sent.borrow_mut().push((request.clone(), timeout_ms));
        self.script
            .borrow_mut()
            .pop_front()
            .unwrap_or(Err(TransportError::Network))
    }
}

/// Records every sleep; `abort_on_sleep` makes the n-th sleep (0-based) report cancellation.
pub struct FakeClock {
    pub now: f64,
    pub random: f64,
    pub sleeps: RefCell<Vec<u32>>,
    pub abort_on_sleep: Option<usize>,
    pub randoms_drawn: Cell<usize>,
}

impl Default for FakeClock {
    fn default() -> Self {
        FakeClock {
            now: 1_700_000_000_000.0,
            random: 0.5,
            sleeps: RefCell::new(Vec::new()),
            abort_on_sleep: None,
            randoms_drawn: Cell::new(0),
        }
    }
}

impl Clock for FakeClock {
    async fn sleep(&self, ms: u32) -> Result<(), ()> {
        let n = self.sleeps.borrow().len();
        self.sleeps.borrow_mut().push(ms);
        if self.abort_on_sleep == Some(n) {
            Err(())
        } else {
            Ok(())
        }
    }
    fn now_ms(&self) -> f64 {
        self.now
    }
    fn random(&self) -> f64 {
        self.randoms_drawn.set(self.randoms_drawn.get() + 1);
        self.random
    }
}

pub fn ok(status: u16, body: Value) -> Outcome {
    Ok(RawResponse {
        status,
        status_text: String::new(),
        retry_after: None,
        body: ResponseBody::Json(J(body)),
    })
}

pub fn err(status: u16, error: &str) -> Outcome {
    Ok(RawResponse {
        status,
        status_text: String::new(),
        retry_after: None,
        body: ResponseBody::Error {
            error: Some(error.to_owned()),
            details: None,
            code: None,
        },
    })
}

pub fn err_after(status: u16, retry_after: &str) -> Outcome {
    Ok(RawResponse {
        status,
        status_text: String::new(),
        retry_after: Some(retry_after.to_owned()),
        body: ResponseBody::Error {
            error: None,
            details: None,
            code: None,
        },
    })
}

pub fn text(s: &str) -> Field {
    Field::Text(s.to_owned())
}

pub fn config_with(f: impl FnOnce(&mut RawClientOptions)) -> ClientConfig {
    let mut raw = RawClientOptions {
        api_key: text(KEY),
        base_url: text("https://api.example.test"),
        ..RawClientOptions::default()
    };
    f(&mut raw);
    wazper::client::options::client_config(Arg::Object(raw), Runtime::Server)
        .expect("valid options")
}

pub fn config() -> ClientConfig {
    config_with(|_| {})
}

pub fn colleague(id: &str, email: &str) -> Value {
    serde_json::json!({
        "id": id, "name": "Jane Colleague", "email": email, "jobTitle": null, "status": "pending",
        "createdAt": "2023-10-26T10:00:00.000Z", "companyName": "Acme", "website": null,
        "inviteLink": "https://app.wazper.com/invite/x", "redirectionLink": "https://app.wazper.com/d",
        "photo": null, "team": 2, "wazClientId": "org_1", "toBeInvitedById": "boss@acme.example",
        "latestAction": "2023-10-26T10:00:00.000Z", "updatedAt": "2023-10-26T10:00:00.000Z"
    })
}
