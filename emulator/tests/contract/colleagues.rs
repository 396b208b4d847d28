//! colleagues-create, colleagues-list and colleagues-update: every documented answer.

use serde_json::{json, Value};

use crate::common::*;

fn err(msg: &str) -> Value {
    json!({ "error": msg })
}

fn samuel() -> Value {
    json!({
        "name": "Samuel Prospective",
        "email": "samuel.p@example.com",
        "companyName": "Innovate Ltd.",
        "toBeInvitedById": "current.user@example.com",
        "jobTitle": "Marketing Lead",
        "website": "https://innovate.com",
        "team": 2
    })
}

fn minimal(email: &str, inviter: &str) -> Value {
    json!({"name": "N", "email": email, "companyName": "C", "toBeInvitedById": inviter})
}

/// Drops the generated fields after checking their format.
fn strip_generated(mut c: Value) -> Value {
    let o = c.as_object_mut().unwrap();
    assert!(o
        .remove("id")
        .unwrap()
        .as_str()
        .unwrap()
        .starts_with("tbi_"));
    let created = o.remove("createdAt").unwrap();
    assert!(is_iso_ms(&created), "{created}");
    assert_eq!(o.remove("updatedAt").unwrap(), created);
    assert_eq!(o.remove("latestAction").unwrap(), created);
    c
}

#[tokio::test]
async fn create_201_returns_all_sixteen_fields() {
    let e = start().await;
    let r = e.create("demo_key", &samuel()).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json().as_object().unwrap().len(), 16);
    assert_eq!(
        strip_generated(r.json()),
        json!({
            "name": "Samuel Prospective",
            "email": "samuel.p@example.com",
            "companyName": "Innovate Ltd.",
            "website": "https://innovate.com",
            "team": 2,
            "wazClientId": "org_demo123",
            "toBeInvitedById": "current.user@example.com",
            "status": "pending",
            "inviteLink": "https://app.wazper.com/invite",
            "redirectionLink": "https://app.wazper.com/dashboard",
            "jobTitle": "Marketing Lead",
            "photo": null
        })
    );
    // Custom links are kept; absent optional fields are null.
    let mut body = minimal("x@example.com", "current.user@example.com");
    body["inviteLink"] = json!("https://app.example/i/1");
    body["redirectionLink"] = json!("https://app.example/after");
    body["team"] = Value::Null;
    let r = e.create("demo_key", &body).await;
    assert_eq!(r.status, 201);
    assert_eq!(
        strip_generated(r.json()),
        json!({"name": "N", "email": "x@example.com", "companyName": "C", "website": null, "team": null,
            "wazClientId": "org_demo123", "toBeInvitedById": "current.user@example.com", "status": "pending",
            "inviteLink": "https://app.example/i/1", "redirectionLink": "https://app.example/after",
            "jobTitle": null, "photo": null})
    );
    // Creating costs no credit, and works for a key without credits.
    assert_eq!(
        e.create("no_credits_key", &minimal("y@example.com", "u@example.com"))
            .await
            .status,
        201
    );
    assert_eq!(e.credits("demo_key").await, 100);
}

#[tokio::test]
async fn create_400_missing_fields_and_wrong_types() {
    let e = start().await;
    let missing =
        "Required fields missing: name, email, companyName, and toBeInvitedById are required";
    for field in ["name", "email", "companyName", "toBeInvitedById"] {
        for bad in [
            None,
            Some(json!("")),
            Some(json!("  ")),
            Some(json!(null)),
            Some(json!(5)),
            Some(json!(["a"])),
        ] {
            let mut b = samuel();
            match &bad {
                None => {
                    b.as_object_mut().unwrap().remove(field);
                }
                Some(v) => b[field] = v.clone(),
            }
            assert_eq!(
                e.create("demo_key", &b).await.sj(),
                (400, err(missing)),
                "{field} = {bad:?}"
            );
        }
    }
    assert_eq!(
        e.call("POST", "/v1/colleagues-create", Some("demo_key"), Some(""))
            .await
            .sj(),
        (400, err(missing))
    );
    let types = [
        ("team", json!("2"), "Field team must be an integer"),
        ("team", json!(2.5), "Field team must be an integer"),
        ("team", json!(true), "Field team must be an integer"),
        ("jobTitle", json!(5), "Field jobTitle must be a string"),
        ("website", json!({}), "Field website must be a string"),
        (
            "inviteLink",
            json!(false),
            "Field inviteLink must be a string",
        ),
        (
            "redirectionLink",
            json!([]),
            "Field redirectionLink must be a string",
        ),
    ];
    for (field, v, msg) in types {
        let mut b = samuel();
        b[field] = v;
        assert_eq!(
            e.create("demo_key", &b).await.sj(),
            (400, err(msg)),
            "{field}"
        );
    }
    assert_eq!(
        e.state().await["organizations"]["org_demo123"]["colleagues"],
        0
    );
}

#[tokio::test]
async fn create_409_is_per_inviter_case_insensitive_and_ignores_deleted() {
    let e = start().await;
    let first = e
        .create(
            "demo_key",
            &minimal("samuel.p@example.com", "me@example.com"),
        )
        .await
        .json();
    let r = e
        .create(
            "demo_key",
            &minimal("Samuel.P@Example.com", "ME@example.com"),
        )
        .await;
    assert_eq!(
        r.sj(),
        (409, err("A colleague with this email (Samuel.P@Example.com) may already exist for this client or inviter."))
    );
    // Another inviter, or another organization: no conflict.
    assert_eq!(
        e.create(
            "demo_key",
            &minimal("samuel.p@example.com", "you@example.com")
        )
        .await
        .status,
        201
    );
    assert_eq!(
        e.create(
            "other_key",
            &minimal("samuel.p@example.com", "me@example.com")
        )
        .await
        .status,
        201
    );
    // A deleted entry no longer blocks its email.
    let r = e
        .patch("demo_key", &json!({"id": first["id"], "status": "deleted"}))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        e.create(
            "demo_key",
            &minimal("samuel.p@example.com", "me@example.com")
        )
        .await
        .status,
        201
    );
}

#[tokio::test]
async fn colleague_endpoints_auth_per_seed_key() {
    let e = start().await;
    let invalid = "Invalid API Key or key not linked to an organization";
    let create = samuel().to_string();
    let update = json!({"id": "tbi_x", "status": "invited"}).to_string();
    let calls: [(&str, &str, Option<&str>); 3] = [
        ("POST", "/v1/colleagues-create", Some(&create)),
        ("GET", "/v1/colleagues-list?email=a%40b.example", None),
        ("PATCH", "/v1/colleagues-update", Some(&update)),
    ];
    for (i, (method, path, body)) in calls.iter().enumerate() {
        let not_linked = if i == 2 {
            (401, invalid)
        } else {
            (400, "API Key is not linked to a valid organization.")
        };
        let cases = [
            (None, (401, "API Key is required")),
            (Some("unknown_key"), (401, invalid)),
            (Some("bad_org_key"), (401, invalid)),
            (Some("unlinked_key"), not_linked),
            (Some("disabled_key"), (403, "Waz is currently disabled")),
        ];
        for (key, (status, msg)) in cases {
            let r = e.call(method, path, key, *body).await;
            assert_eq!(r.sj(), (status, err(msg)), "{method} {path} key {key:?}");
        }
    }
}

#[tokio::test]
async fn list_400_without_email() {
    let e = start().await;
    for path in [
        "/v1/colleagues-list",
        "/v1/colleagues-list?email=",
        "/v1/colleagues-list?email=%20",
        "/v1/colleagues-list?other=1",
    ] {
        let r = e.call("GET", path, Some("demo_key"), None).await;
        assert_eq!(r.sj(), (400, err("Email parameter is required")), "{path}");
    }
}

#[tokio::test]
async fn list_filters_sorts_and_excludes_deleted() {
    let e = start().await;
    let me = "lead+team@acme.example";
    e.sync("demo_key", me).await;
    e.settle().await;
    let manual_old = e
        .create("demo_key", &minimal("old@acme.example", me))
        .await
        .json();
    let manual_new = e
        .create(
            "demo_key",
            &minimal("new@acme.example", "LEAD+TEAM@acme.example"),
        )
        .await
        .json();
    let joined_later = e
        .create("demo_key", &minimal("joined@acme.example", me))
        .await
        .json();
    e.patch(
        "demo_key",
        &json!({"id": joined_later["id"], "status": "joined"}),
    )
    .await;
    let gone = e
        .create("demo_key", &minimal("gone@acme.example", me))
        .await
        .json();
    e.patch("demo_key", &json!({"id": gone["id"], "status": "deleted"}))
        .await;
    // Someone else's entries never show.
    e.create(
        "demo_key",
        &minimal("not-mine@acme.example", "other@acme.example"),
    )
    .await;

    let list = e.list("demo_key", me).await;
    let emails: Vec<&str> = list.iter().map(|c| c["email"].as_str().unwrap()).collect();
    assert_eq!(list.len(), 13, "{emails:?}");
    assert!(!emails.contains(&"gone@acme.example"));
    assert!(!emails.contains(&"not-mine@acme.example"));
    // Joined first, then with a photo, then newest first: lexicographically, so among the
    // joined, Maya (with a photo) comes before the newer entry without one.
    assert_eq!(
        &emails[..2],
        &["maya.patel@acme.example", "joined@acme.example"]
    );
    let with_photo: Vec<&str> = emails[2..6].to_vec();
    assert!(
        list[2..6].iter().all(|c| !c["photo"].is_null()),
        "{with_photo:?}"
    );
    assert!(list[6..].iter().all(|c| c["photo"].is_null()));
    assert_eq!(
        &emails[6..8],
        &[
            manual_new["email"].as_str().unwrap(),
            manual_old["email"].as_str().unwrap()
        ]
    );
    for w in list[2..].windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a["photo"].is_null() == b["photo"].is_null() {
            assert!(
                a["createdAt"].as_str() > b["createdAt"].as_str(),
                "newest first: {a} / {b}"
            );
        }
    }
}

#[tokio::test]
async fn list_is_limited_to_fifty_newest() {
    let e = start().await;
    for i in 0..55 {
        assert_eq!(
            e.create(
                "demo_key",
                &minimal(&format!("p{i}@acme.example"), "me@acme.example")
            )
            .await
            .status,
            201
        );
    }
    let list = e.list("demo_key", "me@acme.example").await;
    assert_eq!(list.len(), 50);
    assert_eq!(list[0]["email"], "p54@acme.example");
    assert_eq!(list[49]["email"], "p5@acme.example");
}

#[tokio::test]
async fn update_200_bumps_timestamps() {
    let e = start().await;
    let created = e.create("demo_key", &samuel()).await.json();
    let r = e
        .patch(
            "demo_key",
            &json!({"id": created["id"], "status": "invited"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let updated = r.json();
    assert_eq!(updated.as_object().unwrap().len(), 16);
    assert_eq!(updated["status"], "invited");
    assert_eq!(updated["createdAt"], created["createdAt"]);
    assert!(updated["updatedAt"].as_str() > created["updatedAt"].as_str());
    assert_eq!(updated["latestAction"], updated["updatedAt"]);
    let mut expect = created.clone();
    for f in ["status", "updatedAt", "latestAction"] {
        expect[f] = updated[f].clone();
    }
    assert_eq!(updated, expect, "nothing else changes");
    // Strictly increasing, even for updates within one millisecond.
    let mut last = updated["updatedAt"].as_str().unwrap().to_string();
    for i in 0..5 {
        let u = e
            .patch(
                "demo_key",
                &json!({"id": created["id"], "email": format!("s{i}@example.com")}),
            )
            .await
            .json();
        assert_eq!(u["email"], format!("s{i}@example.com"));
        let t = u["updatedAt"].as_str().unwrap().to_string();
        assert!(t > last, "{t} > {last}");
        last = t;
    }
    let both = e
        .patch(
            "demo_key",
            &json!({"id": created["id"], "email": "final@example.com", "status": "joined"}),
        )
        .await
        .json();
    assert_eq!(
        (both["email"].as_str(), both["status"].as_str()),
        (Some("final@example.com"), Some("joined"))
    );
    // The list shows the update.
    assert_eq!(
        e.list("demo_key", "current.user@example.com").await[0],
        both
    );
}

#[tokio::test]
async fn update_errors() {
    let e = start().await;
    let missing = "Required fields missing: id and either status or email are required";
    let a = e
        .create("demo_key", &minimal("a@example.com", "me@example.com"))
        .await
        .json();
    let b = e
        .create("demo_key", &minimal("b@example.com", "me@example.com"))
        .await
        .json();
    let id = a["id"].clone();
    for body in [
        json!({}),
        json!({"id": id}),
        json!({"status": "invited"}),
        json!({"id": "", "status": "invited"}),
        json!({"id": 5, "status": "invited"}),
        json!({"id": id, "status": "", "email": null}),
    ] {
        assert_eq!(
            e.patch("demo_key", &body).await.sj(),
            (400, err(missing)),
            "{body}"
        );
    }
    assert_eq!(
        e.call("PATCH", "/v1/colleagues-update", Some("demo_key"), Some(""))
            .await
            .sj(),
        (400, err(missing))
    );
    for bad in ["nope", "a@b", "a b@example.com", "@example.com"] {
        assert_eq!(
            e.patch("demo_key", &json!({"id": id, "email": bad}))
                .await
                .sj(),
            (400, err("Invalid email format"))
        );
    }
    assert_eq!(
        e.patch("demo_key", &json!({"id": id, "status": 3}))
            .await
            .sj(),
        (400, err("Field status must be a string"))
    );
    assert_eq!(
        e.patch("demo_key", &json!({"id": id, "email": 3}))
            .await
            .sj(),
        (400, err("Field email must be a string"))
    );
    let r = e
        .patch(
            "demo_key",
            &json!({"id": "tbi_nonexistent", "status": "invited"}),
        )
        .await;
    assert_eq!(
        r.sj(),
        (
            404,
            err("Colleague with ID tbi_nonexistent not found for client org_demo123.")
        )
    );
    // Another organization's entry is not found either.
    let r = e
        .patch("other_key", &json!({"id": id, "status": "invited"}))
        .await;
    assert_eq!(
        r.sj(),
        (
            404,
            err(&format!(
                "Colleague with ID {} not found for client org_other456.",
                id.as_str().unwrap()
            ))
        )
    );
    let r = e
        .patch("demo_key", &json!({"id": id, "email": "B@example.com"}))
        .await;
    assert_eq!(
        r.sj(),
        (
            409,
            err("A colleague with the new email (B@example.com) may already exist.")
        )
    );
    // Its own email (any case) is no conflict; a deleted entry's email is free.
    assert_eq!(
        e.patch("demo_key", &json!({"id": id, "email": "A@example.com"}))
            .await
            .status,
        200
    );
    e.patch("demo_key", &json!({"id": b["id"], "status": "deleted"}))
        .await;
    assert_eq!(
        e.patch("demo_key", &json!({"id": id, "email": "b@example.com"}))
            .await
            .status,
        200
    );
}
