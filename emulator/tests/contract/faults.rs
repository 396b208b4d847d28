//! Fault injection through POST /__emulator/faults: every action, queueing, clearing.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::*;

const SYNC_BODY: &str = r#"{"user":{"email":"jane@acme.example","country":"France"}}"#;

#[tokio::test]
async fn status_fault_uses_the_documented_500_shapes_and_retry_after() {
    let e = start().await;
    e.fault(
        json!({"route": "/v1/user-sync", "action": "status", "status": 503, "retryAfter": "2"}),
    )
    .await;
    let r = e
        .call("POST", "/v1/user-sync", Some("demo_key"), Some(SYNC_BODY))
        .await;
    assert_eq!(
        r.sj(),
        (
            503,
            json!({"success": false, "error": "Internal server error", "details": "Injected fault: 503 Service Unavailable"})
        )
    );
    assert_eq!(r.header("retry-after"), Some("2"));
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("Retry-After")
    );
    // The faulted request was not processed; the next one is.
    assert_eq!(e.state().await["syncs"]["accepted"], 0);
    assert_eq!(
        e.call("POST", "/v1/user-sync", Some("demo_key"), Some(SYNC_BODY))
            .await
            .status,
        202
    );

    e.fault(json!({"route": "/v1/colleagues-list"})).await;
    let r = e.list_raw().await;
    assert_eq!(
        r.sj(),
        (
            500,
            json!({"error": "Internal server error", "details": "Injected fault: 500 Internal Server Error"})
        )
    );
    assert_eq!(r.header("retry-after"), None);
}

#[tokio::test]
async fn status_fault_documented_4xx_bodies() {
    let e = start().await;
    let create = json!({"name": "N", "email": "dup@example.com", "companyName": "C", "toBeInvitedById": "me@example.com"}).to_string();
    let update = json!({"id": "tbi_gone", "email": "new@example.com"}).to_string();
    let cases: Vec<(&str, &str, Option<&str>, u16, serde_json::Value)> = vec![
        (
            "POST",
            "/v1/user-sync",
            Some(SYNC_BODY),
            401,
            json!({"error": "Invalid API Key"}),
        ),
        (
            "POST",
            "/v1/user-sync",
            Some(SYNC_BODY),
            402,
            json!({"error": "API Key has no remaining credits."}),
        ),
        (
            "POST",
            "/v1/user-sync",
            Some(SYNC_BODY),
            400,
            json!({"error": "User email is required"}),
        ),
        (
            "GET",
            "/v1/colleagues-list?email=x%40y.example",
            None,
            403,
            json!({"error": "Waz is currently disabled"}),
        ),
        (
            "GET",
            "/v1/colleagues-list?email=x%40y.example",
            None,
            401,
            json!({"error": "Invalid API Key or key not linked to an organization"}),
        ),
        (
            "POST",
            "/v1/colleagues-create",
            Some(&create),
            409,
            json!({"error": "A colleague with this email (dup@example.com) may already exist for this client or inviter."}),
        ),
        (
            "PATCH",
            "/v1/colleagues-update",
            Some(&update),
            404,
            json!({"error": "Colleague with ID tbi_gone not found for client org_demo123."}),
        ),
        (
            "PATCH",
            "/v1/colleagues-update",
            Some(&update),
            409,
            json!({"error": "A colleague with the new email (new@example.com) may already exist."}),
        ),
        (
            "GET",
            "/v1/colleagues-list?email=x%40y.example",
            None,
            429,
            json!({"error": "Too Many Requests"}),
        ),
    ];
    for (method, path, body, status, expect) in cases {
        e.fault(json!({"route": path.split('?').next().unwrap(), "status": status}))
            .await;
        let r = e.call(method, path, Some("demo_key"), body).await;
        assert_eq!(r.sj(), (status, expect), "{method} {path} {status}");
    }
}

#[tokio::test]
async fn html_502_from_a_proxy() {
    let e = start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    e.fault(json!({"route": "*", "status": 502, "body": html, "contentType": "text/html"}))
        .await;
    let r = e.list_raw().await;
    assert_eq!(r.status, 502);
    assert_eq!(r.header("content-type"), Some("text/html"));
    assert_eq!(r.text(), html);
}

#[tokio::test]
async fn count_and_queue_order() {
    let e = start().await;
    e.fault(json!({"route": "/v1/user-sync", "count": 2, "status": 503}))
        .await;
    e.fault(json!({"route": "*", "status": 429, "retryAfter": 1}))
        .await;
    // The list call skips the user-sync fault and takes the next matching one.
    let r = e.list_raw().await;
    assert_eq!((r.status, r.header("retry-after")), (429, Some("1")));
    for _ in 0..2 {
        assert_eq!(
            e.call("POST", "/v1/user-sync", Some("demo_key"), Some(SYNC_BODY))
                .await
                .status,
            503
        );
    }
    assert_eq!(
        e.call("POST", "/v1/user-sync", Some("demo_key"), Some(SYNC_BODY))
            .await
            .status,
        202
    );
    assert_eq!(
        e.control("GET", "/__emulator/faults", None).await.json(),
        json!({"faults": []})
    );
}

#[tokio::test]
async fn delay_then_normal_answer() {
    let e = start().await;
    e.fault(json!({"action": "delay", "delayMs": 300})).await;
    let t = Instant::now();
    let r = e
        .call("POST", "/v1/user-sync", Some("demo_key"), Some(SYNC_BODY))
        .await;
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, 202);
    let t = Instant::now();
    e.call("POST", "/v1/user-sync", Some("demo_key"), Some(SYNC_BODY))
        .await;
    assert!(t.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn drop_closes_without_a_response() {
    let e = start().await;
    e.fault(json!({"route": "/v1/colleagues-create", "action": "drop"}))
        .await;
    let req = "POST /v1/colleagues-create HTTP/1.1\r\nHost: x\r\nX-API-Key: demo_key\r\nContent-Length: 2\r\n\r\n{}";
    let bytes = raw(e.addr, req.as_bytes()).await;
    assert!(
        bytes.is_empty(),
        "got {:?}",
        String::from_utf8_lossy(&bytes)
    );
    // The log still shows the request arrived.
    assert_eq!(e.requests().await.len(), 1);
    // And the server is fine afterwards.
    assert_eq!(
        e.call(
            "POST",
            "/v1/colleagues-create",
            Some("demo_key"),
            Some("{}")
        )
        .await
        .status,
        400
    );
}

#[tokio::test]
async fn malformed_answers_success_status_with_invalid_json() {
    let e = start().await;
    for (method, path, body, status) in [
        ("POST", "/v1/colleagues-create", Some("{}"), 201),
        ("POST", "/v1/user-sync", Some(SYNC_BODY), 202),
        ("GET", "/v1/colleagues-list?email=a%40b.example", None, 200),
        ("PATCH", "/v1/colleagues-update", Some("{}"), 200),
    ] {
        e.fault(json!({"action": "malformed"})).await;
        let r = e.call(method, path, Some("demo_key"), body).await;
        assert_eq!(r.status, status, "{path}");
        assert!(r
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
        assert_eq!(r.text(), "{\"id\": ");
        assert!(serde_json::from_slice::<serde_json::Value>(&r.body).is_err());
    }
}

#[tokio::test]
async fn truncated_announces_more_than_it_sends() {
    let e = start().await;
    e.fault(json!({"route": "/v1/colleagues-list", "action": "truncated"}))
        .await;
    let r = e.list_raw().await;
    assert_eq!(r.status, 200);
    assert!(!r.complete);
    let announced: usize = r.header("content-length").unwrap().parse().unwrap();
    assert!(
        !r.body.is_empty() && r.body.len() < announced,
        "{} of {announced}",
        r.body.len()
    );
}

#[tokio::test]
async fn clearing_faults_and_preflights_do_not_consume_them() {
    let e = start().await;
    e.fault(json!({"status": 503, "count": 3})).await;
    assert_eq!(
        e.control("DELETE", "/__emulator/faults", None).await.status,
        200
    );
    assert_eq!(
        e.call("POST", "/v1/user-sync", Some("demo_key"), Some(SYNC_BODY))
            .await
            .status,
        202
    );

    e.fault(json!({"status": 503})).await;
    let pre = send(
        e.addr,
        "OPTIONS",
        "/v1/user-sync",
        &[
            ("Origin", "http://app.example"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "x-api-key,content-type"),
        ],
        None,
    )
    .await;
    assert_eq!(pre.status, 204);
    assert_eq!(
        e.call("POST", "/v1/user-sync", Some("demo_key"), Some(SYNC_BODY))
            .await
            .status,
        503
    );
}

#[tokio::test]
async fn bad_fault_specs_are_400() {
    let e = start().await;
    for spec in [
        json!({"action": "explode"}),
        json!({"route": "/elsewhere"}),
        json!({"count": 0}),
        json!({"status": 42}),
        json!({"delayMs": -1}),
        json!({"surprise": true}),
        json!("drop"),
        json!([{"action": "drop"}, {"action": "nope"}]),
    ] {
        let r = e
            .control("POST", "/__emulator/faults", Some(spec.clone()))
            .await;
        assert_eq!(r.status, 400, "{spec}");
        assert!(r.json()["error"].is_string());
    }
    let r = send(e.addr, "POST", "/__emulator/faults", &[], Some(b"{nope")).await;
    assert_eq!(r.status, 400);
    // Nothing was queued by the bad batch.
    assert_eq!(
        e.control("GET", "/__emulator/faults", None).await.json(),
        json!({"faults": []})
    );
    // An array queues several at once.
    e.fault(json!([{"status": 502}, {"action": "drop"}])).await;
    assert_eq!(
        e.control("GET", "/__emulator/faults", None).await.json()["faults"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn latency_applies_to_api_responses_only() {
    let e = start_with(|c| c.latency_ms = 250).await;
    let t = Instant::now();
    assert_eq!(e.list_raw().await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(250));
    let t = Instant::now();
    assert_eq!(send(e.addr, "GET", "/", &[], None).await.status, 200);
    assert_eq!(
        e.control("GET", "/__emulator/state", None).await.status,
        200
    );
    assert!(t.elapsed() < Duration::from_millis(500));
}
