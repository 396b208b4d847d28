//! The wasm-bindgen shell: the only code that touches JsValue. It converts values and calls fetch;
//! every decision is made by the core.

pub mod client;
mod convert;
mod country;
mod email;
mod error;
mod fetch;
mod proxy;
mod runtime;
mod shape;
mod strings;
