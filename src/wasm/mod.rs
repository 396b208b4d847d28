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

/// Registers the runtime's own data with the core once the instance starts (the CLDR country names
/// of `Intl.DisplayNames`, the UTS 46 of `URL` for email domains): storing function pointers is all
/// it does (no I/O, timers or randomness, which Workers forbid at start-up). A crate has one start.
#[wasm_bindgen::prelude::wasm_bindgen(start, private)]
fn start() {
    crate::country::set_extra_names(country::runtime_names);
    crate::email::set_domain_to_ascii(email::runtime_domain_to_ascii);
}

// The global allocator: talc instead of Rust's default dlmalloc, 2.3 KB gzip (6.8 KB raw) smaller
// in the shipped wasm. Speed measured with bench/ is within noise (isPersonalEmail, which allocates
// only for wasm-bindgen's string passing, ~2% slower in medians; client calls a little faster).
// Single-threaded wasm only, as this build is.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
