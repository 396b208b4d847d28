//! Response handling from raw bytes: a body (as the API might send it) through the shape checks
//! and the error mapping of every endpoint. Never panics; the key never survives, in any case.
#![no_main]
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use wazper::client::request::Endpoint;
use wazper::client::response::{
    decode, has_documented_shape, map_error, ResponseBody, ResponseJson, RawResponse,
};

const KEY: &str = "sk_FUZZ_key_0123";

#[derive(Clone, Debug, PartialEq)]
struct J(Value);

impl ResponseJson for J {
    fn conforms<T: serde::de::DeserializeOwned>(&self) -> bool {
        serde_json::from_value::<T>(self.0.clone()).is_ok()
    }
}

fn text(v: &Value, name: &str) -> Option<String> {
    v.get(name).and_then(Value::as_str).map(str::to_owned)
}

fuzz_target!(|data: &[u8]| {
    let Some((&status_byte, body)) = data.split_first() else {
        return;
    };
    let status = [
        200u16, 201, 202, 204, 400, 401, 402, 403, 404, 408, 409, 429, 500, 502, 503, 0,
    ][usize::from(status_byte & 15)];
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let raw_text = String::from_utf8_lossy(body);
    for endpoint in [
        Endpoint::UserSync,
        Endpoint::CreateColleague,
        Endpoint::ListColleagues,
        Endpoint::UpdateColleague,
    ] {
        let body = match &parsed {
            Some(v) if (200..300).contains(&status) => ResponseBody::Json(J(v.clone())),
            Some(v) => ResponseBody::Error {
                error: text(v, "error"),
                details: text(v, "details"),
                code: text(v, "code"),
            },
            None if (200..300).contains(&status) => ResponseBody::NotJson,
            None => ResponseBody::Error {
                error: Some(raw_text.clone().into_owned()),
                details: None,
                code: None,
            },
        };
        if let ResponseBody::Json(v) = &body {
            let _ = has_documented_shape(endpoint, v);
        }
        let response = RawResponse {
            status,
            status_text: raw_text.clone().into_owned(),
            retry_after: None,
            body,
        };
        match decode(endpoint, response, Some(KEY)) {
            Ok(_) => assert!((200..300).contains(&status)),
            Err(f) => {
                let all = format!("{:?}", f.error).to_ascii_lowercase();
                assert!(!all.contains(&KEY.to_ascii_lowercase()), "{all}");
                assert!(f.error.message.chars().count() <= 320);
            }
        }
    }
    let e = map_error(
        status.max(100),
        &raw_text,
        Some(&raw_text),
        Some(&raw_text),
        Some(KEY),
    );
    assert!(!format!("{e:?}")
        .to_ascii_lowercase()
        .contains(&KEY.to_ascii_lowercase()));
});
