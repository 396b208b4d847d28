//! POST /v1/user-sync: every documented answer, each seed key, and the background run.

use serde_json::{json, Value};

use crate::common::*;

fn err(msg: &str) -> Value {
    json!({ "error": msg })
}

#[tokio::test]
async fn accepted_202_has_the_documented_shape() {
    let e = start().await;
    let r = e.post("/v1/user-sync", "demo_key", &json!({"user": {"email": "jane@acme.example", "country": "France",
        "firstName": "Jane", "lastName": "Doe", "jobTitle": "Engineer", "inviteLink": "https://x.example/i"}})).await;
    assert_eq!(r.status, 202);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let b = r.json();
    let obj = b.as_object().unwrap();
    assert_eq!(obj.len(), 5, "{b}");
    assert_eq!(b["success"], true);
    assert_eq!(b["status"], "processing");
    assert_eq!(
        b["message"],
        "Request accepted and is being processed asynchronously."
    );
    assert!(b["requestId"].as_str().unwrap().starts_with("req_"));
    assert!(b["userId"].as_str().unwrap().starts_with("user_"));
    let users = &e.state().await["organizations"]["org_demo123"]["users"];
    assert_eq!(
        users[0]["name"], "Jane Doe",
        "name is first + last when not given"
    );
    assert_eq!(users[0]["jobTitle"], "Engineer");
    assert_eq!(users[0]["userId"], b["userId"]);
}

#[tokio::test]
async fn auth_errors_per_seed_key() {
    let e = start().await;
    let body = Some(r#"{"user":{"email":"jane@acme.example","country":"France"}}"#);
    let cases: [(Option<&str>, u16, &str); 6] = [
        (None, 401, "API Key is required"),
        (Some(""), 401, "API Key is required"),
        (Some("nope_key"), 401, "Invalid API Key"),
        (
            Some("no_credits_key"),
            402,
            "API Key has no remaining credits.",
        ),
        (
            Some("unlinked_key"),
            400,
            "API Key is not linked to a valid organization.",
        ),
        (Some("bad_org_key"), 401, "Invalid organization ID"),
    ];
    for (key, status, msg) in cases {
        let r = e.call("POST", "/v1/user-sync", key, body).await;
        assert_eq!(r.sj(), (status, err(msg)), "key {key:?}");
    }
    // Two working keys, two organizations.
    for key in ["demo_key", "other_key"] {
        assert_eq!(
            e.call("POST", "/v1/user-sync", Some(key), body)
                .await
                .status,
            202
        );
    }
}

#[tokio::test]
async fn validation_errors() {
    let e = start().await;
    let cases: Vec<(&str, &str)> = vec![
        ("{}", "User email is required"),
        ("", "User email is required"),
        (r#"{"user":null}"#, "User email is required"),
        (r#"{"user":{}}"#, "User email is required"),
        (
            r#"{"user":{"email":"","country":"France"}}"#,
            "User email is required",
        ),
        (
            r#"{"user":{"email":"   ","country":"France"}}"#,
            "User email is required",
        ),
        (r#"{"user":{"country":"France"}}"#, "User email is required"),
        (
            r#"{"user":{"email":"a@acme.example"}}"#,
            "User IP (country) is required",
        ),
        (
            r#"{"user":{"email":"a@acme.example","country":""}}"#,
            "User IP (country) is required",
        ),
        (
            r#"{"user":{"email":"a@acme.example","country":null}}"#,
            "User IP (country) is required",
        ),
        (
            r#"{"user":{"email":5,"country":"France"}}"#,
            "Field user.email must be a string",
        ),
        (
            r#"{"user":{"email":"a@acme.example","country":["FR"]}}"#,
            "Field user.country must be a string",
        ),
        (
            r#"{"user":{"email":"a@acme.example","country":"FR","firstName":1}}"#,
            "Field user.firstName must be a string",
        ),
        (
            r#"{"user":{"email":"a@acme.example","country":"FR","inviteLink":{}}}"#,
            "Field user.inviteLink must be a string",
        ),
        (
            r#"{"user":"a@acme.example"}"#,
            "Field user must be an object",
        ),
        ("[1,2]", "Request body must be a JSON object"),
    ];
    for (body, msg) in cases {
        let r = e
            .call("POST", "/v1/user-sync", Some("demo_key"), Some(body))
            .await;
        assert_eq!(r.sj(), (400, err(msg)), "body {body}");
    }
    let r = e
        .call(
            "POST",
            "/v1/user-sync",
            Some("demo_key"),
            Some("{\"user\": "),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("Malformed JSON body"),
        "{}",
        r.text()
    );
    // Nothing was accepted.
    assert_eq!(e.state().await["syncs"]["accepted"], 0);
}

#[tokio::test]
async fn background_run_creates_the_directory_colleagues() {
    let e = start().await;
    assert_eq!(e.sync("demo_key", "jane@acme.example").await.status, 202);
    // Not yet: the run takes --sync-delay-ms.
    assert_eq!(e.list("demo_key", "jane@acme.example").await.len(), 0);
    e.settle().await;
    let list = e.list("demo_key", "jane@acme.example").await;
    assert_eq!(list.len(), 10);
    for c in &list {
        assert_eq!(c.as_object().unwrap().len(), 16);
        assert!(c["id"].as_str().unwrap().starts_with("tbi_"));
        assert!(c["email"].as_str().unwrap().ends_with("@acme.example"));
        assert_eq!(c["companyName"], "Acme Corporation");
        assert_eq!(c["website"], "https://acme.example");
        assert_eq!(c["toBeInvitedById"], "jane@acme.example");
        assert_eq!(c["wazClientId"], "org_demo123");
        assert_eq!(c["inviteLink"], "https://app.wazper.com/invite");
        assert_eq!(c["redirectionLink"], "https://app.wazper.com/dashboard");
        assert_eq!(c["team"], Value::Null);
        for f in ["createdAt", "updatedAt", "latestAction"] {
            assert!(is_iso_ms(&c[f]), "{f}: {}", c[f]);
        }
    }
    assert_eq!(list[0]["name"], "Maya Patel");
    assert_eq!(list[0]["status"], "joined");
    assert!(list[1..].iter().all(|c| c["status"] == "pending"));
    // Seeded photos are served by the emulator, as absolute URLs on the host the client called.
    assert_eq!(
        list[0]["photo"],
        format!("{}/avatars/maya-patel.svg", e.url())
    );
    let avatar = send(e.addr, "GET", "/avatars/maya-patel.svg", &[], None).await;
    assert_eq!(avatar.status, 200);
    assert_eq!(avatar.header("content-type"), Some("image/svg+xml"));
    assert!(avatar.text().contains(">MP</text>"));
    // More than one colleague found: one credit spent.
    assert_eq!(e.credits("demo_key").await, 99);
    let runs = e.state().await["runs"].clone();
    assert_eq!(
        runs,
        json!([{"organization": "org_demo123", "email": "jane@acme.example", "domain": "acme.example",
        "found": 10, "created": 10, "creditSpent": true}])
    );
}

#[tokio::test]
async fn a_directory_member_is_not_their_own_colleague_and_invite_link_is_used() {
    let e = start().await;
    let r = e
        .post(
            "/v1/user-sync",
            "demo_key",
            &json!({"user": {"email": "Maya.Patel@ACME.example", "country": "France",
        "inviteLink": "https://app.example/invite/maya"}}),
        )
        .await;
    assert_eq!(r.status, 202);
    e.settle().await;
    let list = e.list("demo_key", "maya.patel@acme.example").await;
    assert_eq!(list.len(), 9);
    assert!(list.iter().all(|c| c["email"] != "maya.patel@acme.example"));
    assert!(list
        .iter()
        .all(|c| c["inviteLink"] == "https://app.example/invite/maya"));
}

#[tokio::test]
async fn credit_rules_one_colleague_is_free_two_cost_one() {
    let e = start().await;
    e.sync("demo_key", "sam.rivera@solo.example").await;
    e.settle().await;
    let list = e.list("demo_key", "sam.rivera@solo.example").await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "Alex Chen");
    assert_eq!(
        e.credits("demo_key").await,
        100,
        "exactly one colleague found: no credit"
    );
    e.sync("demo_key", "newcomer@solo.example").await;
    e.settle().await;
    assert_eq!(e.list("demo_key", "newcomer@solo.example").await.len(), 2);
    assert_eq!(
        e.credits("demo_key").await,
        99,
        "two colleagues found: one credit"
    );
    e.sync("demo_key", "someone@unknown.example").await;
    e.settle().await;
    assert_eq!(e.list("demo_key", "someone@unknown.example").await.len(), 0);
    assert_eq!(
        e.credits("demo_key").await,
        99,
        "unknown domain: nothing found, no credit"
    );
    assert_eq!(e.state().await["runs"][2]["found"], 0);
}

#[tokio::test]
async fn personal_email_gets_no_run() {
    let e = start().await;
    let r = e.sync("demo_key", "jane.doe@gmail.com").await;
    assert_eq!(r.status, 202);
    tokio::time::sleep(std::time::Duration::from_millis(SYNC_DELAY_MS * 3)).await;
    let s = e.state().await;
    assert_eq!(
        s["syncs"],
        json!({"accepted": 1, "skipped": 1, "pending": 0, "completed": 0})
    );
    assert_eq!(s["runs"], json!([]));
    assert_eq!(e.credits("demo_key").await, 100);
    assert_eq!(e.list("demo_key", "jane.doe@gmail.com").await.len(), 0);
}

#[tokio::test]
async fn resync_updates_the_user_without_duplicates_and_user_id_is_stable() {
    let e = start().await;
    let first = e.sync("demo_key", "jane@acme.example").await.json();
    e.settle().await;
    let body =
        json!({"user": {"email": "JANE@acme.example", "country": "Germany", "jobTitle": "CTO"}});
    let second = e.post("/v1/user-sync", "demo_key", &body).await.json();
    e.settle().await;
    assert_eq!(first["userId"], second["userId"]);
    assert_ne!(first["requestId"], second["requestId"]);
    assert_eq!(e.list("demo_key", "jane@acme.example").await.len(), 10);
    let s = e.state().await;
    let users = s["organizations"]["org_demo123"]["users"]
        .as_array()
        .unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0]["country"], "Germany");
    assert_eq!(users[0]["jobTitle"], "CTO");
    assert_eq!(s["runs"][1]["created"], 0);
    // Each run that finds more than one colleague is billed.
    assert_eq!(e.credits("demo_key").await, 98);
    // Same email, same userId: across organizations and resets too.
    let other = e.sync("other_key", "jane@acme.example").await.json();
    assert_eq!(other["userId"], first["userId"]);
    e.control("POST", "/__emulator/reset", None).await;
    assert_eq!(
        e.sync("demo_key", "jane@acme.example").await.json()["userId"],
        first["userId"]
    );
    assert_ne!(
        e.sync("demo_key", "john@acme.example").await.json()["userId"],
        first["userId"]
    );
}

#[tokio::test]
async fn organizations_are_isolated() {
    let e = start().await;
    e.sync("demo_key", "jane@acme.example").await;
    e.settle().await;
    assert_eq!(e.list("other_key", "jane@acme.example").await.len(), 0);
    e.sync("other_key", "jane@acme.example").await;
    e.settle().await;
    let other = e.list("other_key", "jane@acme.example").await;
    assert_eq!(other.len(), 10);
    assert!(other.iter().all(|c| c["wazClientId"] == "org_other456"));
    assert!(other
        .iter()
        .all(|c| c["inviteLink"] == "https://app.wazper.com/invite/other"));
    assert_eq!(e.credits("other_key").await, 99);
    assert_eq!(e.credits("demo_key").await, 99);
}

#[tokio::test]
async fn disabled_org_accepts_but_runs_nothing() {
    let e = start().await;
    assert_eq!(
        e.sync("disabled_key", "jane@acme.example").await.status,
        202
    );
    e.settle().await;
    let s = e.state().await;
    assert_eq!(s["runs"][0]["skipped"], "waz_disabled");
    assert_eq!(s["organizations"]["org_paused789"]["colleagues"], 0);
    assert_eq!(s["keys"]["disabled_key"]["credits"], 100);
}

#[tokio::test]
async fn spending_the_last_credit_then_402() {
    let e = start().await;
    let r = e
        .control(
            "POST",
            "/__emulator/credits",
            Some(json!({"key": "demo_key", "credits": 1})),
        )
        .await;
    assert_eq!(r.status, 200);
    e.sync("demo_key", "jane@acme.example").await;
    e.settle().await;
    assert_eq!(e.credits("demo_key").await, 0);
    let r = e.sync("demo_key", "john@acme.example").await;
    assert_eq!(r.sj(), (402, err("API Key has no remaining credits.")));
}

#[tokio::test]
async fn reset_discards_a_pending_run() {
    let e = start_with(|c| c.sync_delay_ms = 200).await;
    e.sync("demo_key", "jane@acme.example").await;
    assert_eq!(e.state().await["syncs"]["pending"], 1);
    e.control("POST", "/__emulator/reset", None).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let s = e.state().await;
    assert_eq!(s["organizations"]["org_demo123"]["colleagues"], 0);
    assert_eq!(s["keys"]["demo_key"]["credits"], 100);
    assert_eq!(s["syncs"]["completed"], 0);
}
