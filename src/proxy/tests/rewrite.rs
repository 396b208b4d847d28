//! Body validation and rewriting per route, and the secret's shape.
//! Test-only: a child of `proxy::tests` (declared `#[cfg(test)] mod tests;`).

use super::*;

fn prep(p: &Proxy, route: Endpoint, body: Value, cf: Option<&str>) -> Prepared {
    p.prepare(route, Some(&body), "", cf)
}

#[test]
fn user_sync_fills_country_from_edge() {
    let p = anon();
    let out = prep(
        &p,
        Endpoint::UserSync,
        json!({"user": {"email": "ana@acme.io", "firstName": "Ana", "extra": 1}}),
        Some("DE"),
    );
    match &out {
        Prepared::Forward { method, url, .. } => {
            assert_eq!(*method, Method::Post);
            assert_eq!(url, "http://127.0.0.1:9000/v1/user-sync");
        }
        _ => panic!(),
    }
    assert_eq!(
        forward_body(out),
        json!({"user": {"email": "ana@acme.io", "country": "Germany", "firstName": "Ana"}})
    );
    let unrecognisable = json!({"user": {"email": "ana@acme.io", "country": "Narnia"}});
    assert_eq!(
        forward_body(prep(
            &p,
            Endpoint::UserSync,
            unrecognisable.clone(),
            Some("de")
        ))["user"]["country"],
        "Germany"
    );
    let given = json!({"user": {"email": "ana@acme.io", "country": "fr"}});
    assert_eq!(
        forward_body(prep(&p, Endpoint::UserSync, given, Some("DE")))["user"]["country"],
        "France"
    );
    let r = respond(prep(&p, Endpoint::UserSync, unrecognisable, None));
    assert_eq!(
        (r.status, body_json(&r)["code"].clone()),
        (400, json!("invalid_country"))
    );
    let r = respond(prep(
        &p,
        Endpoint::UserSync,
        json!({"user": {"email": "ana@acme.io"}}),
        Some("XX"),
    ));
    assert_eq!(
        body_json(&r),
        json!({"error": "User IP (country) is required", "code": "country_required", "field": "user.country"})
    );
}

#[test]
fn user_sync_skips_personal_emails_and_checks_email() {
    let p = anon();
    let r = respond(prep(
        &p,
        Endpoint::UserSync,
        json!({"user": {"email": "bob@gmail.com"}}),
        None,
    ));
    assert_eq!(r.status, 200);
    assert_eq!(
        body_json(&r),
        json!({"success": true, "status": "skipped", "reason": "personal_email"})
    );
    let r = respond(prep(
        &p,
        Endpoint::UserSync,
        json!({"user": {"country": "DE"}}),
        None,
    ));
    assert_eq!(body_json(&r)["error"], "User email is required");
    let r = respond(prep(&p, Endpoint::UserSync, json!({}), None));
    assert_eq!(body_json(&r)["code"], "invalid_argument");
    let r = respond(prep(
        &p,
        Endpoint::UserSync,
        json!({"user": {"email": "nope", "country": "DE"}}),
        None,
    ));
    assert_eq!(body_json(&r)["error"], "Invalid email format (user.email)");
    let r = respond(prep(
        &p,
        Endpoint::UserSync,
        json!({"user": {"email": 5, "country": "DE"}}),
        None,
    ));
    assert_eq!(body_json(&r)["code"], "invalid_argument");
    let r = respond(prep(
        &p,
        Endpoint::UserSync,
        json!({"user": {"email": "a@acme.io", "country": "DE", "name": 3}}),
        None,
    ));
    assert_eq!(
        body_json(&r)["error"],
        "user.name must be a string, got number"
    );
    assert_eq!(body_json(&r)["field"], "user.name");
    let r = respond(prep(&p, Endpoint::UserSync, json!({"user": [1]}), None));
    assert_eq!(body_json(&r)["code"], "invalid_argument");
    let r = respond(p.prepare::<Value>(Endpoint::UserSync, None, "", None));
    assert_eq!(r.status, 400);
    let junk_name = json!({"user": {"email": "bob@gmail.com", "country": "DE", "name": 3}});
    assert_eq!(
        respond(prep(&p, Endpoint::UserSync, junk_name, None)).status,
        400
    );
    let nowhere = json!({"user": {"email": "bob@gmail.com", "country": "Narnia"}});
    assert_eq!(
        respond(prep(&p, Endpoint::UserSync, nowhere, None)).status,
        200
    );
    let keep = proxy_with(Options {
        allow_anonymous: true,
        skip_personal_emails: Some(false),
        ..Options::default()
    });
    let body = forward_body(prep(
        &keep,
        Endpoint::UserSync,
        json!({"user": {"email": "bob@gmail.com", "country": "US"}}),
        None,
    ));
    assert_eq!(body["user"]["country"], "United States");
}

#[test]
fn create_validates_and_keeps_documented_fields() {
    let p = anon();
    let good = json!({"name": "Sam", "email": "sam@acme.io", "companyName": "Acme", "toBeInvitedById": "ana@acme.io",
        "team": 2, "website": "https://acme.io", "evil": "x"});
    let body = forward_body(prep(&p, Endpoint::CreateColleague, good, None));
    assert_eq!(
        body,
        json!({"name": "Sam", "email": "sam@acme.io", "companyName": "Acme", "toBeInvitedById": "ana@acme.io",
            "website": "https://acme.io", "team": 2})
    );
    let r = respond(prep(
        &p,
        Endpoint::CreateColleague,
        json!({"name": "Sam", "email": "sam@acme.io"}),
        None,
    ));
    assert_eq!(
        body_json(&r)["error"],
        "Required fields missing: companyName, toBeInvitedById"
    );
    let bad_team = json!({"name": "S", "email": "s@acme.io", "companyName": "A", "toBeInvitedById": "a@acme.io", "team": 1.5});
    assert_eq!(
        body_json(&respond(prep(
            &p,
            Endpoint::CreateColleague,
            bad_team,
            None
        )))["error"],
        "team must be an integer"
    );
    let bad_email =
        json!({"name": "S", "email": "s@", "companyName": "A", "toBeInvitedById": "a@acme.io"});
    assert_eq!(
        body_json(&respond(prep(
            &p,
            Endpoint::CreateColleague,
            bad_email,
            None
        )))["code"],
        "invalid_email"
    );
}

#[test]
fn update_needs_id_and_a_change() {
    let p = anon();
    let r = respond(prep(
        &p,
        Endpoint::UpdateColleague,
        json!({"id": "tbi_1"}),
        None,
    ));
    assert_eq!(body_json(&r)["code"], "missing_fields");
    let r = respond(prep(
        &p,
        Endpoint::UpdateColleague,
        json!({"status": "invited"}),
        None,
    ));
    assert_eq!(body_json(&r)["code"], "missing_fields");
    let r = respond(prep(
        &p,
        Endpoint::UpdateColleague,
        json!({"id": "tbi_1", "email": "x"}),
        None,
    ));
    assert_eq!(body_json(&r)["error"], "Invalid email format (email)");
    let body = forward_body(prep(
        &p,
        Endpoint::UpdateColleague,
        json!({"id": "tbi_1", "status": "invited", "x": 1}),
        None,
    ));
    assert_eq!(body, json!({"id": "tbi_1", "status": "invited"}));
}

#[test]
fn list_reencodes_the_email() {
    let p = anon();
    let fwd = p.prepare::<Value>(
        Endpoint::ListColleagues,
        None,
        "x=1&email=ana%2Btag%40acme.io",
        None,
    );
    assert_eq!(
        fwd,
        Prepared::Forward {
            method: Method::Get,
            url: "http://127.0.0.1:9000/v1/colleagues-list?email=ana%2Btag%40acme.io".into(),
            body: None
        }
    );
    let fwd = p.prepare::<Value>(Endpoint::ListColleagues, None, "email=ana@acme.io", None);
    assert!(
        matches!(fwd, Prepared::Forward { ref url, .. } if url.ends_with("?email=ana%40acme.io"))
    );
    let r = respond(p.prepare::<Value>(Endpoint::ListColleagues, None, "", None));
    assert_eq!(body_json(&r)["error"], "Email parameter is required");
    let r = respond(p.prepare::<Value>(Endpoint::ListColleagues, None, "email=%zz", None));
    assert_eq!(body_json(&r)["code"], "invalid_email");
    assert_eq!(query_of("https://x/a?email=1#frag"), "email=1");
}

#[test]
fn key_must_be_header_safe() {
    assert!(api_key_usable("demo_key"));
    assert!(!api_key_usable(""));
    assert!(!api_key_usable("a\r\nb"));
    assert!(!api_key_usable("a b"));
}
