//! JS bindings of the `country` core module.
