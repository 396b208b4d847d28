//! X-API-Key checks, in the order and with the messages each endpoint documents. The endpoints
//! differ: user-sync has its own 401 messages and checks credits; the colleague endpoints fold an
//! invalid organization into their one 401 message and check whether Waz is enabled;
//! colleagues-update documents no "not linked" 400, so its 401 message ("...or key not linked to an
//! organization") covers that case.

use axum::http::HeaderMap;

use crate::error::ApiError;
use crate::messages::{
    INVALID_KEY_COLLEAGUES, INVALID_KEY_SYNC, INVALID_ORG, KEY_REQUIRED, NOT_LINKED, NO_CREDITS,
    WAZ_DISABLED,
};
use crate::store::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    UserSync,
    Create,
    List,
    Update,
}

/// Who is calling: the key (credits are per key) and its organization (data is per organization).
#[derive(Clone, Debug)]
pub struct Caller {
    pub key: String,
    pub org: String,
}

/// The raw X-API-Key value, if any. Never logged or echoed in an error.
pub fn api_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

pub fn authenticate(
    store: &Store,
    headers: &HeaderMap,
    endpoint: Endpoint,
) -> Result<Caller, ApiError> {
    let sync = endpoint == Endpoint::UserSync;
    let invalid = if sync {
        INVALID_KEY_SYNC
    } else {
        INVALID_KEY_COLLEAGUES
    };
    let key = api_key(headers).ok_or_else(|| ApiError::new(401, KEY_REQUIRED))?;
    let state = store.key(&key).ok_or_else(|| ApiError::new(401, invalid))?;
    let Some(org_id) = &state.organization else {
        return Err(if endpoint == Endpoint::Update {
            ApiError::new(401, invalid)
        } else {
            ApiError::new(400, NOT_LINKED)
        });
    };
    let Some(org) = store.org(org_id) else {
        return Err(ApiError::new(
            401,
            if sync {
                INVALID_ORG
            } else {
                INVALID_KEY_COLLEAGUES
            },
        ));
    };
    if sync {
        if state.credits <= 0 {
            return Err(ApiError::new(402, NO_CREDITS));
        }
    } else if !org.waz_enabled {
        return Err(ApiError::new(403, WAZ_DISABLED));
    }
    Ok(Caller {
        key,
        org: org.id.clone(),
    })
}
