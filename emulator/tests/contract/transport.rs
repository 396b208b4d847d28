//! HTTP-level behaviour: 404/405/413, bad JSON, CORS, static files and MIME types.

use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn unknown_routes_are_json_404() {
    let e = start().await;
    for (method, path) in [
        ("GET", "/v1/nope"),
        ("POST", "/v1/users"),
        ("GET", "/v1"),
        ("GET", "/__emulator/nope"),
        ("GET", "/missing.html"),
    ] {
        let r = e.call(method, path, Some("demo_key"), None).await;
        assert_eq!(r.status, 404, "{method} {path}");
        assert!(r
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
        assert!(
            r.json()["error"].as_str().unwrap().contains(path),
            "{}",
            r.text()
        );
    }
}

#[tokio::test]
async fn wrong_methods_are_json_405() {
    let e = start().await;
    for (method, path) in [
        ("GET", "/v1/user-sync"),
        ("PUT", "/v1/user-sync"),
        ("POST", "/v1/colleagues-list"),
        ("DELETE", "/v1/colleagues-update"),
        ("GET", "/v1/colleagues-create"),
        ("PATCH", "/__emulator/state"),
        ("POST", "/index.html"),
    ] {
        let r = e.call(method, path, Some("demo_key"), None).await;
        assert_eq!(
            r.sj(),
            (
                405,
                json!({"error": format!("Method {method} not allowed on {path}")})
            )
        );
    }
}

#[tokio::test]
async fn bodies_over_64_kib_are_413() {
    let e = start().await;
    let big = format!(
        "{{\"user\":{{\"email\":\"a@acme.example\",\"country\":\"{}\"}}}}",
        "x".repeat(70 * 1024)
    );
    let r = e
        .call("POST", "/v1/user-sync", Some("demo_key"), Some(&big))
        .await;
    assert_eq!(
        r.sj(),
        (
            413,
            json!({"error": "Request body too large (limit 65536 bytes)"})
        )
    );
    // Without a Content-Length (chunked), the limit still holds.
    let chunk = "y".repeat(70 * 1024);
    let req = format!(
        "POST /v1/colleagues-create HTTP/1.1\r\nHost: x\r\nX-API-Key: demo_key\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    let r = parse(&raw(e.addr, req.as_bytes()).await).unwrap();
    assert_eq!(r.status, 413);
    // Just under the limit is fine (and answered by the endpoint).
    let ok = format!(
        "{{\"user\":{{\"email\":\"a@acme.example\",\"country\":\"France\",\"jobTitle\":\"{}\"}}}}",
        "x".repeat(60 * 1024)
    );
    assert_eq!(
        e.call("POST", "/v1/user-sync", Some("demo_key"), Some(&ok))
            .await
            .status,
        202
    );
    assert_eq!(
        e.control(
            "POST",
            "/__emulator/credits",
            Some(json!({"key": "x", "pad": "z".repeat(70 * 1024)}))
        )
        .await
        .status,
        413
    );
}

#[tokio::test]
async fn malformed_json_is_400_on_every_body_endpoint() {
    let e = start().await;
    for (method, path) in [
        ("POST", "/v1/user-sync"),
        ("POST", "/v1/colleagues-create"),
        ("PATCH", "/v1/colleagues-update"),
    ] {
        for body in ["{", "{\"a\":}", "nul", "\u{0}"] {
            let r = e.call(method, path, Some("demo_key"), Some(body)).await;
            assert_eq!(r.status, 400, "{path} {body:?}");
            assert!(
                r.json()["error"]
                    .as_str()
                    .unwrap()
                    .starts_with("Malformed JSON body"),
                "{}",
                r.text()
            );
        }
        for body in ["[]", "\"s\"", "3", "null"] {
            let r = e.call(method, path, Some("demo_key"), Some(body)).await;
            assert_eq!(
                r.sj(),
                (400, json!({"error": "Request body must be a JSON object"})),
                "{path} {body}"
            );
        }
        // Invalid UTF-8 inside a string.
        let r = send(
            e.addr,
            method,
            path,
            &[("X-API-Key", "demo_key")],
            Some(b"{\"name\":\"\xff\"}"),
        )
        .await;
        assert_eq!(r.status, 400);
    }
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let e = start().await;
    for path in [
        "/v1/user-sync",
        "/v1/colleagues-list",
        "/v1/colleagues-update",
        "/__emulator/faults",
        "/__emulator/reset",
        "/v1/unknown",
    ] {
        let r = send(
            e.addr,
            "OPTIONS",
            path,
            &[
                ("Origin", "https://app.example"),
                ("Access-Control-Request-Method", "PATCH"),
                (
                    "Access-Control-Request-Headers",
                    "x-api-key, content-type, accept",
                ),
            ],
            None,
        )
        .await;
        assert_eq!(r.status, 204, "{path}");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            r.header("access-control-allow-methods"),
            Some("GET, POST, PATCH, DELETE, OPTIONS")
        );
        assert_eq!(
            r.header("access-control-allow-headers"),
            Some("X-API-Key, Content-Type, Accept")
        );
        assert_eq!(
            r.header("access-control-expose-headers"),
            Some("Retry-After")
        );
    }
    let pna = send(
        e.addr,
        "OPTIONS",
        "/v1/user-sync",
        &[
            ("Origin", "https://app.example"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Private-Network", "true"),
        ],
        None,
    )
    .await;
    assert_eq!(
        pna.header("access-control-allow-private-network"),
        Some("true")
    );
    // Actual responses, errors included, are readable cross-origin.
    for r in [
        e.call(
            "GET",
            "/v1/colleagues-list?email=a%40b.example",
            Some("demo_key"),
            None,
        )
        .await,
        e.call("GET", "/v1/colleagues-list", None, None).await,
        e.call("GET", "/v1/nope", None, None).await,
        e.control("GET", "/__emulator/state", None).await,
    ] {
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            r.header("access-control-expose-headers"),
            Some("Retry-After")
        );
    }
    // Preflights are not API requests: not logged.
    assert!(e.requests().await.iter().all(|r| r["method"] != "OPTIONS"));
}

#[tokio::test]
async fn static_files_with_mime_types() {
    let e = start().await;
    let cases = [
        (
            "/",
            "text/html; charset=utf-8",
            "<!doctype html><title>demo</title>",
        ),
        (
            "/index.html",
            "text/html; charset=utf-8",
            "<!doctype html><title>demo</title>",
        ),
        ("/app.js", "text/javascript", "export const x = 1;"),
        ("/style.css", "text/css; charset=utf-8", "body{}"),
        ("/data.json", "application/json", "{\"a\":1}"),
        (
            "/logo.svg",
            "image/svg+xml",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("/sub/", "text/html; charset=utf-8", "<p>sub</p>"),
        ("/pkg/wazper.js", "text/javascript", "export default 1;"),
        ("/pkg/node.mjs", "text/javascript", "export {};"),
        (
            "/pkg/wazper_bg.wasm",
            "application/wasm",
            "\0asm\u{1}\0\0\0",
        ),
    ];
    for (path, mime, body) in cases {
        let r = send(e.addr, "GET", path, &[], None).await;
        assert_eq!(
            (r.status, r.header("content-type"), r.text().as_str()),
            (200, Some(mime), body),
            "{path}"
        );
    }
    for path in [
        "/nope.js",
        "/pkg/nope.wasm",
        "/pkg/../www/index.html",
        "/%2e%2e/etc/passwd",
        "/avatars/x.png",
        "/avatars/a%20b.svg",
    ] {
        let r = send(e.addr, "GET", path, &[], None).await;
        assert_eq!(r.status, 404, "{path}");
        assert!(r.json()["error"].is_string());
    }
    let head = send(e.addr, "HEAD", "/app.js", &[], None).await;
    assert_eq!(
        (head.status, head.header("content-type")),
        (200, Some("text/javascript"))
    );
}

#[tokio::test]
async fn keep_alive_connections_serve_several_requests() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let e = start().await;
    let mut s = tokio::net::TcpStream::connect(e.addr).await.unwrap();
    let one = "GET /v1/colleagues-list?email=a%40b.example HTTP/1.1\r\nHost: x\r\nX-API-Key: demo_key\r\n\r\n";
    let two = "GET /v1/colleagues-list HTTP/1.1\r\nHost: x\r\nX-API-Key: demo_key\r\nConnection: close\r\n\r\n";
    s.write_all(format!("{one}{two}").as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8_lossy(&out);
    assert_eq!(text.matches("HTTP/1.1 200 OK").count(), 1, "{text}");
    assert_eq!(
        text.matches("HTTP/1.1 400 Bad Request").count(),
        1,
        "{text}"
    );
}

#[tokio::test]
async fn junk_values_in_every_field_never_crash() {
    let e = start().await;
    let junk = [
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1e308),
        json!(u64::MAX),
        json!(""),
        json!(" "),
        json!("x"),
        json!("\u{0}\u{202e}é😀"),
        json!([]),
        json!({}),
        json!({"a": [1, {"b": null}]}),
    ];
    let bases = [
        (
            "POST",
            "/v1/user-sync",
            json!({"user": {"email": "j@acme.example", "country": "France", "firstName": "J",
            "lastName": "D", "name": "J D", "jobTitle": "T", "inviteLink": "https://i.example"}}),
        ),
        (
            "POST",
            "/v1/colleagues-create",
            json!({"name": "N", "email": "n@acme.example", "companyName": "C",
            "toBeInvitedById": "j@acme.example", "jobTitle": "T", "website": "https://w.example", "team": 1,
            "inviteLink": "https://i.example", "redirectionLink": "https://r.example"}),
        ),
        (
            "PATCH",
            "/v1/colleagues-update",
            json!({"id": "tbi_x", "status": "invited", "email": "e@acme.example"}),
        ),
    ];
    for (method, path, base) in bases {
        let fields: Vec<(Option<&str>, String)> = match base.get("user") {
            Some(u) => u
                .as_object()
                .unwrap()
                .keys()
                .map(|k| (Some("user"), k.clone()))
                .collect(),
            None => base
                .as_object()
                .unwrap()
                .keys()
                .map(|k| (None, k.clone()))
                .collect(),
        };
        for (parent, field) in fields.iter().chain([(None, "user".to_string())].iter()) {
            for v in &junk {
                let mut b = base.clone();
                match parent {
                    Some(p) => b[*p][field.as_str()] = v.clone(),
                    None => b[field.as_str()] = v.clone(),
                }
                let r = e
                    .call(method, path, Some("demo_key"), Some(&b.to_string()))
                    .await;
                assert!(
                    [200, 201, 202, 400, 404, 409].contains(&r.status),
                    "{path} {b}: {}",
                    r.status
                );
                let body = r.json();
                if r.status >= 400 {
                    assert!(body["error"].is_string(), "{path} {b}: {body}");
                }
            }
        }
    }
    // Deep nesting and odd query strings.
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert_eq!(
        e.call("POST", "/v1/user-sync", Some("demo_key"), Some(&deep))
            .await
            .status,
        400
    );
    for q in [
        "email",
        "email=%",
        "email=%ZZ",
        "email=a%00b",
        "&&&=",
        "email=%F0%9F%98%80",
    ] {
        let r = e
            .call(
                "GET",
                &format!("/v1/colleagues-list?{q}"),
                Some("demo_key"),
                None,
            )
            .await;
        assert!([200, 400].contains(&r.status), "{q}");
        r.json();
    }
    // Still healthy (valid syncs among the junk spent credits, never below zero).
    e.settle().await;
    let credits = e.credits("demo_key").await;
    assert!((0..100).contains(&credits), "{credits}");
}
