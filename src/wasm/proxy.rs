//! JS bindings of the edge proxy (`createWazperProxy`).
