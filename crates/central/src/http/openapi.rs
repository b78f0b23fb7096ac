//! The OpenAPI 3.1 document, generated from the handlers and wire types.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{appointments, counters, events, fleet, offices, tickets};

/// The API's description.
#[derive(OpenApi)]
#[openapi(
    info(title = "Lobby kiosk central API", description = "Catalogue, queues, slots and appointments of one-stop-shop offices; the counters' work and the lobby's live events; kiosk profiles and the fleet of kiosks."),
    servers((url = "/api/v1")),
    paths(
        super::health,
        offices::list_offices, offices::catalogue, offices::queues, offices::slots,
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
    ),
    modifiers(&BearerAuth),
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

/// `GET /openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
