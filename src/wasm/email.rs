//! JS bindings of the `email` core module.
