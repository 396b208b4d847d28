//! A cache of the JS strings the shell uses over and over (property names, header names):
//! each is decoded into a JS string once per instance instead of on every call.

use std::cell::{RefCell, UnsafeCell};

use wasm_bindgen::JsValue;

thread_local! {
    // Keyed by the &'static str's address: a handful of entries, searched linearly.
    static CACHE: RefCell<Vec<(usize, usize, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string for `s`, created on first use (never at module load: Workers forbid work there).
pub fn js(s: &'static str) -> JsValue {
    let key = (s.as_ptr() as usize, s.len());
    CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return JsValue::from_str(s);
        };
        if let Some((_, _, v)) = cache.iter().find(|(p, l, _)| (*p, *l) == key) {
            return v.clone();
        }
        let v = JsValue::from_str(s);
        if cache.len() < 128 {
            cache.push((key.0, key.1, v.clone()));
        }
        v
    })
}

/// The scratch area of the JS fast paths (pkg-template/fast.js): JS encodes a string's UTF-8 here
/// and calls a raw wasm export with its byte length. That skips wasm-bindgen's string glue (a
/// malloc, a free and a DataView revalidated on every call in Node 20), which was ~40% of an
/// isPersonalEmail call. The raw exports are plain `extern "C"` functions, not `#[wasm_bindgen]`:
/// they take only a length, appear in no JS module's exports, and accept any length and any bytes.
pub const SCRATCH_LEN: usize = 3 * 4096;

struct Scratch(UnsafeCell<[u8; SCRATCH_LEN]>);
// SAFETY: wasm32 without threads; only JS writes here, and never while wasm is running.
unsafe impl Sync for Scratch {}

static SCRATCH: Scratch = Scratch(UnsafeCell::new([0; SCRATCH_LEN]));

/// Where JS writes (at most SCRATCH_LEN bytes: a string of up to 4096 UTF-16 units).
#[no_mangle]
pub extern "C" fn wazper_scratch() -> *mut u8 {
    SCRATCH.0.get().cast()
}

/// The first `len` scratch bytes as text, or None when `len` is too long or they are not UTF-8.
pub fn scratch_str(len: u32) -> Option<&'static str> {
    // SAFETY: a shared view taken while wasm runs; JS writes only between calls, and nothing in
    // wasm writes the area, so the view never aliases a live write.
    let bytes: &'static [u8; SCRATCH_LEN] = unsafe { &*SCRATCH.0.get() };
    core::str::from_utf8(bytes.get(..usize::try_from(len).ok()?)?).ok()
}
