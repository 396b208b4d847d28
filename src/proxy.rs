//! The edge proxy's pure core: routes, access and CORS decisions, body limits, and the
//! user-sync rewrite (country from the edge, personal emails answered locally).
//! (Skeleton: lands with the edge-proxy issue.)
