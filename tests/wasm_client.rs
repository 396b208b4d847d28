//! The client's wasm shell against a private wazper-emulator, in Node and in headless Chromium
//! (tests/wasm/run.sh runs this file in both). Compiled with WAZPER_EMULATOR_URL set.
#![cfg(target_arch = "wasm32")]

use js_sys::{Function, Promise, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use wazper::wasm::client::{self as shell, WazperClient};

const KEY: &str = "sk_SECRET_123";

fn emulator() -> &'static str {
    match option_env!("WAZPER_EMULATOR_URL") {
        Some(url) => url,
        None => panic!("build this test with WAZPER_EMULATOR_URL set (tests/wasm/run.sh does)"),
    }
}

fn js(src: &str) -> JsValue {
    Function::new_no_args(&["return (", src, ");"].concat())
        .call0(&JsValue::NULL)
        .expect("js")
}

fn in_browser() -> bool {
    js("typeof document !== 'undefined'").is_truthy()
}

async fn await_js(v: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(v.dyn_into::<Promise>().expect("a promise")).await
}

/// Calls the emulator's control API; returns the parsed JSON answer.
async fn control(method: &str, path: &str, body: &str) -> JsValue {
    let f = Function::new_with_args(
        "url, method, body",
        "return fetch(url, {method, body: body || undefined, headers: body ? {'content-type': 'application/json'} : {}})
           .then(r => r.text()).then(t => t ? JSON.parse(t) : null)",
    );
    let url = [emulator(), path].concat();
    let p = f
        .call3(&JsValue::NULL, &url.into(), &method.into(), &body.into())
        .expect("control call");
    await_js(p).await.expect("control API answered")
}

async fn reset() {
    control("DELETE", "/__emulator/faults", "").await;
    control("DELETE", "/__emulator/requests", "").await;
}

async fn fault(json: &str) {
    control("POST", "/__emulator/faults", json).await;
}

/// API requests the emulator received whose path (and query/body) mention `needle`.
async fn requests_matching(path: &str, needle: &str) -> u32 {
    let log = control("GET", "/__emulator/requests", "").await;
    let f = Function::new_with_args(
        "log, path, needle",
        "const list = Array.isArray(log) ? log : (log.requests || []);
         return list.filter(r => r.path === path && JSON.stringify(r).includes(needle)).length;",
    );
    f.call3(&JsValue::NULL, &log, &path.into(), &needle.into())
        .expect("filter")
        .as_f64()
        .expect("count") as u32
}

fn options(key: Option<&str>, extra: &str) -> JsValue {
    let key = key
        .map(|k| ["apiKey: '", k, "',"].concat())
        .unwrap_or_default();
    js(&[
        "{",
        &key,
        "baseUrl: '",
        emulator(),
        "', dangerouslyAllowBrowser: true, ",
        extra,
        "}",
    ]
    .concat())
}

fn client(key: Option<&str>, extra: &str) -> WazperClient {
    WazperClient::new(options(key, extra)).expect("valid options")
}

/// `client.listColleagues(email, opts)`, awaited.
async fn list(c: &WazperClient, email: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    await_js(c.list_colleagues(email.into(), opts).into()).await
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Asserts a WazperError-shaped rejection and returns it.
fn expect_error(r: Result<JsValue, JsValue>, code: &str, status: Option<u16>) -> JsValue {
    let e = match r {
        Ok(v) => panic!(
            "expected {code}, resolved with {:?}",
            JSON::stringify(&v).ok()
        ),
        Err(e) => e,
    };
    assert!(e.is_instance_of::<js_sys::Error>(), "an Error instance");
    assert_eq!(get(&e, "name").as_string().as_deref(), Some("WazperError"));
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some(code),
        "{:?}",
        get(&e, "message").as_string()
    );
    match status {
        Some(s) => assert_eq!(get(&e, "status").as_f64(), Some(f64::from(s))),
        None => assert!(get(&e, "status").is_null(), "status null"),
    }
    assert!(get(&e, "message").is_string());
    let details = get(&e, "details");
    assert!(details.is_null() || details.is_object());
    assert_no_key(&e);
    e
}

fn assert_no_key(e: &JsValue) {
    let all = js_sys::Array::of4(
        &get(e, "message"),
        &get(e, "details"),
        &get(e, "stack"),
        &get(e, "code"),
    );
    let text = JSON::stringify(&all)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let shown = js_sys::JsString::from(e.clone())
        .as_string()
        .unwrap_or_default();
    assert!(
        !text.contains("SECRET") && !shown.contains("SECRET"),
        "key leaked: {text}"
    );
    let cause = cause_text(e);
    assert!(!cause.contains("SECRET"), "key leaked in cause: {cause}");
}

/// Every string along an error's `cause` chain.
fn cause_text(e: &JsValue) -> String {
    js("(e) => { let out = ''; for (let c = e.cause, i = 0; c && i < 5; c = c.cause, i++) out += [c.name, c.message, c.code, c.stack, String(c)].join(' '); return out; }")
        .dyn_into::<Function>()
        .expect("fn")
        .call1(&JsValue::NULL, e)
        .expect("walk causes")
        .as_string()
        .unwrap_or_default()
}

/// Replaces `globalThis.fetch` with `src` until dropped.
struct FakeFetch;

impl FakeFetch {
    fn install(src: &str) -> FakeFetch {
        js("(globalThis.__realFetch = globalThis.__realFetch || globalThis.fetch, 0)");
        js(&["(globalThis.fetch = ", src, ", 0)"].concat());
        FakeFetch
    }
}

impl Drop for FakeFetch {
    fn drop(&mut self) {
        js("(globalThis.fetch = globalThis.__realFetch, 0)");
    }
}

fn unique(tag: &str) -> String {
    let n = (js_sys::Math::random() * 1e9) as u64;
    [tag, "-", &n.to_string()].concat()
}

fn user(email: &str, country: &str) -> JsValue {
    js(&[
        "{email: '",
        email,
        "', country: '",
        country,
        "', firstName: 'Ann'}",
    ]
    .concat())
}

fn colleague(email: &str, inviter: &str) -> JsValue {
    js(&[
        "{name: 'Sam P', email: '",
        email,
        "', companyName: 'Acme', toBeInvitedById: '",
        inviter,
        "', team: 2, extra: 1}",
    ]
    .concat())
}

// ---------- success paths ----------

#[wasm_bindgen_test]
async fn endpoints_succeed() {
    reset().await;
    let c = client(Some("demo_key"), "");
    let inviter = [&unique("inviter"), "@acme.example"].concat();
    let email = [&unique("sam"), "@acme.example"].concat();

    let synced = await_js(c.user_sync(user(&inviter, "fr"), JsValue::UNDEFINED).into())
        .await
        .expect("userSync");
    assert_eq!(get(&synced, "success").as_bool(), Some(true));
    assert_eq!(
        get(&synced, "status").as_string().as_deref(),
        Some("processing")
    );
    assert!(get(&synced, "requestId").is_string());
    assert_eq!(
        requests_matching("/v1/user-sync", "\\\"country\\\":\\\"France\\\"").await,
        1
    );

    let created = await_js(
        c.create_colleague(colleague(&email, &inviter), JsValue::UNDEFINED)
            .into(),
    )
    .await
    .expect("create");
    let id = get(&created, "id").as_string().expect("id");
    assert_eq!(get(&created, "email").as_string(), Some(email.clone()));
    assert_eq!(get(&created, "team").as_f64(), Some(2.0));

    let list = list(&c, &inviter, JsValue::UNDEFINED).await.expect("list");
    assert!(js_sys::Array::is_array(&list));
    let found = js_sys::Array::from(&list)
        .iter()
        .any(|x| get(&x, "id").as_string().as_deref() == Some(&id));
    assert!(found, "created colleague listed");

    let patch = js(&["{id: '", &id, "', status: 'invited'}"].concat());
    let updated = await_js(c.update_colleague(patch, JsValue::UNDEFINED).into())
        .await
        .expect("update");
    assert_eq!(
        get(&updated, "status").as_string().as_deref(),
        Some("invited")
    );
    assert_eq!(get(&updated, "id").as_string(), Some(id));

    // The free functions take options first.
    let list = await_js(
        shell::list_colleagues_fn(
            options(Some("demo_key"), ""),
            inviter.into(),
            JsValue::UNDEFINED,
        )
        .into(),
    )
    .await;
    assert!(js_sys::Array::is_array(&list.expect("free listColleagues")));
}

#[wasm_bindgen_test]
async fn personal_email_is_skipped_without_request() {
    reset().await;
    let c = client(Some("demo_key"), "");
    let email = [&unique("me"), "@gmail.com"].concat();
    let r = await_js(c.user_sync(user(&email, "US"), JsValue::UNDEFINED).into())
        .await
        .expect("skipped");
    assert_eq!(get(&r, "status").as_string().as_deref(), Some("skipped"));
    assert_eq!(
        get(&r, "reason").as_string().as_deref(),
        Some("personal_email")
    );
    assert_eq!(get(&r, "success").as_bool(), Some(true));
    assert_eq!(requests_matching("/v1/user-sync", &email).await, 0);
    let c = client(Some("demo_key"), "skipPersonalEmails: false");
    let r = await_js(c.user_sync(user(&email, "US"), JsValue::UNDEFINED).into())
        .await
        .expect("sent");
    assert_eq!(get(&r, "status").as_string().as_deref(), Some("processing"));
}

// ---------- documented errors ----------

#[wasm_bindgen_test]
async fn documented_errors_from_the_emulator() {
    reset().await;
    let some = [&unique("a"), "@acme.example"].concat();
    let list = |key: Option<&str>| {
        client(key, "maxRetries: 0").list_colleagues(some.clone().into(), JsValue::UNDEFINED)
    };
    expect_error(
        await_js(list(None).into()).await,
        "api_key_required",
        Some(401),
    );
    expect_error(
        await_js(list(Some(KEY)).into()).await,
        "invalid_api_key",
        Some(401),
    );
    expect_error(
        await_js(list(Some("unlinked_key")).into()).await,
        "api_key_not_linked",
        Some(400),
    );
    expect_error(
        await_js(list(Some("disabled_key")).into()).await,
        "waz_disabled",
        Some(403),
    );
    let sync = |key: &str| {
        client(Some(key), "maxRetries: 0").user_sync(user(&some, "Germany"), JsValue::UNDEFINED)
    };
    expect_error(
        await_js(sync("no_credits_key").into()).await,
        "no_credits",
        Some(402),
    );
    expect_error(
        await_js(sync("bad_org_key").into()).await,
        "invalid_organization",
        Some(401),
    );
    expect_error(
        await_js(sync(KEY).into()).await,
        "invalid_api_key",
        Some(401),
    );

    let c = client(Some("demo_key"), "");
    let missing = js("{id: 'tbi_does_not_exist', status: 'invited'}");
    let e = expect_error(
        await_js(c.update_colleague(missing, JsValue::UNDEFINED).into()).await,
        "not_found",
        Some(404),
    );
    assert!(get(&e, "message")
        .as_string()
        .unwrap_or_default()
        .contains("tbi_does_not_exist"));
    let email = [&unique("dup"), "@acme.example"].concat();
    await_js(
        c.create_colleague(colleague(&email, &some), JsValue::UNDEFINED)
            .into(),
    )
    .await
    .expect("first create");
    expect_error(
        await_js(
            c.create_colleague(colleague(&email, &some), JsValue::UNDEFINED)
                .into(),
        )
        .await,
        "duplicate_email",
        Some(409),
    );
}

#[wasm_bindgen_test]
async fn server_side_validation_messages_map_too() {
    reset().await;
    // Injected documented 400s (the client never sends such inputs itself).
    let c = client(Some("demo_key"), "maxRetries: 0");
    let some = [&unique("v"), "@acme.example"].concat();
    fault(r#"{"route": "/v1/colleagues-list", "status": 400}"#).await;
    expect_error(
        list(&c, &some, JsValue::UNDEFINED).await,
        "email_required",
        Some(400),
    );
    fault(r#"{"route": "/v1/user-sync", "status": 400, "body": "{\"error\": \"User IP (country) is required\"}"}"#).await;
    expect_error(
        await_js(c.user_sync(user(&some, "US"), JsValue::UNDEFINED).into()).await,
        "country_required",
        Some(400),
    );
    fault(r#"{"route": "/v1/colleagues-update", "status": 400, "body": "{\"error\": \"Invalid email format\"}"}"#).await;
    let patch = js("{id: 'x', email: 'ok@acme.example'}");
    expect_error(
        await_js(c.update_colleague(patch, JsValue::UNDEFINED).into()).await,
        "invalid_email",
        Some(400),
    );
    fault(r#"{"route": "/v1/colleagues-create", "status": 400}"#).await;
    expect_error(
        await_js(
            c.create_colleague(colleague(&some, &some), JsValue::UNDEFINED)
                .into(),
        )
        .await,
        "missing_fields",
        Some(400),
    );
    fault(r#"{"route": "/v1/colleagues-list", "status": 418}"#).await;
    expect_error(
        list(&c, &some, JsValue::UNDEFINED).await,
        "http_error",
        Some(418),
    );
    fault(r#"{"route": "/v1/colleagues-list", "status": 500}"#).await;
    let e = expect_error(
        list(&c, &some, JsValue::UNDEFINED).await,
        "server_error",
        Some(500),
    );
    assert!(get(&get(&e, "details"), "serverDetails").is_string());
}

#[wasm_bindgen_test]
async fn client_side_validation_sends_nothing() {
    reset().await;
    let c = client(Some("demo_key"), "");
    let cases: Vec<(JsValue, &str)> = vec![
        (c.user_sync(js("{country: 'US'}"), JsValue::UNDEFINED).into(), "email_required"),
        (c.user_sync(js("{email: 'nope', country: 'US'}"), JsValue::UNDEFINED).into(), "invalid_email"),
        (c.user_sync(js("{email: 'v1@acme.example'}"), JsValue::UNDEFINED).into(), "country_required"),
        (c.user_sync(js("{email: 'v1@acme.example', country: 'Atlantis'}"), JsValue::UNDEFINED).into(), "invalid_country"),
        (c.user_sync(JsValue::NULL, JsValue::UNDEFINED).into(), "invalid_argument"),
        (c.user_sync(js("{email: 42, country: 'US'}"), JsValue::UNDEFINED).into(), "invalid_argument"),
        (c.create_colleague(js("{name: 'A', email: 'v2@acme.example'}"), JsValue::UNDEFINED).into(), "missing_fields"),
        (c.create_colleague(js("{name: 'A', email: 'v2@acme.example', companyName: 'C', toBeInvitedById: 'b@acme.example', team: 1.5}"), JsValue::UNDEFINED).into(), "invalid_argument"),
        (c.list_colleagues(JsValue::UNDEFINED, JsValue::UNDEFINED).into(), "email_required"),
        (c.list_colleagues(js("{}"), JsValue::UNDEFINED).into(), "invalid_argument"),
        (c.update_colleague(js("{id: 'x'}"), JsValue::UNDEFINED).into(), "missing_fields"),
        (c.update_colleague(js("{id: 'x', email: 'bad'}"), JsValue::UNDEFINED).into(), "invalid_email"),
        (c.list_colleagues("v3@acme.example".into(), js("{signal: 5}")).into(), "invalid_argument"),
        (c.list_colleagues("v3@acme.example".into(), js("{timeoutMs: -1}")).into(), "invalid_argument"),
        (c.user_sync(js("{get email() { throw new Error('boom') }, country: 'US'}"), JsValue::UNDEFINED).into(), "invalid_argument"),
        (c.user_sync(js("new Proxy({}, {get() { throw new Error('trap') }})"), JsValue::UNDEFINED).into(), "invalid_argument"),
    ];
    for (p, code) in cases {
        let e = expect_error(await_js(p).await, code, None);
        assert!(
            get(&get(&e, "details"), "field").is_string(),
            "{code} names the field"
        );
    }
    let log = control("GET", "/__emulator/requests", "").await;
    assert_eq!(
        get(&log, "length")
            .as_f64()
            .unwrap_or_else(|| get(&get(&log, "requests"), "length")
                .as_f64()
                .unwrap_or(-1.0)),
        0.0,
        "nothing was sent"
    );
}

#[wasm_bindgen_test]
fn constructor_errors_are_thrown_wazper_errors() {
    for (opts, code) in [
        ("{apiKey: 'demo_key', baseUrl: 'http://api.example.test', dangerouslyAllowBrowser: true}", "insecure_base_url"),
        ("{apiKey: 'sk_SECRET_123\\r\\nX: y', dangerouslyAllowBrowser: true}", "invalid_argument"),
        ("{timeoutMs: 'soon'}", "invalid_argument"),
        ("{baseUrl: 'ftp://x'}", "invalid_argument"),
        ("42", "invalid_argument"),
    ] {
        let e = WazperClient::new(js(opts)).err().expect("throws");
        expect_error(Err(e), code, None);
    }
    assert!(WazperClient::new(JsValue::UNDEFINED).is_ok());
    assert!(WazperClient::new(js(
        "{apiKey: 'k', baseUrl: 'http://[::1]:1', dangerouslyAllowBrowser: true}"
    ))
    .is_ok());
}

#[wasm_bindgen_test]
async fn browser_key_exposure_only_in_browsers() {
    let key_only = js(&["{apiKey: 'demo_key', baseUrl: '", emulator(), "'}"].concat());
    let made = WazperClient::new(key_only.clone());
    if in_browser() {
        let e = made.err().expect("refused in a browser page");
        expect_error(Err(e), "browser_key_exposure", None);
        let r = await_js(
            shell::list_colleagues_fn(key_only, "a@acme.example".into(), JsValue::UNDEFINED).into(),
        )
        .await;
        expect_error(r, "browser_key_exposure", None);
        // Without a key (the proxy setup) the browser client works.
        assert!(WazperClient::new(js(&["{baseUrl: '", emulator(), "'}"].concat())).is_ok());
    } else {
        assert!(made.is_ok(), "Node is a server");
    }
}

// ---------- retries, timeouts, aborts, broken responses ----------

#[wasm_bindgen_test]
async fn retries_injected_503s() {
    reset().await;
    let c = client(Some("demo_key"), "");
    let who = [&unique("r"), "@acme.example"].concat();
    fault(r#"{"route": "/v1/colleagues-list", "count": 2, "status": 503}"#).await;
    let t0 = now();
    list(&c, &who, JsValue::UNDEFINED)
        .await
        .expect("third attempt succeeds");
    let waited = now() - t0;
    assert_eq!(
        requests_matching("/v1/colleagues-list", &who.replace('@', "%40")).await,
        3
    );
    // Two backoffs: 0.5 s and 1 s, each times [0.75, 1].
    assert!(waited >= 1100.0 && waited < 4000.0, "waited {waited} ms");

    fault(r#"{"route": "/v1/colleagues-list", "count": 3, "status": 503}"#).await;
    let c0 = client(Some("demo_key"), "maxRetries: 1");
    expect_error(
        list(&c0, &who, JsValue::UNDEFINED).await,
        "server_error",
        Some(503),
    );
    control("DELETE", "/__emulator/faults", "").await;

    // createColleague is never retried on 5xx...
    let email = [&unique("c"), "@acme.example"].concat();
    fault(r#"{"route": "/v1/colleagues-create", "count": 1, "status": 503}"#).await;
    expect_error(
        await_js(
            c.create_colleague(colleague(&email, &who), JsValue::UNDEFINED)
                .into(),
        )
        .await,
        "server_error",
        Some(503),
    );
    assert_eq!(requests_matching("/v1/colleagues-create", &email).await, 1);
    // ...but is on 429, honouring Retry-After.
    fault(r#"{"route": "/v1/colleagues-create", "count": 1, "status": 429, "retryAfter": "1"}"#)
        .await;
    let t0 = now();
    await_js(
        c.create_colleague(colleague(&email, &who), JsValue::UNDEFINED)
            .into(),
    )
    .await
    .expect("retried after 429");
    assert!(now() - t0 >= 950.0);
    assert_eq!(requests_matching("/v1/colleagues-create", &email).await, 3);
}

#[wasm_bindgen_test]
async fn retry_after_over_60s_fails_at_once() {
    reset().await;
    let c = client(Some("demo_key"), "");
    fault(r#"{"route": "/v1/user-sync", "count": 1, "status": 429, "retryAfter": "120"}"#).await;
    let t0 = now();
    let who = [&unique("ra"), "@acme.example"].concat();
    let e = expect_error(
        await_js(c.user_sync(user(&who, "US"), JsValue::UNDEFINED).into()).await,
        "rate_limited",
        Some(429),
    );
    assert!(now() - t0 < 1000.0);
    assert_eq!(
        get(&get(&e, "details"), "retryAfterSeconds").as_f64(),
        Some(120.0)
    );
}

#[wasm_bindgen_test]
async fn retry_after_http_date_is_waited_for() {
    reset().await;
    let c = client(Some("demo_key"), "");
    let who = [&unique("rd"), "@acme.example"].concat();
    // Two seconds ahead (HTTP dates have whole seconds, so the wait lies in (1, 2] s).
    let date = js("new Date(Date.now() + 2000).toUTCString()")
        .as_string()
        .expect("date");
    let f = [
        "{\"route\": \"/v1/colleagues-list\", \"count\": 1, \"status\": 503, \"retryAfter\": \"",
        &date,
        "\"}",
    ]
    .concat();
    fault(&f).await;
    let t0 = now();
    list(&c, &who, JsValue::UNDEFINED)
        .await
        .expect("retried after the date");
    let waited = now() - t0;
    assert!((900.0..3500.0).contains(&waited), "waited {waited} ms");
}

#[wasm_bindgen_test]
async fn timeouts_per_attempt() {
    reset().await;
    let who = [&unique("t"), "@acme.example"].concat();
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "action": "delay", "delayMs": 3000}"#)
        .await;
    let c = client(Some("demo_key"), "timeoutMs: 300, maxRetries: 0");
    let t0 = now();
    expect_error(list(&c, &who, JsValue::UNDEFINED).await, "timeout", None);
    let took = now() - t0;
    assert!((250.0..2500.0).contains(&took), "took {took}");
    // A call's own timeoutMs wins; the retry after a timeout then succeeds.
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "action": "delay", "delayMs": 3000}"#)
        .await;
    let c = client(Some("demo_key"), "timeoutMs: 60000");
    list(&c, &who, js("{timeoutMs: 300}"))
        .await
        .expect("second attempt in time");
}

#[wasm_bindgen_test]
async fn aborts() {
    reset().await;
    let c = client(Some("demo_key"), "");
    let who = [&unique("ab"), "@acme.example"].concat();
    // Already aborted: nothing is sent.
    let opts = js("{signal: AbortSignal.abort()}");
    expect_error(list(&c, &who, opts).await, "aborted", None);
    assert_eq!(
        requests_matching("/v1/colleagues-list", &who.replace('@', "%40")).await,
        0
    );
    // Mid-flight.
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "action": "delay", "delayMs": 3000}"#)
        .await;
    let opts = js("(() => { const c = new AbortController(); setTimeout(() => c.abort(), 200); return {signal: c.signal}; })()");
    let t0 = now();
    expect_error(list(&c, &who, opts).await, "aborted", None);
    assert!(now() - t0 < 2000.0);
    // During a retry wait.
    control("DELETE", "/__emulator/faults", "").await;
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "status": 503, "retryAfter": "30"}"#)
        .await;
    let opts = js("(() => { const c = new AbortController(); setTimeout(() => c.abort(), 300); return {signal: c.signal}; })()");
    let t0 = now();
    expect_error(list(&c, &who, opts).await, "aborted", None);
    assert!(now() - t0 < 3000.0, "the 30 s wait was cut short");
}

#[wasm_bindgen_test]
async fn broken_responses() {
    reset().await;
    let c = client(Some("demo_key"), "maxRetries: 0");
    let who = [&unique("b"), "@acme.example"].concat();
    // Chromium silently resends a request whose reused keep-alive socket closed without an answer,
    // so the drop is queued more than once and the leftovers cleared.
    fault(r#"{"route": "/v1/colleagues-list", "count": 3, "action": "drop"}"#).await;
    expect_error(
        list(&c, &who, JsValue::UNDEFINED).await,
        "network_error",
        None,
    );
    control("DELETE", "/__emulator/faults", "").await;
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "action": "malformed"}"#).await;
    expect_error(
        list(&c, &who, JsValue::UNDEFINED).await,
        "invalid_response",
        Some(200),
    );
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "action": "malformed", "body": "{\"not\": \"a list\"}"}"#).await;
    expect_error(
        list(&c, &who, JsValue::UNDEFINED).await,
        "invalid_response",
        Some(200),
    );
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "action": "truncated", "body": "[{\"id\": \"x\""}"#).await;
    expect_error(
        list(&c, &who, JsValue::UNDEFINED).await,
        "network_error",
        None,
    );
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "status": 502, "contentType": "text/html", "body": "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>"}"#).await;
    let e = expect_error(
        list(&c, &who, JsValue::UNDEFINED).await,
        "server_error",
        Some(502),
    );
    let m = get(&e, "message").as_string().unwrap_or_default();
    assert!(m.starts_with("HTTP 502") && !m.contains('<'), "{m}");
    // With retries a dropped connection is retried for listColleagues.
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "action": "drop"}"#).await;
    let c = client(Some("demo_key"), "");
    list(&c, &who, JsValue::UNDEFINED)
        .await
        .expect("retried after drop");
}

#[wasm_bindgen_test]
async fn key_never_in_errors_even_when_echoed() {
    reset().await;
    let c = client(Some(KEY), "maxRetries: 0");
    let who = [&unique("k"), "@acme.example"].concat();
    fault(r#"{"route": "/v1/colleagues-list", "count": 1, "status": 401, "body": "{\"error\": \"Invalid API Key sk_SECRET_123\", \"details\": \"key=sk_SECRET_123\"}"}"#).await;
    let e = expect_error(
        list(&c, &who, JsValue::UNDEFINED).await,
        "invalid_api_key",
        Some(401),
    );
    assert!(get(&e, "message")
        .as_string()
        .unwrap_or_default()
        .contains("[redacted]"));
    fault(r#"{"route": "*", "count": 3, "action": "drop"}"#).await;
    expect_error(
        list(&c, &who, JsValue::UNDEFINED).await,
        "network_error",
        None,
    );
    control("DELETE", "/__emulator/faults", "").await;
    expect_error(
        list(&c, &who, js("{signal: AbortSignal.abort()}")).await,
        "aborted",
        None,
    );
    // The key did travel, in the header only.
    let log = control("GET", "/__emulator/requests", "").await;
    let text = JSON::stringify(&log)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    assert!(
        text.contains("\"x-api-key\":\"sk_SECRET_123\""),
        "sent as X-API-Key"
    );
    assert_eq!(
        text.matches("sk_SECRET_123").count(),
        text.matches("\"x-api-key\":\"sk_SECRET_123\"").count()
    );
}

// ---------- fetch path: causes, body cap, runtime detection ----------

#[wasm_bindgen_test]
async fn network_error_keeps_its_cause() {
    let c = WazperClient::new(js(
        "{apiKey: 'sk_SECRET_123', baseUrl: 'http://127.0.0.1:1', maxRetries: 0, dangerouslyAllowBrowser: true}",
    ))
    .expect("valid options");
    // A refused connection: the cause is the runtime's own fetch failure.
    let e = expect_error(
        list(&c, "a@acme.example", JsValue::UNDEFINED).await,
        "network_error",
        None,
    );
    let cause = get(&e, "cause");
    assert!(cause.is_instance_of::<js_sys::Error>(), "cause is an Error");
    assert!(get(&cause, "message")
        .as_string()
        .is_some_and(|m| !m.is_empty()));

    // A failure that names the key, down its own cause chain, reaches JS scrubbed.
    let fake = FakeFetch::install(
        "() => Promise.reject(Object.assign(new TypeError('fetch failed for sk_SECRET_123'), { code: 'E_sk_SECRET_123', cause: Object.assign(new Error('socket sk_SECRET_123 reset'), { code: 'ECONNRESET' }) }))",
    );
    let r = list(&c, "a@acme.example", JsValue::UNDEFINED).await;
    drop(fake);
    let e = expect_error(r, "network_error", None);
    let text = cause_text(&e);
    assert!(
        text.contains("TypeError") && text.contains("ECONNRESET"),
        "{text}"
    );
    assert!(text.contains("fetch failed for [redacted]"), "{text}");

    // A fetch that throws synchronously (Deno without net access) is a network_error, not a throw.
    let fake =
        FakeFetch::install("() => { throw new Error('Requires net access to 127.0.0.1:1') }");
    let r = list(&c, "a@acme.example", JsValue::UNDEFINED).await;
    drop(fake);
    let e = expect_error(r, "network_error", None);
    assert!(cause_text(&e).contains("Requires net access"));

    // A replaced fetch resolving with something that is not a Response.
    let fake = FakeFetch::install("() => Promise.resolve({ status: 200 })");
    let r = list(&c, "a@acme.example", JsValue::UNDEFINED).await;
    drop(fake);
    expect_error(r, "network_error", None);
}

fn memory_bytes() -> f64 {
    let memory = wasm_bindgen::memory();
    get(&get(&memory, "buffer"), "byteLength")
        .as_f64()
        .expect("byteLength")
}

#[wasm_bindgen_test]
async fn response_bodies_stop_at_max_response_bytes() {
    let c = client(Some("demo_key"), "maxRetries: 0");
    // An endless streamed body (no Content-Length): reading stops at the default 1 MiB cap, and
    // none of it is copied into wasm memory.
    js("(globalThis.__pulls = 0)");
    let fake = FakeFetch::install(
        "() => Promise.resolve(new Response(new ReadableStream({ pull(c) { globalThis.__pulls++; c.enqueue(new Uint8Array(65536).fill(32)); } }), { status: 200 }))",
    );
    let before = memory_bytes();
    let r = list(&c, "a@acme.example", JsValue::UNDEFINED).await;
    let grown = memory_bytes() - before;
    drop(fake);
    let e = expect_error(r, "invalid_response", Some(200));
    assert!(get(&e, "message")
        .as_string()
        .is_some_and(|m| m.contains("maxResponseBytes")));
    let pulls = js("globalThis.__pulls").as_f64().unwrap_or(0.0);
    assert!(
        (16.0..=20.0).contains(&pulls),
        "read {pulls} chunks of 64 KiB"
    );
    assert!(grown < 262_144.0, "wasm memory grew by {grown} bytes");

    // A declared Content-Length over the cap fails without reading; an error status too.
    let small = client(Some("demo_key"), "maxRetries: 0, maxResponseBytes: 1000");
    for status in ["200", "500"] {
        let fake = FakeFetch::install(
            &[
                "() => Promise.resolve(new Response('[' + ' '.repeat(2000) + ']', { status: ",
                status,
                ", headers: { 'content-length': '2002' } }))",
            ]
            .concat(),
        );
        let r = list(&small, "a@acme.example", JsValue::UNDEFINED).await;
        drop(fake);
        expect_error(r, "invalid_response", Some(status.parse().expect("status")));
    }

    // A Content-Length under the cap is only a claim: the streamed body is still counted.
    let fake = FakeFetch::install(
        "() => Promise.resolve(new Response(new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(65536).fill(32)); } }), { status: 200, headers: { 'content-length': '10' } }))",
    );
    let r = list(&small, "a@acme.example", JsValue::UNDEFINED).await;
    drop(fake);
    expect_error(r, "invalid_response", Some(200));

    // Within the cap, a streamed body in several chunks is read whole.
    let fake = FakeFetch::install(
        r#"() => { const parts = ['[{"id":"a","email":"a@acme.example"}', ',{"id":"b","email":"b@acme.example"}]']; return Promise.resolve(new Response(new ReadableStream({ pull(c) { const p = parts.shift(); if (p) c.enqueue(new TextEncoder().encode(p)); else c.close(); } }))); }"#,
    );
    let r = list(&small, "a@acme.example", JsValue::UNDEFINED).await;
    drop(fake);
    let got = r.expect("two colleagues");
    assert_eq!(get(&got, "length").as_f64(), Some(2.0));
    assert_eq!(
        get(&js_sys::Reflect::get_u32(&got, 1).expect("item"), "id")
            .as_string()
            .as_deref(),
        Some("b")
    );

    for bad in ["0", "1.5", "-1", "'1000'", "1e10"] {
        let e = WazperClient::new(js(&["{maxResponseBytes: ", bad, "}"].concat()))
            .err()
            .expect("invalid maxResponseBytes throws");
        let e = expect_error(Err(e), "invalid_argument", None);
        assert_eq!(
            get(&get(&e, "details"), "field").as_string().as_deref(),
            Some("maxResponseBytes")
        );
    }
}

#[wasm_bindgen_test]
fn browser_detected_despite_server_polyfills() {
    use wazper::client::Runtime;
    use wazper::wasm::runtime::probe;
    if !in_browser() {
        assert_eq!(probe(), Runtime::Server, "Node is a server");
        return;
    }
    assert_eq!(probe(), Runtime::Browser);
    // Polyfills that make a page look like Node or Bun do not make it a server.
    js("(globalThis.process = { versions: { node: '20.11.0' }, env: {} }, globalThis.Bun = {}, 0)");
    let seen = probe();
    js("(delete globalThis.process, delete globalThis.Bun, 0)");
    assert_eq!(seen, Runtime::Browser);
}

// ---------- the fetch module's interface (shared with the edge proxy) ----------

async fn send_with(
    fake: &str,
    method: &str,
    headers: &[(&str, &str)],
    timeout_ms: u32,
) -> Result<wazper::wasm::fetch::FetchResponse, wazper::wasm::fetch::FetchError> {
    use wazper::wasm::fetch::{send, FetchRequest};
    let fake = FakeFetch::install(fake);
    let r = send(&FetchRequest {
        method,
        url: "https://api.example.test/v1/x",
        headers,
        body: None,
        timeout_ms,
        signal: None,
        max_response_bytes: 1 << 20,
    })
    .await;
    drop(fake);
    r
}

#[wasm_bindgen_test]
async fn fetch_module_interface() {
    use wazper::wasm::fetch::FetchError;
    let ok = "(req) => Promise.resolve(new Response(req.method + ' ' + req.headers.get('x-a') + ' ' + req.redirect, { status: 201, headers: { 'x-b': 'B' } }))";
    let r = send_with(ok, "PUT", &[("X-A", "é")], 1000)
        .await
        .expect("sent");
    assert_eq!(r.status, 201);
    assert_eq!(r.header("x-b").as_deref(), Some("B"));
    let text = js_sys::JSON::stringify(&js_sys::Array::from(&r.body))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    // "PUT \u{e9} manual" as UTF-8 bytes: the Latin-1 header value travelled as one byte, é.
    assert!(text.starts_with("[80,85,84,32,"), "{text}");
    assert!(text.ends_with(",32,109,97,110,117,97,108]"), "{text}");

    // Values fetch would reject are refused before gloo-net (whose header calls throw on them).
    for (name, value) in [
        ("X-A", "a\r\nInjected: 1"),
        ("X-A", "nul\0"),
        ("X-A", "€"),
        ("Bad Name", "v"),
        ("", "v"),
    ] {
        match send_with(ok, "GET", &[(name, value)], 1000).await {
            Err(FetchError::InvalidRequest("header")) => {}
            other => panic!("{name:?}: {value:?}: {:?}", other.err()),
        }
    }
    assert!(matches!(
        send_with(ok, "NOT A METHOD", &[], 1000).await,
        Err(FetchError::InvalidRequest("method"))
    ));

    // Redirects are answers, never followed.
    let moved = "() => Promise.resolve(new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/' } }))";
    assert!(matches!(
        send_with(moved, "GET", &[], 1000).await,
        Err(FetchError::Redirect { status: 307 })
    ));

    // The attempt's own timeout, body read included.
    let hangs = "(req) => new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(new DOMException('t', 'AbortError'))))";
    assert!(matches!(
        send_with(hangs, "GET", &[], 20).await,
        Err(FetchError::Timeout)
    ));
    let slow_body = "() => Promise.resolve(new Response(new ReadableStream({ pull() { return new Promise(() => {}); } })))";
    assert!(matches!(
        send_with(slow_body, "GET", &[], 20).await,
        Err(FetchError::Timeout)
    ));
    // A fetch that ignores the signal altogether still cannot hold the attempt past its timeout.
    let deaf = "() => new Promise(() => {})";
    assert!(matches!(
        send_with(deaf, "GET", &[], 20).await,
        Err(FetchError::Timeout)
    ));
}

#[wasm_bindgen_test]
async fn fetch_sends_the_query_as_given() {
    use wazper::wasm::fetch::{send, FetchRequest};
    // gloo-net appends '&' to a query already in the URL; the edge proxy's upstream must get
    // exactly the query the core wrote.
    let fake =
        FakeFetch::install("(req) => Promise.resolve(new Response(new URL(req.url).search))");
    for (url, search) in [
        (
            "https://api.example.test/v1/x?email=a%2Bb%40c.example",
            "?email=a%2Bb%40c.example",
        ),
        (
            "https://api.example.test/v1/x?email=%C3%A9%20x#frag",
            "?email=%C3%A9+x",
        ),
        ("https://api.example.test/v1/x", ""),
    ] {
        let r = send(&FetchRequest {
            method: "GET",
            url,
            headers: &[],
            body: None,
            timeout_ms: 1000,
            signal: None,
            max_response_bytes: 1 << 20,
        })
        .await
        .unwrap_or_else(|e| panic!("{url}: {e:?}"));
        let sent: Vec<u8> = r.body.to_vec();
        assert_eq!(String::from_utf8_lossy(&sent), search, "{url}");
    }
    drop(fake);
}

#[wasm_bindgen_test]
fn string_cache_hands_back_the_right_string_past_its_capacity() {
    use wazper::wasm::strings::{js, with_js};
    // Distinct &'static strs at scattered addresses, more than the cache holds (1024), so sorted
    // inserts, hits and the uncached path past capacity are all taken.
    let keys: Vec<&'static str> = (0..1500)
        .map(|i| &*Box::leak(format!("key-{}", (i * 7919) % 1500).into_boxed_str()))
        .collect();
    for round in 0..2 {
        for k in &keys {
            let v = js(k);
            assert_eq!(v.as_string().as_deref(), Some(*k), "round {round}");
        }
    }
    // A cached key answers equal strings each time; a nested call still answers right.
    assert!(js(keys[0]) == js(keys[0]));
    let nested = with_js(keys[1], |outer| {
        (
            outer.as_string(),
            with_js(keys[2], |inner| inner.as_string()),
        )
    });
    assert_eq!(nested, (Some(keys[1].to_owned()), Some(keys[2].to_owned())));
}
