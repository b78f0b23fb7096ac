//! Request extractors whose failures answer in the API's JSON error shape.

use axum::extract::{FromRequest, FromRequestParts};
use axum::http::request::Parts;

use super::error::HttpError;
use super::AppState;
use crate::access::{token_hash, Role};
use crate::rules::parse_idempotency_key;

/// A JSON body, read only when the handler asks with [`JsonBody::read`], which it does
/// after checking who is asking: a caller who may not do something learns nothing from
/// how its body would have been judged (field names, limits), and sends it for nothing.
/// Malformed JSON, unknown fields and oversize bodies become API errors.
pub struct JsonBody<T> {
    request: axum::extract::Request,
    body: std::marker::PhantomData<fn() -> T>,
}

impl<S: Send + Sync, T> FromRequest<S> for JsonBody<T> {
    type Rejection = HttpError;

    async fn from_request(request: axum::extract::Request, _: &S) -> Result<Self, HttpError> {
        Ok(Self {
            request,
            body: std::marker::PhantomData,
        })
    }
}

impl<T: serde::de::DeserializeOwned> JsonBody<T> {
    /// Reads the body (within the route's size limit) and parses it.
    pub async fn read(self) -> Result<T, HttpError> {
        let axum::Json(value) = axum::Json::<T>::from_request(self.request, &()).await?;
        Ok(value)
    }
}

/// Path parameters.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(HttpError))]
pub struct PathParam<T>(pub T);

/// Query parameters. A query whose %-escapes do not spell UTF-8 is refused with 400
/// rather than read with replacement characters, which would make it mean something
/// else than was sent.
pub struct QueryParams<T>(pub T);

impl<S, T> FromRequestParts<S> for QueryParams<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if !decodes_to_utf8(parts.uri.query().unwrap_or("")) {
            return Err(HttpError::bad_request(
                "invalid_query",
                "the query string is not UTF-8 once its %-escapes are decoded",
            ));
        }
        let axum::extract::Query(value) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Self(value))
    }
}

/// Whether every %-escape of `query` decodes, with the text around it, to UTF-8.
fn decodes_to_utf8(query: &str) -> bool {
    let bytes = query.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

/// The bearer token of a request, trimmed, or `None` when it has none. The scheme name is
/// case-insensitive (RFC 9110, section 11.1).
pub fn bearer_token(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty())
}

/// The hash of a request's bearer token, kept in its extensions once computed.
#[derive(Debug, Clone)]
struct BearerHash(String);

/// The hash of the request's bearer token, unchecked: computed once a request, whether the
/// request limits or the [`Caller`] asks first. It finds the token's grant, keys its limits
/// and scopes its idempotency keys.
pub fn bearer_hash(parts: &mut Parts) -> Option<String> {
    if let Some(BearerHash(hash)) = parts.extensions.get::<BearerHash>() {
        return Some(hash.clone());
    }
    let hash = token_hash(bearer_token(&parts.headers)?);
    parts.extensions.insert(BearerHash(hash.clone()));
    Some(hash)
}

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
        let token_hash = bearer_hash(parts).ok_or(HttpError::Unauthorized)?;
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

#[cfg(test)]
mod tests {
    use super::decodes_to_utf8;

    #[test]
    fn a_query_must_decode_to_utf8() {
        assert!(decodes_to_utf8("service=1.001193&date=2026-12-03"));
        assert!(decodes_to_utf8("name=Nguy%E1%BB%85n+An"));
        assert!(decodes_to_utf8("a=100%"));
        assert!(!decodes_to_utf8("number=%FF"));
        assert!(!decodes_to_utf8("name=Nguy%E1%BB"));
    }
}
