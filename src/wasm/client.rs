//! JS bindings of the `client` core module: the `WazperClient` class and the four free functions.
//! Arguments are taken as raw `JsValue`s so no conversion can throw; every call error becomes a
//! rejected promise, and the constructor throws the same WazperError-shaped errors.

use std::rc::Rc;

use js_sys::Promise;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

use super::convert;
use super::error::{to_js, to_js_with_cause, to_value};
use super::runtime;
use super::transport::{FetchTransport, JsClock};
use crate::client::options::{call_config, client_config};
use crate::client::{Call, CallConfig, ClientConfig, UserSyncPlan};
use crate::error::{Error, ErrorCode};

// The TypeScript types are hand-written in pkg-template/index.d.ts (the build passes --no-typescript);
// the `unchecked_param_type` names below are theirs.

/// A Wazper API client. Options are validated once, here.
#[wasm_bindgen]
pub struct WazperClient {
    config: Rc<ClientConfig>,
}

fn config(options: &JsValue) -> Result<ClientConfig, Error> {
    client_config(convert::client_options(options), runtime::detect())
}

fn reject(e: &Error) -> Promise {
    Promise::reject(&to_js(e))
}

/// What userSync resolves with when a personal email is skipped client-side.
#[derive(Serialize)]
struct Skipped {
    success: bool,
    status: &'static str,
    reason: &'static str,
}

fn skipped() -> Promise {
    Promise::resolve(&to_value(&Skipped {
        success: true,
        status: "skipped",
        reason: "personal_email",
    }))
}

/// The call options, validated; read once so a getter with side effects runs once.
fn call_opts(opts: &JsValue) -> Result<(CallConfig, Option<AbortSignal>), Error> {
    let (raw, signal) = convert::call_options(opts);
    Ok((call_config(raw)?, signal))
}

/// Starts a validated call. Everything before the first await already ran synchronously, so a
/// validation error never sends a request.
fn start(
    config: Rc<ClientConfig>,
    call: Call,
    opts: CallConfig,
    signal: Option<AbortSignal>,
) -> Promise {
    future_to_promise(async move {
        let transport = FetchTransport::new(signal.clone(), config.max_response_bytes);
        let clock = JsClock { signal };
        config
            .run(&call, opts, &transport, &clock)
            .await
            .map_err(|e| {
                let cause = match e.code {
                    ErrorCode::NetworkError => transport.cause.take(),
                    _ => None,
                };
                to_js_with_cause(&e, cause.as_ref(), config.api_key.as_deref())
            })
    })
}

/// Call options first, then the input, then the request.
fn begin(
    config: Rc<ClientConfig>,
    opts: &JsValue,
    plan: impl FnOnce(&ClientConfig) -> Result<Option<Call>, Error>,
) -> Promise {
    let (call_opts, signal) = match call_opts(opts) {
        Ok(o) => o,
        Err(e) => return reject(&e),
    };
    match plan(&config) {
        Ok(Some(call)) => start(config, call, call_opts, signal),
        Ok(None) => skipped(),
        Err(e) => reject(&e),
    }
}

fn user_sync(config: Rc<ClientConfig>, user: &JsValue, opts: &JsValue) -> Promise {
    begin(config, opts, |c| {
        match c.plan_user_sync(convert::sync_user(user))? {
            UserSyncPlan::SkippedPersonalEmail => Ok(None),
            UserSyncPlan::Send(call) => Ok(Some(call)),
        }
    })
}

fn create_colleague(config: Rc<ClientConfig>, input: &JsValue, opts: &JsValue) -> Promise {
    begin(config, opts, |c| {
        c.plan_create_colleague(convert::new_colleague(input))
            .map(Some)
    })
}

fn list_colleagues(config: Rc<ClientConfig>, email: &JsValue, opts: &JsValue) -> Promise {
    begin(config, opts, |c| {
        c.plan_list_colleagues(convert::field(email)).map(Some)
    })
}

fn update_colleague(config: Rc<ClientConfig>, input: &JsValue, opts: &JsValue) -> Promise {
    begin(config, opts, |c| {
        c.plan_update_colleague(convert::colleague_update(input))
            .map(Some)
    })
}

#[wasm_bindgen]
impl WazperClient {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<WazperClient, JsValue> {
        match config(&options) {
            Ok(c) => Ok(WazperClient { config: Rc::new(c) }),
            Err(e) => Err(to_js(&e)),
        }
    }

    #[wasm_bindgen(js_name = userSync)]
    #[wasm_bindgen(unchecked_return_type = "Promise<UserSyncResult>")]
    pub fn user_sync(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SyncUser")] user: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] opts: JsValue,
    ) -> Promise {
        user_sync(self.config.clone(), &user, &opts)
    }

    #[wasm_bindgen(js_name = createColleague)]
    #[wasm_bindgen(unchecked_return_type = "Promise<Colleague>")]
    pub fn create_colleague(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NewColleague")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] opts: JsValue,
    ) -> Promise {
        create_colleague(self.config.clone(), &input, &opts)
    }

    #[wasm_bindgen(js_name = listColleagues)]
    #[wasm_bindgen(unchecked_return_type = "Promise<Colleague[]>")]
    pub fn list_colleagues(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] opts: JsValue,
    ) -> Promise {
        list_colleagues(self.config.clone(), &email, &opts)
    }

    #[wasm_bindgen(js_name = updateColleague)]
    #[wasm_bindgen(unchecked_return_type = "Promise<Colleague>")]
    pub fn update_colleague(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ColleagueUpdate")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] opts: JsValue,
    ) -> Promise {
        update_colleague(self.config.clone(), &input, &opts)
    }
}

/// Runs `f` with a one-off client built from `options`; invalid options reject the promise.
fn with_options(options: &JsValue, f: impl FnOnce(Rc<ClientConfig>) -> Promise) -> Promise {
    match config(options) {
        Ok(c) => f(Rc::new(c)),
        Err(e) => reject(&e),
    }
}

#[wasm_bindgen(js_name = userSync, unchecked_return_type = "Promise<UserSyncResult>")]
pub fn user_sync_fn(
    #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SyncUser")] user: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] opts: JsValue,
) -> Promise {
    with_options(&options, |c| user_sync(c, &user, &opts))
}

#[wasm_bindgen(js_name = createColleague, unchecked_return_type = "Promise<Colleague>")]
pub fn create_colleague_fn(
    #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NewColleague")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] opts: JsValue,
) -> Promise {
    with_options(&options, |c| create_colleague(c, &input, &opts))
}

#[wasm_bindgen(js_name = listColleagues, unchecked_return_type = "Promise<Colleague[]>")]
pub fn list_colleagues_fn(
    #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] opts: JsValue,
) -> Promise {
    with_options(&options, |c| list_colleagues(c, &email, &opts))
}

#[wasm_bindgen(js_name = updateColleague, unchecked_return_type = "Promise<Colleague>")]
pub fn update_colleague_fn(
    #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ColleagueUpdate")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] opts: JsValue,
) -> Promise {
    with_options(&options, |c| update_colleague(c, &input, &opts))
}
