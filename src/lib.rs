//! wazper: client SDK for the Wazper colleague-discovery API.
//!
//! A pure core (everything but `wasm`) that knows nothing of JavaScript and is tested natively,
//! and a thin wasm-bindgen shell (`wasm`, compiled only for wasm32) that converts values and calls
//! `fetch`. See ARCHITECTURE.md for the map and the invariants.

pub mod api;
pub mod base_url;
pub mod client;
pub mod country;
pub mod email;
pub mod error;
pub mod geo;
pub mod input;
pub mod json;
pub mod proxy;

// Public (hidden) only so tests/wasm_client.rs can drive the shell's bindings from Rust.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use error::{Error, ErrorCode};
