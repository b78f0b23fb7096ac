//! Keyed rate limits and lockouts, in bounded memory, on a clock passed in.
//!
//! A [`RateLimiter`] lets each key (a token, a client address) make `burst` requests
//! at once and then `per_minute` a minute (the generic cell rate algorithm: one
//! instant kept per key). A [`Lockouts`] counts each key's failures (wrong booking
//! codes) and locks the key out for a while once too many fall within a window.
//!
//! Both keep at most a set number of keys: a client inventing a new key per request
//! must not grow them without end. When full, keys that hold nothing any more (their
//! budget is whole again, no failure in the window) go first, then those closest to
//! it: forgetting a key only ever gives it back its full budget, never less.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};

/// Keys a limiter keeps by default: some 100 bytes each.
pub const DEFAULT_KEYS_KEPT: usize = 50_000;

/// A rate: `burst` at once, then `per_minute` a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Requests allowed at once after a quiet spell (at least 1).
    pub burst: u32,
    /// Requests allowed a minute in the long run (at least 1).
    pub per_minute: u32,
}

impl Rate {
    /// `burst` at once, then `per_minute` a minute.
    pub const fn new(burst: u32, per_minute: u32) -> Self {
        Self { burst, per_minute }
    }

    /// Time between two requests in the long run.
    fn interval(&self) -> Duration {
        Duration::microseconds(60_000_000 / i64::from(self.per_minute.max(1)))
    }

    /// How far ahead of now a key's budget may be spent.
    fn tolerance(&self) -> Duration {
        self.interval() * i32::try_from(self.burst.max(1)).unwrap_or(i32::MAX)
    }
}

/// How long to wait before the next try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait(pub Duration);

impl Wait {
    /// Whole seconds to wait, rounded up, at least 1: what `Retry-After` says.
    pub fn seconds(&self) -> u32 {
        let millis = self.0.num_milliseconds().max(1);
        u32::try_from((millis + 999) / 1000).unwrap_or(u32::MAX)
    }
}

/// Per-key rate limits.
#[derive(Debug)]
pub struct RateLimiter<K> {
    rate: Rate,
    keys_kept: usize,
    /// Each key's theoretical arrival time: when its budget is whole again.
    whole_at: Mutex<HashMap<K, DateTime<Utc>>>,
}

impl<K: Hash + Eq + Clone> RateLimiter<K> {
    /// A limiter of `rate` per key, keeping at most `keys_kept` keys.
    pub fn new(rate: Rate, keys_kept: usize) -> Self {
        Self {
            rate,
            keys_kept: keys_kept.max(1),
            whole_at: Mutex::default(),
        }
    }

    /// The limiter's rate.
    pub fn rate(&self) -> Rate {
        self.rate
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, DateTime<Utc>>> {
        // Plain instants: after a panic elsewhere they are still right.
        self.whole_at.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts a request of `key` at `now`: `Ok` when its budget allows it, else how
    /// long to wait (a refused request spends nothing).
    pub fn check(&self, key: &K, now: DateTime<Utc>) -> Result<(), Wait> {
        let interval = self.rate.interval();
        let tolerance = self.rate.tolerance();
        let mut map = self.lock();
        let next = match map.get(key) {
            Some(&whole_at) => whole_at.max(now) + interval,
            None => now + interval,
        };
        if next - now > tolerance {
            return Err(Wait(next - now - tolerance));
        }
        if !map.contains_key(key) && map.len() >= self.keys_kept {
            make_room(
                &mut map,
                self.keys_kept,
                |whole_at| *whole_at <= now,
                |w| *w,
            );
        }
        map.insert(key.clone(), next);
        Ok(())
    }

    /// Keys kept now.
    pub fn keys(&self) -> usize {
        self.lock().len()
    }
}

/// A lockout rule: `failures` within `within` lock the key out for `lock_for`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lockout {
    /// Failures that lock (at least 1).
    pub failures: u32,
    /// Window they must fall within.
    pub within: Duration,
    /// How long the lock lasts.
    pub lock_for: Duration,
}

#[derive(Debug, Default)]
struct Strikes {
    /// Failures within the window, oldest first; at most `failures` of them.
    recent: VecDeque<DateTime<Utc>>,
    locked_until: Option<DateTime<Utc>>,
}

impl Strikes {
    /// When this key holds nothing any more.
    fn spent_at(&self, within: Duration) -> DateTime<Utc> {
        let last_failure = self.recent.back().map(|t| *t + within);
        match (last_failure, self.locked_until) {
            (Some(a), Some(b)) => a.max(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => DateTime::<Utc>::MIN_UTC,
        }
    }
}

/// Per-key lockouts after repeated failures.
#[derive(Debug)]
pub struct Lockouts<K> {
    rule: Lockout,
    keys_kept: usize,
    strikes: Mutex<HashMap<K, Strikes>>,
}

impl<K: Hash + Eq + Clone> Lockouts<K> {
    /// Lockouts by `rule`, keeping at most `keys_kept` keys.
    pub fn new(rule: Lockout, keys_kept: usize) -> Self {
        Self {
            rule,
            keys_kept: keys_kept.max(1),
            strikes: Mutex::default(),
        }
    }

    /// The rule.
    pub fn rule(&self) -> Lockout {
        self.rule
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, Strikes>> {
        self.strikes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Until when `key` is locked out, if it is at `now`.
    pub fn locked_until(&self, key: &K, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.lock()
            .get(key)
            .and_then(|s| s.locked_until)
            .filter(|until| *until > now)
    }

    /// Counts a failure of `key` at `now`; answers the end of the lock when this
    /// failure starts one. A success is never counted: it must not wipe the
    /// failures of someone guessing between right answers.
    pub fn fail(&self, key: &K, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let rule = self.rule;
        let mut map = self.lock();
        if !map.contains_key(key) && map.len() >= self.keys_kept {
            let within = rule.within;
            make_room(
                &mut map,
                self.keys_kept,
                |s| s.spent_at(within) <= now,
                // Locked keys go last: dropping one would lift its lock.
                |s| (s.locked_until.is_some_and(|u| u > now), s.spent_at(within)),
            );
        }
        let strikes = match map.entry(key.clone()) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(Strikes::default()),
        };
        while strikes
            .recent
            .front()
            .is_some_and(|t| *t <= now - rule.within)
        {
            strikes.recent.pop_front();
        }
        strikes.recent.push_back(now);
        let failures = usize::try_from(rule.failures.max(1)).unwrap_or(usize::MAX);
        if strikes.recent.len() < failures {
            return None;
        }
        // The lock starts a new count: after it, the key has the same few tries again.
        strikes.recent.clear();
        let until = now + rule.lock_for;
        strikes.locked_until = Some(until);
        Some(until)
    }

    /// Keys kept now.
    pub fn keys(&self) -> usize {
        self.lock().len()
    }
}

/// Frees room in a full map: first every entry that holds nothing any more, then,
/// if that is not enough, the tenth that matters least (lowest `worth`).
fn make_room<K: Hash + Eq + Clone, V, W: Ord + Copy>(
    map: &mut HashMap<K, V>,
    keys_kept: usize,
    spent: impl Fn(&V) -> bool,
    worth: impl Fn(&V) -> W,
) {
    map.retain(|_, v| !spent(v));
    if map.len() < keys_kept {
        return;
    }
    let mut by_end: Vec<(W, K)> = map.iter().map(|(k, v)| (worth(v), k.clone())).collect();
    let drop = (keys_kept / 10).max(1).min(by_end.len());
    by_end.select_nth_unstable_by_key(drop - 1, |(worth, _)| *worth);
    for (_, key) in by_end.into_iter().take(drop) {
        map.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, ManualClock};
    use chrono::TimeZone;

    fn clock() -> ManualClock {
        ManualClock::new(Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap())
    }

    fn later(clock: &ManualClock, seconds: i64) {
        clock.set(clock.now() + Duration::seconds(seconds));
    }

    #[test]
    fn a_burst_passes_then_the_rate_holds_with_the_wait_told() {
        let clock = clock();
        let limiter = RateLimiter::new(Rate::new(3, 6), 100);
        for _ in 0..3 {
            assert_eq!(limiter.check(&"kiosk", clock.now()), Ok(()));
        }
        // One every 10 s: the fourth must wait 10 s.
        let wait = limiter.check(&"kiosk", clock.now()).unwrap_err();
        assert_eq!(wait.seconds(), 10);
        later(&clock, 9);
        assert_eq!(
            limiter.check(&"kiosk", clock.now()).unwrap_err().seconds(),
            1
        );
        later(&clock, 1);
        assert_eq!(limiter.check(&"kiosk", clock.now()), Ok(()));
        assert!(limiter.check(&"kiosk", clock.now()).is_err());
        // Another key has its own budget.
        assert_eq!(limiter.check(&"other", clock.now()), Ok(()));
    }

    #[test]
    fn steady_requests_at_the_rate_are_never_refused_and_a_quiet_spell_refills() {
        let clock = clock();
        let limiter = RateLimiter::new(Rate::new(2, 6), 100);
        for _ in 0..100 {
            assert_eq!(limiter.check(&1, clock.now()), Ok(()));
            later(&clock, 10);
        }
        later(&clock, 60);
        assert_eq!(limiter.check(&1, clock.now()), Ok(()));
        assert_eq!(limiter.check(&1, clock.now()), Ok(()));
        assert!(limiter.check(&1, clock.now()).is_err());
    }

    #[test]
    fn refused_requests_spend_nothing() {
        let clock = clock();
        let limiter = RateLimiter::new(Rate::new(1, 1), 100);
        assert_eq!(limiter.check(&1, clock.now()), Ok(()));
        for _ in 0..1000 {
            assert!(limiter.check(&1, clock.now()).is_err());
        }
        later(&clock, 60);
        assert_eq!(limiter.check(&1, clock.now()), Ok(()));
    }

    #[test]
    fn a_client_inventing_keys_does_not_grow_the_limiter() {
        let clock = clock();
        let limiter = RateLimiter::new(Rate::new(1, 1), 1000);
        for key in 0..100_000u64 {
            assert_eq!(limiter.check(&key, clock.now()), Ok(()));
            assert!(limiter.keys() <= 1000);
        }
        // The latest keys are kept: the one just seen is still held to its rate.
        assert!(limiter.check(&99_999, clock.now()).is_err());
        // Keys whose budget is whole again are all dropped when room is needed.
        let limiter = RateLimiter::new(Rate::new(1, 1), 10);
        for key in 0..10u64 {
            assert_eq!(limiter.check(&key, clock.now()), Ok(()));
        }
        later(&clock, 61);
        assert_eq!(limiter.check(&u64::MAX, clock.now()), Ok(()));
        assert_eq!(limiter.keys(), 1);
    }

    fn rule() -> Lockout {
        Lockout {
            failures: 3,
            within: Duration::minutes(10),
            lock_for: Duration::minutes(5),
        }
    }

    #[test]
    fn failures_within_the_window_lock_the_key_out_for_a_while() {
        let clock = clock();
        let lockouts = Lockouts::new(rule(), 100);
        assert_eq!(lockouts.fail(&"kiosk", clock.now()), None);
        later(&clock, 60);
        assert_eq!(lockouts.fail(&"kiosk", clock.now()), None);
        assert_eq!(lockouts.locked_until(&"kiosk", clock.now()), None);
        later(&clock, 60);
        let until = lockouts.fail(&"kiosk", clock.now()).expect("locked");
        assert_eq!(until, clock.now() + Duration::minutes(5));
        assert_eq!(lockouts.locked_until(&"kiosk", clock.now()), Some(until));
        assert_eq!(lockouts.locked_until(&"other", clock.now()), None);
        later(&clock, 5 * 60);
        assert_eq!(lockouts.locked_until(&"kiosk", clock.now()), None);
        // After the lock, the same few tries again, no more.
        assert_eq!(lockouts.fail(&"kiosk", clock.now()), None);
        assert_eq!(lockouts.fail(&"kiosk", clock.now()), None);
        assert!(lockouts.fail(&"kiosk", clock.now()).is_some());
    }

    #[test]
    fn failures_spread_wider_than_the_window_never_lock() {
        let clock = clock();
        let lockouts = Lockouts::new(rule(), 100);
        for _ in 0..50 {
            assert_eq!(lockouts.fail(&"kiosk", clock.now()), None);
            later(&clock, 5 * 60 + 1);
        }
    }

    #[test]
    fn a_flood_of_new_keys_drops_spent_keys_before_a_locked_one() {
        let clock = clock();
        let lockouts = Lockouts::new(rule(), 100);
        for _ in 0..3 {
            lockouts.fail(&u64::MAX, clock.now());
        }
        later(&clock, 1);
        for key in 0..10_000u64 {
            lockouts.fail(&key, clock.now());
            assert!(lockouts.keys() <= 100);
        }
        assert!(lockouts.locked_until(&u64::MAX, clock.now()).is_some());
    }
}
