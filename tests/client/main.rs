//! Native tests of the client core through its seams, one file per behaviour: options and key
//! safety, validation and request building, responses and error mapping, retries and waits, key hygiene.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../client_support/mod.rs"]
mod client_support;

use client_support::*;
use serde_json::{json, Value};
use wazper::base_url::BaseUrl;
use wazper::client::options::{
    call_config, client_config, RawCallOptions, RawClientOptions, Runtime, SignalField,
};
use wazper::client::request::{encode_query_component, Endpoint, Method};
use wazper::client::response::{RawResponse, ResponseBody};
use wazper::client::validate::{RawColleagueUpdate, RawNewColleague, RawSyncUser};
use wazper::client::{CallConfig, ClientConfig, TransportError, UserSyncPlan};
use wazper::input::{Arg, Field};
use wazper::{Error, ErrorCode};

fn raw_opts(key: Option<&str>, base: Option<&str>) -> RawClientOptions {
    RawClientOptions {
        api_key: key.map(text).unwrap_or(Field::Absent),
        base_url: base.map(text).unwrap_or(Field::Absent),
        ..RawClientOptions::default()
    }
}

fn opts(key: Option<&str>, base: Option<&str>, rt: Runtime) -> Result<ClientConfig, Error> {
    client_config(Arg::Object(raw_opts(key, base)), rt)
}

fn user(email: Field, country: Field) -> Arg<RawSyncUser> {
    Arg::Object(RawSyncUser {
        email,
        country,
        first_name: Field::Absent,
        last_name: Field::Absent,
        name: Field::Absent,
        job_title: Field::Absent,
        invite_link: Field::Absent,
    })
}

fn new_colleague() -> RawNewColleague {
    RawNewColleague {
        name: text("Samuel Prospective"),
        email: text("samuel.p@acme.example"),
        company_name: text("Acme"),
        to_be_invited_by_id: text("boss@acme.example"),
        job_title: Field::Absent,
        website: Field::Absent,
        team: Field::Absent,
        invite_link: Field::Absent,
        redirection_link: Field::Absent,
    }
}

fn update(id: Field, status: Field, email: Field) -> Arg<RawColleagueUpdate> {
    Arg::Object(RawColleagueUpdate { id, status, email })
}

const NO_OPTS: CallConfig = CallConfig {
    timeout_ms: None,
    has_signal: false,
};

fn run(
    cfg: &ClientConfig,
    call: &wazper::client::Call,
    t: &FakeTransport,
    c: &FakeClock,
) -> Result<J, Error> {
    block_on(cfg.run(call, NO_OPTS, t, c))
}

fn list_call(cfg: &ClientConfig) -> wazper::client::Call {
    cfg.plan_list_colleagues(text("me@acme.example")).unwrap()
}

fn create_call(cfg: &ClientConfig) -> wazper::client::Call {
    cfg.plan_create_colleague(Arg::Object(new_colleague()))
        .unwrap()
}

fn sync_call(cfg: &ClientConfig) -> wazper::client::Call {
    match cfg
        .plan_user_sync(user(text("john@acme.example"), text("US")))
        .unwrap()
    {
        UserSyncPlan::Send(call) => call,
        other => panic!("{other:?}"),
    }
}

fn update_call(cfg: &ClientConfig) -> wazper::client::Call {
    cfg.plan_update_colleague(update(text("tbi_1"), text("invited"), Field::Absent))
        .unwrap()
}

fn all_calls(cfg: &ClientConfig) -> Vec<wazper::client::Call> {
    vec![
        sync_call(cfg),
        create_call(cfg),
        list_call(cfg),
        update_call(cfg),
    ]
}

mod keys;
mod options;
mod responses;
mod retries;
mod validation;
