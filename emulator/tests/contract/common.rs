//! Test harness: an emulator started in-process on port 0, and a deliberately small raw HTTP/1.1
//! client over TcpStream, so tests see exactly what went over the wire (dropped connections and
//! short bodies included).

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use wazper_emulator::{Config, Emulator};

pub struct Emu {
    /// Kept so the server (and its static dirs) live as long as the test.
    pub _emu: Emulator,
    pub addr: SocketAddr,
    pub _dir: tempfile::TempDir,
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// False when the connection closed before Content-Length bytes arrived.
    pub complete: bool,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// Status and JSON body together, for one-line assertions.
    pub fn sj(&self) -> (u16, Value) {
        (self.status, self.json())
    }
}

pub const SYNC_DELAY_MS: u64 = 30;

pub async fn start() -> Emu {
    start_with(|_| {}).await
}

pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Emu {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(www.join("sub")).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    for (p, c) in [
        (www.join("index.html"), "<!doctype html><title>demo</title>"),
        (www.join("app.js"), "export const x = 1;"),
        (www.join("style.css"), "body{}"),
        (www.join("data.json"), "{\"a\":1}"),
        (
            www.join("logo.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        (www.join("sub/index.html"), "<p>sub</p>"),
        (pkg.join("wazper.js"), "export default 1;"),
        (pkg.join("node.mjs"), "export {};"),
        (pkg.join("wazper_bg.wasm"), "\0asm\u{1}\0\0\0"),
    ] {
        std::fs::write(p, c).unwrap();
    }
    let mut config = Config {
        host: "127.0.0.1".into(),
        port: 0,
        sync_delay_ms: SYNC_DELAY_MS,
        www,
        pkg,
        ..Config::default()
    };
    tweak(&mut config);
    let emu = Emulator::start(&config).await.expect("emulator starts");
    let addr = emu.addr();
    Emu {
        _emu: emu,
        addr,
        _dir: dir,
    }
}

/// Sends raw bytes and reads until the server closes (10 s at most).
pub async fn raw(addr: SocketAddr, request: &[u8]) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut out)).await;
    out
}

pub fn parse(bytes: &[u8]) -> Option<Resp> {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &bytes[split + 4..];
    let len = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let (body, complete) = if let Some(n) = len {
        (rest[..n.min(rest.len())].to_vec(), rest.len() >= n)
    } else if chunked {
        let mut body = Vec::new();
        let mut r = rest;
        loop {
            let Some(eol) = r.windows(2).position(|w| w == b"\r\n") else {
                break (body, false);
            };
            let size =
                usize::from_str_radix(std::str::from_utf8(&r[..eol]).ok()?.trim(), 16).ok()?;
            if size == 0 {
                break (body, true);
            }
            body.extend_from_slice(r.get(eol + 2..eol + 2 + size)?);
            r = r.get(eol + 4 + size..)?;
        }
    } else {
        (rest.to_vec(), true)
    };
    Some(Resp {
        status,
        headers,
        body,
        complete,
    })
}

pub async fn try_send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Option<Resp> {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    if let Some(b) = body {
        bytes.extend_from_slice(b);
    }
    parse(&raw(addr, &bytes).await)
}

pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Resp {
    try_send(addr, method, path, headers, body)
        .await
        .expect("a response")
}

impl Emu {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// An API call with an optional key and an optional raw body (sent as application/json).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        key: Option<&str>,
        body: Option<&str>,
    ) -> Resp {
        let mut h = vec![("Accept", "application/json")];
        if let Some(k) = key {
            h.push(("X-API-Key", k));
        }
        if body.is_some() {
            h.push(("Content-Type", "application/json"));
        }
        send(self.addr, method, path, &h, body.map(str::as_bytes)).await
    }

    /// A colleagues-list call with `demo_key`, answered as it comes (for fault tests).
    pub async fn list_raw(&self) -> Resp {
        self.call(
            "GET",
            "/v1/colleagues-list?email=a%40b.example",
            Some("demo_key"),
            None,
        )
        .await
    }

    pub async fn post(&self, path: &str, key: &str, body: &Value) -> Resp {
        self.call("POST", path, Some(key), Some(&body.to_string()))
            .await
    }

    pub async fn patch(&self, key: &str, body: &Value) -> Resp {
        self.call(
            "PATCH",
            "/v1/colleagues-update",
            Some(key),
            Some(&body.to_string()),
        )
        .await
    }

    pub async fn sync(&self, key: &str, email: &str) -> Resp {
        self.post(
            "/v1/user-sync",
            key,
            &serde_json::json!({"user": {"email": email, "country": "France"}}),
        )
        .await
    }

    pub async fn create(&self, key: &str, body: &Value) -> Resp {
        self.post("/v1/colleagues-create", key, body).await
    }

    pub async fn list(&self, key: &str, email: &str) -> Vec<Value> {
        let q: String = form_urlencoded::byte_serialize(email.as_bytes()).collect();
        let r = self
            .call(
                "GET",
                &format!("/v1/colleagues-list?email={q}"),
                Some(key),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.json().as_array().unwrap().clone()
    }

    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let b = body.map(|v| v.to_string());
        send(
            self.addr,
            method,
            path,
            &[("Content-Type", "application/json")],
            b.as_deref().map(str::as_bytes),
        )
        .await
    }

    pub async fn fault(&self, spec: Value) {
        let r = self.control("POST", "/__emulator/faults", Some(spec)).await;
        assert_eq!(r.status, 201, "{}", r.text());
    }

    pub async fn state(&self) -> Value {
        self.control("GET", "/__emulator/state", None).await.json()
    }

    pub async fn credits(&self, key: &str) -> i64 {
        self.state().await["keys"][key]["credits"].as_i64().unwrap()
    }

    /// Waits until no background run is pending (5 s at most).
    pub async fn settle(&self) {
        for _ in 0..500 {
            if self.state().await["syncs"]["pending"] == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("background runs did not finish");
    }

    pub async fn requests(&self) -> Vec<Value> {
        self.control("GET", "/__emulator/requests", None)
            .await
            .json()
            .as_array()
            .unwrap()
            .clone()
    }
}

/// `2023-10-27T10:00:00.000Z`
pub fn is_iso_ms(v: &Value) -> bool {
    let Some(s) = v.as_str() else { return false };
    let b = s.as_bytes();
    b.len() == 24
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'.',
            23 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}
