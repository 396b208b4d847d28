//! The shell's one cache of JS strings made from `&'static str`s: property and header names, the
//! result keys of `classifyEmail`, and the country names and codes `normalizeCountry` returns. Each
//! is decoded into a JS string once per instance instead of on every call (decoding UTF-8 into a
//! new JS string costs a TextDecoder call; handing back a held one does not).
//!
//! serde-wasm-bindgen keeps a private cache of its own for the field names it serialises; it is
//! not reachable from this crate, so it stays a second cache outside the shell's code.

use std::cell::{RefCell, UnsafeCell};

use wasm_bindgen::JsValue;

/// Room for every table country in each output format (3 x 250) and the shell's own names, with
/// some to spare; past it strings are made afresh, so memory stays bounded whatever is called.
const CAPACITY: usize = 1024;

thread_local! {
    // Keyed by the &'static str's address and length (equal keys mean the same bytes), kept sorted
    // for a binary search.
    static CACHE: RefCell<Vec<(usize, usize, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string for `s`, created on first use (never at module load: Workers forbid work there).
pub fn js(s: &'static str) -> JsValue {
    with_js(s, JsValue::clone)
}

/// Calls `f` with the cached JS string for `s` without taking a new reference to it (for a loop of
/// property sets, each `clone` would be one more call into JS).
pub fn with_js<R>(s: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    let key = (s.as_ptr() as usize, s.len());
    CACHE.with(|cache| {
        // Only a reentrant call from inside `f` finds the cache borrowed.
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return f(&JsValue::from_str(s));
        };
        match cache.binary_search_by(|(p, l, _)| (*p, *l).cmp(&key)) {
            Ok(i) => match cache.get(i) {
                Some((_, _, v)) => f(v),
                None => f(&JsValue::from_str(s)),
            },
            Err(i) if cache.len() < CAPACITY => {
                cache.insert(i, (key.0, key.1, JsValue::from_str(s)));
                match cache.get(i) {
                    Some((_, _, v)) => f(v),
                    None => f(&JsValue::from_str(s)),
                }
            }
            Err(_) => f(&JsValue::from_str(s)),
        }
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
