//! Request extractors whose failures answer in the API's JSON error shape.

use axum::extract::{FromRequest, FromRequestParts};
use axum::http::request::Parts;

use super::error::HttpError;
use super::AppState;
use crate::access::{token_hash, Role};
use crate::rules::parse_idempotency_key;

/// A JSON body; malformed JSON, unknown fields and oversize bodies become API errors.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(HttpError))]
pub struct JsonBody<T>(pub T);

/// Path parameters.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(HttpError))]
pub struct PathParam<T>(pub T);

/// Query parameters.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(HttpError))]
pub struct QueryParams<T>(pub T);

/// The caller, from a bearer token.
#[derive(Debug, Clone)]
pub struct Caller {
    /// What the token may do.
    pub role: Role,
    /// Hash of the token: the scope of its idempotency keys.
    pub token_hash: String,
    /// The token's id, which logs and the audit log name (never its secret).
    pub token_id: i64,
    /// The token's label, if it has one.
    pub token_label: Option<String>,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = HttpError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // The audit layer may have found the caller already.
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            // The scheme name is case-insensitive (RFC 9110, section 11.1).
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|t| !t.is_empty())
            .ok_or(HttpError::Unauthorized)?;
        // Hashed once: the hash finds the role and scopes the idempotency keys.
        let token_hash = token_hash(token);
        let grant = state
            .store
            .token_for_hash(&token_hash, state.clock.now())
            .await?
            .ok_or(HttpError::Unauthorized)?;
        Ok(Self {
            role: grant.role,
            token_hash,
            token_id: grant.id,
            token_label: grant.label,
        })
    }
}

impl Caller {
    /// Passes when `allowed` holds, else 403.
    pub fn require(&self, allowed: bool) -> Result<(), HttpError> {
        if allowed {
            Ok(())
        } else {
            Err(HttpError::Forbidden)
        }
    }
}

/// The required `Idempotency-Key` header.
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let value = parts.headers.get("idempotency-key").ok_or_else(|| {
            HttpError::bad_request(
                "missing_idempotency_key",
                "the Idempotency-Key header is required, so a retried request cannot act twice",
            )
        })?;
        let text = value.to_str().map_err(|_| {
            HttpError::bad_request("invalid_idempotency_key", "Idempotency-Key must be ASCII")
        })?;
        parse_idempotency_key(text)
            .map(|k| Self(k.to_owned()))
            .map_err(|m| HttpError::bad_request("invalid_idempotency_key", m))
    }
}
