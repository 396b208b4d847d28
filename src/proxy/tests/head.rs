//! The request head: routes, methods, origins, preflights and the declared length.
//! Test-only: a child of `proxy::tests` (declared `#[cfg(test)] mod tests;`).

use super::*;

#[test]
fn routes_under_prefix_only() {
    let p = anon();
    for (m, path) in [
        ("POST", "/wazper/v1/user-sync"),
        ("POST", "/wazper/v1/colleagues-create"),
        ("GET", "/wazper/v1/colleagues-list"),
        ("PATCH", "/wazper/v1/colleagues-update"),
    ] {
        let url = format!("https://w.example{path}?a=b");
        assert!(
            matches!(p.check_head(&head(m, &url)), HeadDecision::Proceed { .. }),
            "{m} {path}"
        );
    }
    for path in [
        "/v1/user-sync",
        "/wazper",
        "/wazper/v1/user-syncx",
        "/wazperv1/user-sync",
        "/wazper/v2/user-sync",
        "",
    ] {
        let url = format!("https://w.example{path}");
        assert_eq!(status(&p.check_head(&head("POST", &url))), 404, "{path}");
    }
    assert_eq!(status(&p.check_head(&head("POST", "not a url"))), 404);
}

#[test]
fn wrong_method_is_405_with_allow() {
    let p = anon();
    let HeadDecision::Respond(r) =
        p.check_head(&head("GET", "https://w.example/wazper/v1/user-sync"))
    else {
        panic!()
    };
    assert_eq!(r.status, 405);
    assert_eq!(header(&r, "Allow"), Some("POST, OPTIONS"));
    assert_eq!(body_json(&r), json!({"error": "Method not allowed"}));
    assert_eq!(
        status(&p.check_head(&head("post", "https://w.example/wazper/v1/user-sync"))),
        405
    );
    assert_eq!(
        status(&p.check_head(&head(
            "DELETE",
            "https://w.example/wazper/v1/colleagues-update"
        ))),
        405
    );
}

#[test]
fn origins_allow_list_and_same_origin() {
    let p = anon();
    let with_origin = |o: &'static str| Head {
        origin: Some(o),
        ..head("POST", "https://w.example/wazper/v1/user-sync")
    };
    assert_eq!(
        status(&p.check_head(&with_origin("https://evil.example"))),
        403
    );
    assert_eq!(status(&p.check_head(&with_origin("null"))), 403);
    assert_eq!(
        status(&p.check_head(&with_origin("https://app.example.evil"))),
        403
    );
    match p.check_head(&with_origin("https://app.example")) {
        HeadDecision::Proceed { cors, .. } => {
            assert_eq!(cors, OriginCheck::Allowed("https://app.example".into()))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        p.check_head(&with_origin("https://W.example")),
        HeadDecision::Proceed { .. }
    ));
    assert!(matches!(
        p.check_head(&head("POST", "https://w.example/wazper/v1/user-sync")),
        HeadDecision::Proceed {
            cors: OriginCheck::NoOrigin,
            ..
        }
    ));
}

#[test]
fn preflight_answers_allowed_origins_only() {
    let p = anon();
    let pre = |origin: &'static str, method: &'static str, headers: Option<&'static str>| Head {
        origin: Some(origin),
        preflight_method: Some(method),
        preflight_headers: headers,
        ..head("OPTIONS", "https://w.example/wazper/v1/colleagues-update")
    };
    let HeadDecision::Respond(r) = p.check_head(&pre(
        "https://app.example",
        "PATCH",
        Some("Content-Type, Authorization"),
    )) else {
        panic!()
    };
    assert_eq!(r.status, 204);
    assert_eq!(r.body, None);
    assert_eq!(
        header(&r, "Access-Control-Allow-Origin"),
        Some("https://app.example")
    );
    assert_eq!(
        header(&r, "Access-Control-Allow-Methods"),
        Some("PATCH, OPTIONS")
    );
    assert_eq!(
        header(&r, "Access-Control-Allow-Headers"),
        Some("content-type, authorization")
    );
    assert_eq!(header(&r, "Access-Control-Allow-Credentials"), Some("true"));
    assert_eq!(
        status(&p.check_head(&pre("https://evil.example", "PATCH", None))),
        403
    );
    assert_eq!(
        status(&p.check_head(&pre("https://app.example", "POST", None))),
        405
    );
    assert_eq!(
        status(&p.check_head(&pre("https://app.example", "PATCH", Some("x-api-key")))),
        403
    );
    assert_eq!(
        status(&p.check_head(&pre(
            "https://app.example",
            "PATCH",
            Some("bad header\r\nx: y")
        ))),
        403
    );
    let plain = p.check_head(&head(
        "OPTIONS",
        "https://w.example/wazper/v1/colleagues-update",
    ));
    assert_eq!(status(&plain), 204);
}

#[test]
fn declared_length_over_limit_is_413() {
    let p = proxy_with(Options {
        allow_anonymous: true,
        max_body_bytes: Some(10.0),
        ..Options::default()
    });
    let h = |len: &'static str| Head {
        content_length: Some(len),
        ..head("POST", "https://w.example/wazper/v1/user-sync")
    };
    assert_eq!(status(&p.check_head(&h("11"))), 413);
    assert!(matches!(
        p.check_head(&h("10")),
        HeadDecision::Proceed { .. }
    ));
    assert!(matches!(
        p.check_head(&h("lies")),
        HeadDecision::Proceed { .. }
    ));
    let mut limit = BodyLimit::new(10);
    assert!(limit.add(6));
    assert!(limit.add(4));
    assert!(!limit.add(1));
    assert!(!BodyLimit::new(3).add(usize::MAX));
}
