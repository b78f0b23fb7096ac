//! Time is passed in, never read deep inside logic, so tests can cross midnight.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Source of the current time.
pub trait Clock: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that started at a chosen instant and runs on with another clock (the
/// machine's by default): for demos and tests that need a given day and hour
/// while time still passes.
#[derive(Debug)]
pub struct OffsetClock<C: Clock = SystemClock> {
    base: C,
    offset: Duration,
}

impl OffsetClock<SystemClock> {
    /// A clock showing `start` now and running on in real time.
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self::over(SystemClock, start)
    }
}

impl<C: Clock> OffsetClock<C> {
    /// A clock showing `start` now and running on with `base`.
    pub fn over(base: C, start: DateTime<Utc>) -> Self {
        let offset = start - base.now();
        Self { base, offset }
    }
}

impl<C: Clock> Clock for OffsetClock<C> {
    fn now(&self) -> DateTime<Utc> {
        self.base.now() + self.offset
    }
}

/// A clock that stays where it is set; for tests.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    /// A clock showing `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<C: Clock> Clock for std::sync::Arc<C> {
    fn now(&self) -> DateTime<Utc> {
        self.as_ref().now()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::sync::Arc;

    #[test]
    fn an_offset_clock_starts_where_asked_and_runs_with_its_base() {
        let machine = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2025, 3, 9, 22, 14, 5).unwrap(),
        ));
        let start = Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap();
        let clock = OffsetClock::over(machine.clone(), start);
        assert_eq!(clock.now(), start);
        machine.set(machine.now() + Duration::minutes(90));
        assert_eq!(clock.now(), start + Duration::minutes(90));
    }

    #[test]
    fn an_offset_clock_over_the_machine_moves_forward() {
        let start = Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap();
        let clock = OffsetClock::starting_at(start);
        let first = clock.now();
        assert!(
            first >= start && first - start < Duration::seconds(5),
            "{first}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(clock.now() > first);
    }
}
