//! Input validation of the four calls (each error names its field, no request is sent) and the requests they build.

use super::*;

fn code_of<T: std::fmt::Debug>(r: Result<T, Error>) -> (ErrorCode, Option<&'static str>) {
    let e = r.unwrap_err();
    assert_eq!(e.status, None, "client-side errors carry no status");
    (e.code, e.details.and_then(|d| d.field))
}

#[test]
fn user_sync_validation() {
    let c = config();
    use ErrorCode::*;
    assert_eq!(
        code_of(c.plan_user_sync(user(Field::Absent, text("US")))),
        (EmailRequired, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("  "), text("US")))),
        (EmailRequired, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(Field::Null, text("US")))),
        (EmailRequired, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("nope"), text("US")))),
        (InvalidEmail, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(Field::Number(1.0), text("US")))),
        (InvalidArgument, Some("user.email"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("a@acme.example"), Field::Absent))),
        (CountryRequired, Some("user.country"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("a@acme.example"), text("")))),
        (CountryRequired, Some("user.country"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("a@acme.example"), text("Narnia")))),
        (InvalidCountry, Some("user.country"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(user(text("a@acme.example"), Field::Bool(true)))),
        (InvalidArgument, Some("user.country"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(Arg::Null)),
        (InvalidArgument, Some("user"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(Arg::Absent)),
        (InvalidArgument, Some("user"))
    );
    assert_eq!(
        code_of(c.plan_user_sync(Arg::Other("string"))),
        (InvalidArgument, Some("user"))
    );
    let mut u = user(text("a@acme.example"), text("US"));
    if let Arg::Object(r) = &mut u {
        r.job_title = Field::Number(3.0);
    }
    assert_eq!(
        code_of(c.plan_user_sync(u)),
        (InvalidArgument, Some("user.jobTitle"))
    );
}

#[test]
fn user_sync_wire() {
    let c = config();
    let mut u = user(text(" John.Doe@ACME.example "), text("us"));
    if let Arg::Object(r) = &mut u {
        r.first_name = text("John \"JD\"");
        r.last_name = Field::Null;
        r.job_title = text("Eng\n\u{1}");
    }
    let UserSyncPlan::Send(call) = c.plan_user_sync(u).unwrap() else {
        panic!()
    };
    assert_eq!(call.request.method, Method::Post);
    assert_eq!(call.request.url, "https://api.example.test/v1/user-sync");
    let body: Value = serde_json::from_str(call.request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"user": {"email": "John.Doe@acme.example", "country": "United States", "firstName": "John \"JD\"", "jobTitle": "Eng\n\u{1}"}})
    );
    let headers = &call.request.headers;
    assert!(headers.contains(&("Content-Type", "application/json".into())));
    assert!(headers.contains(&("Accept", "application/json".into())));
}

#[test]
fn personal_emails_skip_without_request() {
    let c = config();
    assert_eq!(
        c.plan_user_sync(user(text("someone@gmail.com"), text("US")))
            .unwrap(),
        UserSyncPlan::SkippedPersonalEmail
    );
    let mut raw = raw_opts(Some(KEY), Some("https://api.example.test"));
    raw.skip_personal_emails = Field::Bool(false);
    let c2 = client_config(Arg::Object(raw), Runtime::Server).unwrap();
    assert!(matches!(
        c2.plan_user_sync(user(text("someone@gmail.com"), text("US")))
            .unwrap(),
        UserSyncPlan::Send(_)
    ));
    // Validation still runs first.
    assert_eq!(
        code_of(c.plan_user_sync(user(text("someone@gmail.com"), Field::Absent))).0,
        ErrorCode::CountryRequired
    );
}

#[test]
fn create_colleague_validation_and_wire() {
    let c = config();
    use ErrorCode::*;
    let mut r = new_colleague();
    r.name = Field::Absent;
    r.company_name = text(" ");
    let e = c.plan_create_colleague(Arg::Object(r)).unwrap_err();
    assert_eq!(e.code, MissingFields);
    assert_eq!(e.message, "Required fields missing: name, companyName");
    assert_eq!(e.details.unwrap().field, Some("name"));
    let mut r = new_colleague();
    r.email = text("bad@");
    assert_eq!(
        code_of(c.plan_create_colleague(Arg::Object(r))),
        (InvalidEmail, Some("email"))
    );
    let mut r = new_colleague();
    r.to_be_invited_by_id = text("not an email");
    assert_eq!(
        code_of(c.plan_create_colleague(Arg::Object(r))),
        (InvalidEmail, Some("toBeInvitedById"))
    );
    for team in [
        Field::Number(1.5),
        Field::Number(f64::NAN),
        text("2"),
        Field::Number(1e300),
    ] {
        let mut r = new_colleague();
        r.team = team;
        assert_eq!(
            code_of(c.plan_create_colleague(Arg::Object(r))),
            (InvalidArgument, Some("team"))
        );
    }
    let mut r = new_colleague();
    r.website = Field::Other("object");
    assert_eq!(
        code_of(c.plan_create_colleague(Arg::Object(r))),
        (InvalidArgument, Some("website"))
    );
    assert_eq!(
        code_of(c.plan_create_colleague(Arg::Null)).0,
        InvalidArgument
    );

    let mut r = new_colleague();
    r.team = Field::Number(-2.0);
    r.website = text("https://acme.example");
    let call = c.plan_create_colleague(Arg::Object(r)).unwrap();
    assert_eq!(
        call.request.url,
        "https://api.example.test/v1/colleagues-create"
    );
    let body: Value = serde_json::from_str(call.request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"name": "Samuel Prospective", "email": "samuel.p@acme.example", "companyName": "Acme",
               "toBeInvitedById": "boss@acme.example", "website": "https://acme.example", "team": -2})
    );
}

#[test]
fn update_validation_and_wire() {
    let c = config();
    use ErrorCode::*;
    assert_eq!(
        code_of(c.plan_update_colleague(update(Field::Absent, text("invited"), Field::Absent))),
        (MissingFields, Some("id"))
    );
    assert_eq!(
        code_of(c.plan_update_colleague(update(text("tbi_1"), Field::Absent, Field::Null))).0,
        MissingFields
    );
    assert_eq!(
        code_of(c.plan_update_colleague(update(text("tbi_1"), Field::Absent, text("x@")))),
        (InvalidEmail, Some("email"))
    );
    assert_eq!(
        code_of(c.plan_update_colleague(update(Field::Number(1.0), text("a"), Field::Absent))),
        (InvalidArgument, Some("id"))
    );
    let call = c
        .plan_update_colleague(update(
            text("tbi_1"),
            text("invited"),
            text("new@acme.example"),
        ))
        .unwrap();
    assert_eq!(call.request.method, Method::Patch);
    let body: Value = serde_json::from_str(call.request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"id": "tbi_1", "status": "invited", "email": "new@acme.example"})
    );
}

#[test]
fn list_validation_and_query() {
    let c = config();
    assert_eq!(
        code_of(c.plan_list_colleagues(Field::Absent)).0,
        ErrorCode::EmailRequired
    );
    assert_eq!(
        code_of(c.plan_list_colleagues(text(""))).0,
        ErrorCode::EmailRequired
    );
    assert_eq!(
        code_of(c.plan_list_colleagues(text("x"))).0,
        ErrorCode::InvalidEmail
    );
    assert_eq!(
        code_of(c.plan_list_colleagues(Field::Other("object"))).0,
        ErrorCode::InvalidArgument
    );
    let call = c
        .plan_list_colleagues(text("j.o+tag@acme.example"))
        .unwrap();
    assert_eq!(call.request.method, Method::Get);
    assert_eq!(call.request.body, None);
    assert_eq!(
        call.request.url,
        "https://api.example.test/v1/colleagues-list?email=j.o%2Btag%40acme.example"
    );
    assert!(!call
        .request
        .headers
        .iter()
        .any(|(k, _)| *k == "Content-Type"));
}

#[test]
fn query_encoding() {
    assert_eq!(encode_query_component("a+b@c.d"), "a%2Bb%40c.d");
    assert_eq!(
        encode_query_component("a b&c=d#e/f?é"),
        "a%20b%26c%3Dd%23e%2Ff%3F%C3%A9"
    );
    assert_eq!(encode_query_component("AZaz09-._~"), "AZaz09-._~");
}

#[test]
fn no_key_means_no_header() {
    let c = opts(None, Some("https://app.example/wazper"), Runtime::Browser).unwrap();
    for call in all_calls(&c) {
        assert!(!call
            .request
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("x-api-key")));
    }
}

// ---------- the form the wasm shell hands inputs to serde in ----------

#[test]
fn inputs_deserialize_from_the_shells_snapshot_form() {
    let user: RawSyncUser = serde_json::from_value(json!({
        "email": "a@acme.example",
        "country": ["null"],
        "firstName": ["symbol"],
        "lastName": 7,
        "name": true,
        "jobTitle": ["a value whose getter threw"],
        "inviteLink": ["no such type"],
        "ignored": 1
    }))
    .unwrap();
    assert_eq!(user.email, text("a@acme.example"));
    assert_eq!(user.country, Field::Null);
    assert_eq!(user.first_name, Field::Other("symbol"));
    assert_eq!(user.last_name, Field::Number(7.0));
    assert_eq!(user.name, Field::Bool(true));
    assert_eq!(user.job_title, Field::Other("a value whose getter threw"));
    assert_eq!(user.invite_link, Field::Other("unknown"));
    let opts: RawClientOptions = serde_json::from_value(json!({
        "apiKey": null, "baseUrl": "https://x.example", "timeoutMs": 1.5, "maxRetries": ["array"],
        "skipPersonalEmails": false, "dangerouslyAllowBrowser": ["object"], "maxResponseBytes": 10
    }))
    .unwrap();
    // serde_json's null is unit: the shell never sends it (null travels as ["null"]).
    assert_eq!(opts.api_key, Field::Absent);
    assert_eq!(opts.timeout_ms, Field::Number(1.5));
    assert_eq!(opts.max_retries, Field::Other("array"));
    assert_eq!(opts.dangerously_allow_browser, Field::Other("object"));
    assert_eq!(opts.max_response_bytes, Field::Number(10.0));
    // Missing properties are absent (the snapshot leaves undefined ones out).
    let update: RawColleagueUpdate = serde_json::from_value(json!({"id": "tbi_1"})).unwrap();
    assert_eq!(
        (update.id, update.status, update.email),
        (text("tbi_1"), Field::Absent, Field::Absent)
    );
}
