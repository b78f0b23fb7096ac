//! The one adapter to the central API. Requests that change something carry an
//! idempotency key, so a retry after a lost answer never issues a second ticket.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wire::{
    ApiError, Appointment, AppointmentLookup, CatalogueAnswer, Contact, FoundAppointments, Health,
    Heartbeat, HeartbeatAnswer, KioskRegistered, KioskRegistration, MostTaken, NewAppointment,
    NewTicket, Office, OfficeStatus, Priority, SlotList, Ticket,
};

/// Attempts for a request before the central counts as unreachable.
const ATTEMPTS: u32 = 3;
/// Wait before the first retry; doubled for each further one.
const FIRST_BACKOFF: Duration = Duration::from_millis(200);

/// Why a call to the central failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// No answer: network down, server stopped, or timeout.
    #[error("the central server cannot be reached: {0}")]
    Unreachable(String),
    /// The central answered with an error.
    #[error("the central refused ({status}): {}", .body.message)]
    Refused {
        /// HTTP status.
        status: u16,
        /// Its JSON error (boxed: it is far larger than the other variants).
        body: Box<ApiError>,
    },
    /// The answer could not be read.
    #[error("unexpected answer from the central: {0}")]
    Unexpected(String),
}

/// A catalogue fetch: new content with its ETag, or unchanged.
#[derive(Debug)]
pub enum CatalogueFetch {
    /// The catalogue changed (or was asked without an ETag).
    Fresh {
        /// The catalogue, and the public pages that go with it.
        answer: CatalogueAnswer,
        /// Its ETag, for the next conditional request.
        etag: Option<String>,
    },
    /// The ETag still matches.
    Unchanged,
}

/// Client of one office's part of the central API, with the kiosk's token.
#[derive(Debug, Clone)]
pub struct CentralClient {
    http: reqwest::Client,
    base: url::Url,
    office: String,
    token: String,
}

impl CentralClient {
    /// A client for `base` (the server's root, without `/api/v1`).
    pub fn new(base: url::Url, office: &str, token: &str) -> Result<Self, ClientError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(2))
            .timeout(Duration::from_secs(6))
            .build()
            .map_err(|e| ClientError::Unexpected(e.to_string()))?;
        Ok(Self {
            http,
            base,
            office: office.to_owned(),
            token: token.to_owned(),
        })
    }

    fn url(&self, path: &str) -> Result<url::Url, ClientError> {
        self.base
            .join(&format!("api/v1/{}", path.trim_start_matches('/')))
            .map_err(|e| ClientError::Unexpected(e.to_string()))
    }

    /// Sends a request, retrying when no answer came. An answer, even an error, is final.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> Result<reqwest::Response, ClientError> {
        let url = self.url(path)?;
        let mut backoff = FIRST_BACKOFF;
        let mut last_error = String::new();
        for attempt in 1..=ATTEMPTS {
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(&self.token);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            match request.send().await {
                Ok(response) => return Ok(response),
                Err(e) => {
                    last_error = describe(e);
                    tracing::warn!(attempt, error = %last_error, "central did not answer");
                    if attempt < ATTEMPTS {
                        tokio::time::sleep(backoff).await;
                        backoff *= 2;
                    }
                }
            }
        }
        Err(ClientError::Unreachable(last_error))
    }

    async fn decode<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, ClientError> {
        let status = response.status();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| ClientError::Unreachable(describe(e)))?;
        if status.is_success() {
            serde_json::from_slice(&bytes).map_err(|e| ClientError::Unexpected(e.to_string()))
        } else {
            let body = serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| ApiError::new("http_error", format!("HTTP {status}")));
            Err(ClientError::Refused {
                status: status.as_u16(),
                body: Box::new(body),
            })
        }
    }

    /// `GET /health`: true when the central answers.
    pub async fn is_reachable(&self) -> bool {
        match self.url("health") {
            Ok(url) => self
                .http
                .get(url)
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success()),
            Err(_) => false,
        }
    }

    /// `GET /offices/{office}/status`: the central's time and whether the office is
    /// open; an error when the central does not answer within 2 seconds.
    pub async fn office_status(&self) -> Result<OfficeStatus, ClientError> {
        let url = self.url(&format!("offices/{}/status", self.office))?;
        let response = self
            .http
            .get(url)
            .timeout(Duration::from_secs(2))
            .send()
            .await
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        Self::decode(response).await
    }

    /// Today's bookings at the office under a name (as printed on an ID card). Only
    /// the name is sent.
    pub async fn find_appointments(&self, name: &str) -> Result<FoundAppointments, ClientError> {
        let body = serde_json::to_value(AppointmentLookup {
            name: name.to_owned(),
        })
        .map_err(|e| ClientError::Unexpected(e.to_string()))?;
        let path = format!("offices/{}/appointments/lookup", self.office);
        Self::decode(self.send(Method::POST, &path, Some(&body), &[]).await?).await
    }

    /// `GET /health` once, without retrying: the central's version, for the maintenance
    /// screen's connection test.
    pub async fn health(&self) -> Result<Health, ClientError> {
        let response = self
            .http
            .get(self.url("health")?)
            .timeout(Duration::from_secs(3))
            .send()
            .await
            .map_err(|e| ClientError::Unreachable(describe(e)))?;
        Self::decode(response).await
    }

    /// This kiosk's office, from the public list.
    pub async fn office(&self) -> Result<Office, ClientError> {
        let offices: Vec<Office> =
            Self::decode(self.send(Method::GET, "offices", None, &[]).await?).await?;
        offices
            .into_iter()
            .find(|o| o.id == self.office)
            .ok_or_else(|| {
                ClientError::Unexpected(format!("the central knows no office {:?}", self.office))
            })
    }

    /// The office's catalogue; `etag` makes it conditional.
    pub async fn catalogue(&self, etag: Option<&str>) -> Result<CatalogueFetch, ClientError> {
        let path = format!("offices/{}/catalogue", self.office);
        let headers: Vec<(&str, &str)> = etag.map(|e| ("If-None-Match", e)).into_iter().collect();
        let response = self.send(Method::GET, &path, None, &headers).await?;
        if response.status() == StatusCode::NOT_MODIFIED {
            return Ok(CatalogueFetch::Unchanged);
        }
        let etag = response
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let answer = Self::decode(response).await?;
        Ok(CatalogueFetch::Fresh { answer, etag })
    }

    /// The procedures the office issued the most numbers for over its last `days` local
    /// days, at most `limit`, most first.
    pub async fn most_taken(&self, days: u32, limit: u32) -> Result<MostTaken, ClientError> {
        let path = format!(
            "offices/{}/most-taken?days={days}&limit={limit}",
            self.office
        );
        Self::decode(self.send(Method::GET, &path, None, &[]).await?).await
    }

    /// Issues a ticket. `idempotency_key` must be the same for every retry of one tap.
    pub async fn take_ticket(
        &self,
        service: &str,
        priority: Priority,
        idempotency_key: &str,
    ) -> Result<Ticket, ClientError> {
        let body = NewTicket {
            service: service.to_owned(),
            priority,
        };
        let path = format!("offices/{}/tickets", self.office);
        self.post_once(&path, &body, idempotency_key).await
    }

    /// Slots of one local day (`YYYY-MM-DD`) for a procedure.
    pub async fn slots(&self, service: &str, date: &str) -> Result<SlotList, ClientError> {
        let mut url_path = format!("offices/{}/slots", self.office);
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("service", service)
            .append_pair("date", date)
            .finish();
        url_path.push('?');
        url_path.push_str(&query);
        Self::decode(self.send(Method::GET, &url_path, None, &[]).await?).await
    }

    /// Books a slot.
    pub async fn book(
        &self,
        service: &str,
        slot_start: &str,
        phone: &str,
        name: Option<&str>,
        idempotency_key: &str,
    ) -> Result<Appointment, ClientError> {
        let body = NewAppointment {
            service: service.to_owned(),
            slot_start: slot_start.to_owned(),
            contact: Contact {
                phone: phone.to_owned(),
                name: name.map(str::to_owned),
            },
        };
        let path = format!("offices/{}/appointments", self.office);
        self.post_once(&path, &body, idempotency_key).await
    }

    /// POSTs a body with an idempotency key, so that retries act at most once.
    async fn post_once<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: &str,
    ) -> Result<R, ClientError> {
        let body =
            serde_json::to_value(body).map_err(|e| ClientError::Unexpected(e.to_string()))?;
        let headers = [("Idempotency-Key", idempotency_key)];
        Self::decode(self.send(Method::POST, path, Some(&body), &headers).await?).await
    }

    /// `POST /kiosks/register`: says this kiosk started; answers its id, office and the
    /// profile assigned to it. Repeating it is harmless, so it needs no idempotency key.
    pub async fn register(
        &self,
        name: &str,
        app_version: &str,
    ) -> Result<KioskRegistered, ClientError> {
        let body = serde_json::to_value(KioskRegistration {
            name: name.to_owned(),
            app_version: app_version.to_owned(),
        })
        .map_err(|e| ClientError::Unexpected(e.to_string()))?;
        Self::decode(
            self.send(Method::POST, "kiosks/register", Some(&body), &[])
                .await?,
        )
        .await
    }

    /// `POST /kiosks/heartbeat`: reports this kiosk's state; the answer carries the assigned
    /// profile when it is not the one reported.
    pub async fn heartbeat(&self, beat: &Heartbeat) -> Result<HeartbeatAnswer, ClientError> {
        let body =
            serde_json::to_value(beat).map_err(|e| ClientError::Unexpected(e.to_string()))?;
        Self::decode(
            self.send(Method::POST, "kiosks/heartbeat", Some(&body), &[])
                .await?,
        )
        .await
    }

    /// Checks a booking in.
    pub async fn check_in(&self, code: &str) -> Result<Ticket, ClientError> {
        let code: String = url::form_urlencoded::byte_serialize(code.as_bytes()).collect();
        let path = format!("appointments/{code}/check-in");
        Self::decode(self.send(Method::POST, &path, None, &[]).await?).await
    }
}

/// An HTTP error with its causes ("error sending request: … Connection refused") and without
/// its URL, which can hold a visitor's booking code and must not reach the log.
fn describe(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A fresh idempotency key for one visitor action: a UUID version 7 (RFC 9562),
/// whose leading time makes keys from every kiosk sort in the order they were
/// made, so the central's index of keys grows at its end instead of on a random
/// page at each ticket; its 74 random bits keep two kiosks' keys apart.
pub fn new_idempotency_key() -> String {
    uuid::Uuid::now_v7().to_string()
}
