//! Static files: --www at `/` (a directory answers with its index.html) and --pkg at `/pkg/`,
//! with the MIME types browsers insist on (application/wasm for streaming compilation, a
//! JavaScript type for modules). Also the generated SVG avatars under `/avatars/` that seeded
//! photos point to, so the demo works offline. Anything missing is a JSON 404.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;

pub fn mime_for(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" | "cjs" => "text/javascript",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn not_found(path: &str) -> Response {
    ApiError::new(404, format!("Not found: {path}")).into_response()
}

/// The file a URL path names under `root`, refusing anything that could leave it. Escapes are
/// decoded first (so `%2e%2e` is caught as ".."); a '%' that starts no valid escape stays literal,
/// as in the URL standard's percent-decode; a non-UTF-8 result names no file.
fn resolve(root: &Path, rel: &str) -> Option<PathBuf> {
    let rel = percent_encoding::percent_decode_str(rel)
        .decode_utf8()
        .ok()?;
    let mut p = root.to_path_buf();
    for seg in rel.split('/').filter(|s| !s.is_empty()) {
        if seg == "." || seg == ".." || seg.contains('\\') || seg.contains('\0') {
            return None;
        }
        p.push(seg);
    }
    Some(p)
}

async fn serve_file(root: &Path, rel: &str, url_path: &str) -> Response {
    let Some(mut path) = resolve(root, rel) else {
        return not_found(url_path);
    };
    if tokio::fs::metadata(&path)
        .await
        .map(|m| m.is_dir())
        .unwrap_or(false)
    {
        path.push("index.html");
    }
    match tokio::fs::read(&path).await {
        Ok(bytes) => {
            let mut r = Response::new(Body::from(bytes));
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(mime_for(&path)),
            );
            // A development server: never let a browser run a stale build.
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(_) => not_found(url_path),
    }
}

/// Everything no route claimed: unknown API/control paths are 404, other GET/HEAD requests are
/// static files, any other method on a static path is 405.
pub async fn fallback(State(app): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/v1/")
        || path.starts_with("/__emulator/")
        || path == "/v1"
        || path == "/__emulator"
    {
        return ApiError::new(404, format!("Not found: {} {path}", req.method())).into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return method_not_allowed_for(req.method(), &path);
    }
    if path == "/pkg" || path.starts_with("/pkg/") {
        return serve_file(&app.pkg, &path["/pkg".len()..], &path).await; // panic-ok: prefix checked above
    }
    serve_file(&app.www, &path, &path).await
}

pub fn method_not_allowed_for(method: &Method, path: &str) -> Response {
    ApiError::new(405, format!("Method {method} not allowed on {path}")).into_response()
}

pub async fn method_not_allowed(req: Request) -> Response {
    method_not_allowed_for(req.method(), req.uri().path())
}

/// A small SVG avatar with the initials of the file name (`maya-patel.svg` -> "MP").
pub async fn avatar(UrlPath(file): UrlPath<String>) -> Response {
    let Some(stem) = file.strip_suffix(".svg") else {
        return not_found(&format!("/avatars/{file}"));
    };
    if stem.is_empty()
        || !stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return not_found(&format!("/avatars/{file}"));
    }
    let initials: String = stem
        .split(['-', '_'])
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    const PALETTE: [&str; 6] = [
        "#4f46e5", "#0891b2", "#059669", "#d97706", "#db2777", "#7c3aed",
    ];
    let hue = stem.bytes().fold(0usize, |h, b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    });
    let color = PALETTE[hue % PALETTE.len()]; // panic-ok: index reduced modulo the length
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" viewBox=\"0 0 96 96\">\
<rect width=\"96\" height=\"96\" rx=\"48\" fill=\"{color}\"/>\
<text x=\"48\" y=\"60\" font-family=\"system-ui,sans-serif\" font-size=\"36\" fill=\"#fff\" text-anchor=\"middle\">{initials}</text></svg>"
    );
    let mut r = (StatusCode::OK, svg).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_refuses_escapes() {
        let root = Path::new("/srv");
        assert_eq!(resolve(root, "/a/b.js"), Some(PathBuf::from("/srv/a/b.js")));
        assert_eq!(resolve(root, "/a/%2e%2e/x"), None);
        assert_eq!(resolve(root, "/../x"), None);
        assert_eq!(resolve(root, "/a/%2E%2E/x"), None);
        assert_eq!(resolve(root, "/a%5C..%5Cx"), None);
        assert_eq!(resolve(root, "/a%00"), None);
        assert_eq!(resolve(root, "/%ff"), None);
        assert_eq!(
            resolve(root, "/caf%C3%A9%20menu.html"),
            Some(PathBuf::from("/srv/café menu.html"))
        );
        assert_eq!(resolve(root, "/%zz"), Some(PathBuf::from("/srv/%zz")));
    }

    proptest::proptest! {
        #[test]
        fn no_url_path_leaves_the_root(
            segs in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-z.]{1,4}",
                    proptest::strategy::Just("..".to_string()),
                    proptest::strategy::Just("%2e%2E".to_string()),
                    proptest::strategy::Just("%2F..".to_string()),
                    proptest::strategy::Just("%5c..".to_string()),
                    proptest::strategy::Just("%00".to_string()),
                    "%[0-9a-fA-F]{2}",
                    ".{0,6}",
                ],
                0..6,
            )
        ) {
            let root = Path::new("/srv/www");
            let url = format!("/{}", segs.join("/"));
            if let Some(p) = resolve(root, &url) {
                proptest::prop_assert!(p.starts_with(root), "{url:?} -> {p:?}");
                proptest::prop_assert!(
                    p.components().all(|c| matches!(c, std::path::Component::RootDir | std::path::Component::Normal(_))),
                    "{url:?} -> {p:?}"
                );
            }
        }
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime_for(Path::new("a.wasm")), "application/wasm");
        assert_eq!(mime_for(Path::new("a.mjs")), "text/javascript");
        assert_eq!(mime_for(Path::new("a.SVG")), "image/svg+xml");
    }
}
