//! The wasm-bindgen shell: the only code that touches JsValue. It converts values and calls fetch;
//! every decision is made by the core.

pub mod client;
mod convert;
mod country;
mod email;
mod error;
pub mod fetch;
mod geo;
mod js;
#[cfg(feature = "proxy")]
mod proxy;
pub mod runtime;
// Public (hidden) only so tests/wasm_client.rs can check the cache.
#[doc(hidden)]
pub mod strings;
mod transport;

// The global allocator: talc instead of Rust's default dlmalloc, 2.3 KB gzip (6.8 KB raw) smaller
// in the shipped wasm. Speed measured with bench/ is within noise (isPersonalEmail, which allocates
// only for wasm-bindgen's string passing, ~2% slower in medians; client calls a little faster).
// Single-threaded wasm only, as this build is.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
