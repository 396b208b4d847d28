//! Key hygiene: the API key never appears in an error, whatever the server echoes.

use super::*;

#[test]
fn the_key_never_appears_in_errors() {
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    let echo = "Invalid API Key sk_SECRET_123 (received sk_SECRET_123)";
    let long_echo = ["x".repeat(295), KEY.to_owned()].concat();
    let outcomes: Vec<Outcome> = vec![
        err(401, echo),
        err(500, &long_echo),
        Ok(RawResponse {
            status: 500,
            status_text: String::new(),
            retry_after: None,
            body: ResponseBody::Error {
                error: Some("Internal server error".into()),
                details: Some(echo.into()),
                code: None,
            },
        }),
        Ok(RawResponse {
            status: 502,
            status_text: KEY.into(),
            retry_after: None,
            body: ResponseBody::NotJson,
        }),
        Ok(RawResponse {
            status: 200,
            status_text: String::new(),
            retry_after: None,
            body: ResponseBody::Json(J(json!({"key": KEY}))),
        }),
        Err(TransportError::Network),
        Err(TransportError::Timeout),
        Err(TransportError::Aborted),
        err_after(429, "120"),
    ];
    for call in all_calls(&c) {
        for o in outcomes.iter().cloned() {
            let t = FakeTransport::new(vec![o]);
            let e = run(&c, &call, &t, &FakeClock::default()).unwrap_err();
            let all = format!("{e:?} {e}");
            assert!(!all.contains(KEY) && !all.contains("sk_SECRET_"), "{all}");
        }
    }
}

#[test]
fn the_key_never_appears_in_any_letter_case() {
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    let upper = KEY.to_ascii_uppercase();
    let lower = KEY.to_ascii_lowercase();
    let mut outcomes: Vec<Outcome> = Vec::new();
    for echo in [upper.as_str(), lower.as_str()] {
        outcomes.push(err(401, &["Invalid API Key ", echo].concat()));
        outcomes.push(err(500, &["x".repeat(295), echo.to_owned()].concat()));
        outcomes.push(Ok(RawResponse {
            status: 500,
            status_text: echo.into(),
            retry_after: None,
            body: ResponseBody::Error {
                error: None,
                details: Some(["key=", echo].concat()),
                code: None,
            },
        }));
    }
    for call in all_calls(&c) {
        for o in outcomes.iter().cloned() {
            let t = FakeTransport::new(vec![o]);
            let e = run(&c, &call, &t, &FakeClock::default()).unwrap_err();
            let all = format!("{e:?} {e}").to_ascii_lowercase();
            assert!(!all.contains("sk_secret_"), "{all}");
        }
    }
}
