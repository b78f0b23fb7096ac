//! Counter staff calling the next visitor.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use wire::CalledTicket;

use super::error::HttpError;
use super::extract::{Caller, PathParam};
use super::AppState;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/counters/{counter}/call-next", post(call_next))
}

/// Calls the next ticket of the counter's groups (appointments, then legal
/// priority, then arrival order), closing the one it was serving.
#[utoipa::path(post, path = "/counters/{counter}/call-next", tag = "staff",
    params(("counter" = String, Path, description = "Counter id")),
    responses((status = 200, body = CalledTicket), (status = 401, body = wire::ApiError),
              (status = 403, body = wire::ApiError), (status = 404, body = wire::ApiError),
              (status = 409, body = wire::ApiError, description = "nobody_waiting")),
    security(("bearer" = [])))]
pub async fn call_next(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(counter): PathParam<String>,
) -> Result<Json<CalledTicket>, HttpError> {
    let office = state.store.counter_office(&counter).await?;
    caller.require(caller.role.may_work_counter(&office, &counter))?;
    Ok(Json(
        state.store.call_next(&counter, state.clock.now()).await?,
    ))
}
