//! The control API: request log, state, reset, credits, seed files.

use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn request_log_records_what_was_sent() {
    let e = start().await;
    assert_eq!(e.requests().await, Vec::<serde_json::Value>::new());
    e.call(
        "GET",
        "/v1/colleagues-list?email=a%2Bb%40acme.example",
        Some("demo_key"),
        None,
    )
    .await;
    e.call(
        "POST",
        "/v1/user-sync",
        Some("other_key"),
        Some("{\"user\":{}}"),
    )
    .await;
    send(e.addr, "GET", "/", &[], None).await;
    e.control("GET", "/__emulator/state", None).await;
    let log = e.requests().await;
    assert_eq!(log.len(), 2, "only API requests are logged: {log:?}");
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["path"], "/v1/colleagues-list");
    assert_eq!(log[0]["query"], "email=a%2Bb%40acme.example");
    assert_eq!(log[0]["headers"]["x-api-key"], "demo_key");
    assert_eq!(log[0]["headers"]["accept"], "application/json");
    assert_eq!(log[0]["body"], "");
    assert_eq!(log[1]["method"], "POST");
    assert_eq!(log[1]["query"], serde_json::Value::Null);
    assert_eq!(log[1]["headers"]["content-type"], "application/json");
    assert_eq!(log[1]["body"], "{\"user\":{}}");
    assert!(is_iso_ms(&log[1]["receivedAt"]));
    // The list endpoint decoded "+" as a literal plus.
    e.create("demo_key", &json!({"name": "N", "email": "n@acme.example", "companyName": "C", "toBeInvitedById": "a+b@acme.example"})).await;
    assert_eq!(e.list("demo_key", "a+b@acme.example").await.len(), 1);
    assert_eq!(
        e.control("DELETE", "/__emulator/requests", None)
            .await
            .status,
        200
    );
    assert!(e.requests().await.is_empty());
}

#[tokio::test]
async fn state_and_reset() {
    let e = start().await;
    let s = e.state().await;
    assert_eq!(
        s["keys"]["demo_key"],
        json!({"organization": "org_demo123", "credits": 100})
    );
    assert_eq!(s["keys"]["no_credits_key"]["credits"], 0);
    assert_eq!(
        s["keys"]["unlinked_key"]["organization"],
        serde_json::Value::Null
    );
    assert_eq!(s["organizations"]["org_demo123"]["colleagues"], 0);
    e.sync("demo_key", "jane@acme.example").await;
    e.settle().await;
    e.fault(json!({"status": 500})).await;
    let s = e.state().await;
    assert_eq!(s["organizations"]["org_demo123"]["colleagues"], 10);
    assert_eq!(
        s["organizations"]["org_demo123"]["byStatus"],
        json!({"joined": 1, "pending": 9})
    );
    assert_eq!(s["faultsQueued"], 1);
    assert_eq!(s["keys"]["demo_key"]["credits"], 99);
    assert_eq!(
        e.control("POST", "/__emulator/reset", None).await.sj(),
        (200, json!({"ok": true}))
    );
    let s = e.state().await;
    assert_eq!(s["organizations"]["org_demo123"]["colleagues"], 0);
    assert_eq!(s["keys"]["demo_key"]["credits"], 100);
    assert_eq!(s["faultsQueued"], 0);
    assert_eq!(s["requestsLogged"], 0);
    assert_eq!(s["runs"], json!([]));
    assert_eq!(e.list("demo_key", "jane@acme.example").await.len(), 0);
}

#[tokio::test]
async fn credits_control_validates() {
    let e = start().await;
    assert_eq!(
        e.control(
            "POST",
            "/__emulator/credits",
            Some(json!({"key": "nope", "credits": 1}))
        )
        .await
        .status,
        404
    );
    assert_eq!(
        e.control(
            "POST",
            "/__emulator/credits",
            Some(json!({"key": "demo_key"}))
        )
        .await
        .status,
        400
    );
    assert_eq!(
        e.control(
            "POST",
            "/__emulator/credits",
            Some(json!({"key": "demo_key", "credits": 7}))
        )
        .await
        .status,
        200
    );
    assert_eq!(e.credits("demo_key").await, 7);
}

#[tokio::test]
async fn seed_file_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.json");
    std::fs::write(
        &path,
        json!({
            "organizations": [{"id": "org_t", "inviteLink": "https://t.example/i"}],
            "apiKeys": [{"key": "t_key", "organization": "org_t", "credits": 3}],
            "directory": [{"domain": "T.example", "companyName": "T Co", "people": [
                {"name": "A", "email": "a@t.example"}, {"name": "B", "email": "b@t.example", "photo": "https://cdn.t.example/b.png"},
                {"name": "C", "email": "c@t.example", "status": "invited"}]}]
        })
        .to_string(),
    )
    .unwrap();
    let p = path.clone();
    let e = start_with(move |c| c.seed = Some(p)).await;
    assert_eq!(
        e.sync("demo_key", "x@acme.example").await.status,
        401,
        "the built-in keys are gone"
    );
    assert_eq!(e.sync("t_key", "z@t.example").await.status, 202);
    e.settle().await;
    let list = e.list("t_key", "z@t.example").await;
    assert_eq!(list.len(), 3);
    assert_eq!(
        list[0]["photo"], "https://cdn.t.example/b.png",
        "absolute photo URLs are kept"
    );
    assert!(list.iter().all(|c| c["inviteLink"] == "https://t.example/i"
        && c["redirectionLink"] == "https://app.wazper.com/dashboard"));
    assert!(list.iter().any(|c| c["status"] == "invited"));
    assert_eq!(e.credits("t_key").await, 2);

    std::fs::write(&path, "{\"apiKeys\": [{\"key\": 1}]}").unwrap();
    let bad = wazper_emulator::Emulator::start(&wazper_emulator::Config {
        seed: Some(path),
        port: 0,
        ..Default::default()
    })
    .await;
    assert!(bad.err().unwrap().contains("invalid seed"));
}
