//! JS bindings of the `client` core module.
