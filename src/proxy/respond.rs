//! Responses the proxy writes itself: always JSON `{"error": ...}` bodies like the API's.

use crate::json::push_json_string;

/// A response the proxy answers without the upstream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalResponse {
    pub status: u16,
    /// Always JSON when present.
    pub body: Option<String>,
    pub headers: Vec<(&'static str, String)>,
}

impl LocalResponse {
    pub fn empty(status: u16) -> Self {
        LocalResponse {
            status,
            body: None,
            headers: Vec::new(),
        }
    }

    pub fn json(status: u16, body: String) -> Self {
        LocalResponse {
            status,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    /// `{"error": message}`, plus the contract's error `code` and the offending input `field`
    /// for validation failures, so any client can tell local rejections apart.
    pub fn error_with(status: u16, message: &str, code: Option<&str>, field: Option<&str>) -> Self {
        let mut body = String::with_capacity(message.len() + 48);
        body.push_str("{\"error\":");
        push_json_string(&mut body, message);
        for (key, value) in [(",\"code\":", code), (",\"field\":", field)] {
            if let Some(value) = value {
                body.push_str(key);
                push_json_string(&mut body, value);
            }
        }
        body.push('}');
        Self::json(status, body)
    }

    pub fn error(status: u16, message: &str) -> Self {
        Self::error_with(status, message, None, None)
    }

    pub fn too_large() -> Self {
        Self::error(413, "Request body too large")
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }
}
