//! Responses: documented success shapes returned as given, every documented error mapped to its code, redirects.

use super::*;

#[test]
fn success_bodies_are_returned_as_given() {
    let c = config();
    let sync = json!({"success": true, "status": "processing", "requestId": "r", "userId": "u", "message": "m", "extra": {"kept": 1}});
    let t = FakeTransport::new(vec![ok(202, sync.clone())]);
    assert_eq!(
        run(&c, &sync_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        sync
    );

    let mut col = colleague("tbi_1", "a@acme.example");
    col["unknownField"] = json!([1, 2]);
    let t = FakeTransport::new(vec![ok(201, col.clone())]);
    assert_eq!(
        run(&c, &create_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        col
    );
    let t = FakeTransport::new(vec![ok(200, col.clone())]);
    assert_eq!(
        run(&c, &update_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        col
    );

    // Missing optional fields are tolerated (the list example in the docs has no team etc.).
    let list = json!([{"id": "tbi_abc123", "email": "jane@example.com", "name": "Jane", "photo": null}, colleague("tbi_2", "b@acme.example")]);
    let t = FakeTransport::new(vec![ok(200, list.clone())]);
    assert_eq!(
        run(&c, &list_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        list
    );
    let t = FakeTransport::new(vec![ok(200, json!([]))]);
    assert_eq!(
        run(&c, &list_call(&c), &t, &FakeClock::default())
            .unwrap()
            .0,
        json!([])
    );
}

#[test]
fn wrong_success_shapes_are_invalid_response() {
    let c = config();
    let cases: Vec<(wazper::client::Call, Value)> = vec![
        (sync_call(&c), json!({"status": "processing"})),
        (
            sync_call(&c),
            json!({"success": "yes", "status": "processing"}),
        ),
        (sync_call(&c), json!([])),
        (create_call(&c), json!({"name": "x"})),
        (create_call(&c), json!({"id": 5, "email": "a@b.co"})),
        (
            update_call(&c),
            json!({"id": "x", "email": "a@b.co", "team": "two"}),
        ),
        (list_call(&c), json!({"id": "x"})),
        (list_call(&c), json!([{"id": "x", "email": "a@b.co"}, 3])),
        (list_call(&c), json!(null)),
    ];
    for (call, body) in cases {
        let t = FakeTransport::new(vec![ok(200, body.clone())]);
        let e = run(&c, &call, &t, &FakeClock::default()).unwrap_err();
        assert_eq!(
            (e.code, e.status),
            (ErrorCode::InvalidResponse, Some(200)),
            "{body}"
        );
        assert_eq!(t.attempts(), 1, "invalid_response is not retried");
    }
    let t = FakeTransport::new(vec![Ok(RawResponse {
        status: 200,
        status_text: "OK".into(),
        retry_after: None,
        body: ResponseBody::NotJson,
    })]);
    assert_eq!(
        run(&c, &list_call(&c), &t, &FakeClock::default())
            .unwrap_err()
            .code,
        ErrorCode::InvalidResponse
    );
}

/// Every documented error of every endpoint (docs/api.md).
#[test]
fn documented_errors_map_to_codes() {
    use ErrorCode::*;
    let table: &[(Endpoint, u16, &str, ErrorCode)] = &[
        (Endpoint::UserSync, 400, "User email is required", EmailRequired),
        (Endpoint::UserSync, 400, "User IP (country) is required", CountryRequired),
        (Endpoint::UserSync, 400, "API Key is not linked to a valid organization.", ApiKeyNotLinked),
        (Endpoint::UserSync, 401, "API Key is required", ApiKeyRequired),
        (Endpoint::UserSync, 401, "Invalid API Key", InvalidApiKey),
        (Endpoint::UserSync, 401, "Invalid organization ID", InvalidOrganization),
        (Endpoint::UserSync, 402, "API Key has no remaining credits.", NoCredits),
        (Endpoint::UserSync, 500, "Internal server error", ServerError),
        (Endpoint::CreateColleague, 400, "Required fields missing: name, email, companyName, and toBeInvitedById are required", MissingFields),
        (Endpoint::CreateColleague, 400, "API Key is not linked to a valid organization.", ApiKeyNotLinked),
        (Endpoint::CreateColleague, 401, "API Key is required", ApiKeyRequired),
        (Endpoint::CreateColleague, 401, "Invalid API Key or key not linked to an organization", InvalidApiKey),
        (Endpoint::CreateColleague, 403, "Waz is currently disabled", WazDisabled),
        (Endpoint::CreateColleague, 409, "A colleague with this email (samuel.p@example.com) may already exist for this client or inviter.", DuplicateEmail),
        (Endpoint::CreateColleague, 500, "Internal server error", ServerError),
        (Endpoint::ListColleagues, 400, "Email parameter is required", EmailRequired),
        (Endpoint::ListColleagues, 400, "API Key is not linked to a valid organization.", ApiKeyNotLinked),
        (Endpoint::ListColleagues, 401, "API Key is required", ApiKeyRequired),
        (Endpoint::ListColleagues, 401, "Invalid API Key or key not linked to an organization", InvalidApiKey),
        (Endpoint::ListColleagues, 403, "Waz is currently disabled", WazDisabled),
        (Endpoint::ListColleagues, 500, "Internal server error", ServerError),
        (Endpoint::UpdateColleague, 400, "Required fields missing: id and either status or email are required", MissingFields),
        (Endpoint::UpdateColleague, 400, "Invalid email format", InvalidEmail),
        (Endpoint::UpdateColleague, 401, "API Key is required", ApiKeyRequired),
        (Endpoint::UpdateColleague, 401, "Invalid API Key or key not linked to an organization", InvalidApiKey),
        (Endpoint::UpdateColleague, 403, "Waz is currently disabled", WazDisabled),
        (Endpoint::UpdateColleague, 404, "Colleague with ID tbi_nonexistent not found for client org_abc123xyz.", NotFound),
        (Endpoint::UpdateColleague, 409, "A colleague with the new email (new.email@example.com) may already exist.", DuplicateEmail),
        (Endpoint::UpdateColleague, 500, "Internal server error", ServerError),
    ];
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    for &(endpoint, status, message, code) in table {
        let call = all_calls(&c)
            .into_iter()
            .find(|k| k.endpoint == endpoint)
            .unwrap();
        let t = FakeTransport::new(vec![Ok(RawResponse {
            status,
            status_text: String::new(),
            retry_after: None,
            body: ResponseBody::Error {
                error: Some(message.into()),
                details: Some("The error message from the server.".into()),
                code: None,
            },
        })]);
        let e = run(&c, &call, &t, &FakeClock::default()).unwrap_err();
        assert_eq!(
            (e.code, e.status),
            (code, Some(status)),
            "{endpoint:?} {status} {message}"
        );
        assert_eq!(e.message, message);
        assert_eq!(
            e.details.unwrap().server.as_deref(),
            Some("The error message from the server.")
        );
    }
}

#[test]
fn other_statuses() {
    use ErrorCode::*;
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    for (status, code) in [
        (429, RateLimited),
        (502, ServerError),
        (503, ServerError),
        (599, ServerError),
        (418, HttpError),
        (408, HttpError),
        (400, HttpError),
        (401, HttpError),
        (301, HttpError),
        (100, HttpError),
    ] {
        let t = FakeTransport::new(vec![err(status, "something else")]);
        let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
        assert_eq!((e.code, e.status), (code, Some(status)), "{status}");
    }
}

#[test]
fn non_json_error_body_keeps_status_and_a_readable_message() {
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    for (status, status_text, want) in [
        (502, "Bad Gateway", "HTTP 502 Bad Gateway"),
        (502, "", "HTTP 502 Bad Gateway"),
        (418, "", "HTTP 418"),
        (
            520,
            "Web Server Returned an Unknown Error",
            "HTTP 520 Web Server Returned an Unknown Error",
        ),
    ] {
        let t = FakeTransport::new(vec![Ok(RawResponse {
            status,
            status_text: status_text.into(),
            retry_after: None,
            body: ResponseBody::NotJson,
        })]);
        let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
        assert_eq!(e.status, Some(status));
        assert_eq!(e.message, want);
        assert_eq!(e.details, None);
    }
}

#[test]
fn redirects_are_not_followed_and_reported() {
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    // Status 0: a browser's opaque redirect; 3xx: what Node and Workers hand back.
    let t = FakeTransport::new(vec![Ok(RawResponse {
        status: 0,
        status_text: String::new(),
        retry_after: None,
        body: ResponseBody::NotJson,
    })]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::HttpError, None));
    assert!(e.message.contains("redirect"));
    let t = FakeTransport::new(vec![Ok(RawResponse {
        status: 302,
        status_text: String::new(),
        retry_after: None,
        body: ResponseBody::NotJson,
    })]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!(
        (e.code, e.status, e.message.as_str()),
        (ErrorCode::HttpError, Some(302), "HTTP 302 Found")
    );
}

/// A wazper edge proxy names the code of its own validation rejections; only those codes, and only
/// on a 400, are taken from the body: any other status keeps its documented mapping.
#[test]
fn proxy_validation_codes_are_taken_from_the_body() {
    use ErrorCode::*;
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    let call = create_call(&c);
    let cases: &[(u16, &str, ErrorCode)] = &[
        (400, "invalid_country", InvalidCountry),
        (400, "invalid_argument", InvalidArgument),
        (400, "missing_fields", MissingFields),
        (400, "no_credits", HttpError),
        (400, "made_up", HttpError),
        (402, "invalid_country", NoCredits),
        (409, "email_required", DuplicateEmail),
    ];
    for &(status, body_code, expected) in cases {
        let t = FakeTransport::new(vec![Ok(RawResponse {
            status,
            status_text: String::new(),
            retry_after: None,
            body: ResponseBody::Error {
                error: Some("Rejected by the proxy".into()),
                details: None,
                code: Some(body_code.into()),
            },
        })]);
        let e = run(&c, &call, &t, &FakeClock::default()).unwrap_err();
        assert_eq!(
            (e.code, e.status),
            (expected, Some(status)),
            "{status} {body_code}"
        );
        assert_eq!(e.message, "Rejected by the proxy");
    }
}

#[test]
fn too_large_body_is_invalid_response_not_retried() {
    let c = config();
    let t = FakeTransport::new(vec![Err(TransportError::TooLarge { status: 200 })]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::InvalidResponse, Some(200)));
    assert!(e.message.contains("maxResponseBytes"), "{}", e.message);
    assert_eq!(t.sent.borrow().len(), 1, "not retried");
}
