//! The OpenAPI 3.1 document, generated from the handlers and wire types.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{appointments, audit, counters, events, fleet, offices, tickets};

/// The API's description.
#[derive(OpenApi)]
#[openapi(
    info(title = "Lobby kiosk central API", description = "Catalogue, queues, slots and appointments of one-stop-shop offices; the counters' work and the lobby's live events; kiosk profiles and the fleet of kiosks."),
    servers((url = "/api/v1")),
    paths(
        super::health,
        offices::list_offices, offices::catalogue, offices::queues, offices::most_taken, offices::slots,
        offices::status, offices::set_calendar,
        tickets::issue, tickets::status, tickets::complete, tickets::no_show, tickets::transfer,
        tickets::list,
        appointments::book, appointments::check_in, appointments::lookup,
        appointments::booking_rules, appointments::set_booking_rules,
        counters::my_counters, counters::view, counters::call_next, counters::recall,
        counters::pause, counters::open, counters::announcement,
        events::stream_events,
        fleet::list_profiles, fleet::create_profile, fleet::latest_profile, fleet::profile_version,
        fleet::update_profile, fleet::profile_schema, fleet::list_kiosks, fleet::assign_profile,
        fleet::register, fleet::heartbeat,
        audit::read,
    ),
    modifiers(&BearerAuth, &AnswersEveryHandlerCanGive, &EventStreamFrames),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The answers that come from the edges every handler shares rather than from its
/// own code, added where they apply so that no operation leaves one out: a token's
/// check (401, 403), the body's reading (400, 413), a path that names nothing (404)
/// and the limits on requests (429, with `Retry-After`, on all but `/health` and
/// `/openapi.json`).
struct AnswersEveryHandlerCanGive;

impl Modify for AnswersEveryHandlerCanGive {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        for (path, item) in openapi.paths.paths.iter_mut() {
            let limited = !matches!(path.as_str(), "/health" | "/openapi.json");
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
                let has_body = operation.request_body.is_some();
                let has_path = operation
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| matches!(p.parameter_in, ParameterIn::Path));
                let has_query =
                    operation.parameters.iter().flatten().any(|p| {
                        matches!(p.parameter_in, ParameterIn::Query | ParameterIn::Header)
                    });
                let mut answers: Vec<(&str, &str)> = Vec::new();
                if secured {
                    answers.push((
                        "401",
                        "unauthorized: no token, or one unknown, expired or revoked",
                    ));
                    answers.push(("403", "forbidden: the token may not do this"));
                }
                if has_body || has_query {
                    answers.push(("400", "the request is malformed"));
                }
                if has_body {
                    answers.push(("413", "the body is too large"));
                }
                if has_path {
                    answers.push((
                        "404",
                        "nothing by that name, or not one this token may know of",
                    ));
                }
                for (status, description) in answers {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| error_answer(description));
                }
                if limited {
                    operation
                        .responses
                        .responses
                        .entry("429".to_owned())
                        .or_insert_with(too_many_requests);
                }
            }
        }
    }
}

/// An event stream's schema describes each event as it is sent (as OpenAPI 3.2 and the
/// tools that read 3.1 take it): an `id`, and `data`, a JSON text of the schema the
/// handler names (which stays among the components); `event` and `retry` are not sent.
struct EventStreamFrames;

impl Modify for EventStreamFrames {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
        use utoipa::openapi::{RefOr, Response};
        for item in openapi.paths.paths.values_mut() {
            let Some(operation) = item.get.as_mut() else {
                continue;
            };
            for answer in operation.responses.responses.values_mut() {
                let RefOr::T(Response { content, .. }) = answer else {
                    continue;
                };
                let Some(stream) = content.get_mut("text/event-stream") else {
                    continue;
                };
                let Some(RefOr::Ref(event)) = stream.schema.take() else {
                    continue;
                };
                let frame = ObjectBuilder::new()
                    .property(
                        "id",
                        ObjectBuilder::new()
                            .schema_type(SchemaType::Type(Type::String))
                            .description(Some(
                                "`epoch.seq`: send it back as Last-Event-ID to resume",
                            )),
                    )
                    .property(
                        "data",
                        ObjectBuilder::new()
                            .schema_type(SchemaType::Type(Type::String))
                            .description(Some(format!(
                                "One event as JSON, of the schema {}",
                                event.ref_location
                            )))
                            .content_media_type("application/json"),
                    )
                    .required("data")
                    .build();
                stream.schema = Some(RefOr::T(frame.into()));
            }
        }
    }
}

fn too_many_requests() -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
    use utoipa::openapi::header::HeaderBuilder;
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    let mut answer = error_answer(
        "too many requests from this token or client address; `Retry-After` (and `retry_after`) says in how many seconds to try again",
    );
    if let utoipa::openapi::RefOr::T(response) = &mut answer {
        response.headers.insert(
            "Retry-After".to_owned(),
            HeaderBuilder::new()
                .schema(ObjectBuilder::new().schema_type(SchemaType::Type(Type::Integer)))
                .description(Some("Seconds to wait"))
                .build(),
        );
    }
    answer
}

fn error_answer(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
    use utoipa::openapi::content::ContentBuilder;
    use utoipa::openapi::ResponseBuilder;
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(utoipa::openapi::Ref::from_schema_name("ApiError")))
                .build(),
        )
        .build()
        .into()
}

/// `GET /openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
