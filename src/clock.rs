//! Timestamps as they are written into project files: RFC 3339, UTC, whole seconds.

use std::time::{Duration, SystemTime};

pub fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// The date part of `now()`, for "date accessed" of evidence.
pub fn today() -> String {
    now()[..10].to_string()
}

pub fn is_timestamp(s: &str) -> bool {
    humantime::parse_rfc3339_weak(s).is_ok()
}

/// How far ahead of this machine's clock a time may be before it is not believed: a day
/// covers time zones written as UTC by mistake and clocks a little off, not a year 9999.
pub const FUTURE_TOLERANCE: Duration = Duration::from_secs(24 * 60 * 60);

/// True when `ts` is a timestamp more than `FUTURE_TOLERANCE` after `now`. "Later wins" in a
/// merge would let such a time beat every real edit, so loading and importing refuse it.
/// A string that is not a timestamp is not "in the future" (other checks report it).
pub fn is_future(ts: &str, now: SystemTime) -> bool {
    match humantime::parse_rfc3339_weak(ts) {
        Ok(t) => t
            .duration_since(now)
            .is_ok_and(|ahead| ahead > FUTURE_TOLERANCE),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_more_than_a_day_ahead_are_in_the_future() {
        let now = humantime::parse_rfc3339("2026-03-01T12:00:00Z").unwrap();
        assert!(is_future("9999-01-01T00:00:00Z", now));
        assert!(is_future("2026-03-02T12:00:01Z", now));
        assert!(!is_future("2026-03-02T12:00:00Z", now));
        assert!(!is_future("2026-03-01T18:00:00Z", now));
        assert!(!is_future("1999-01-01T00:00:00Z", now));
        assert!(!is_future("not a time", now));
    }
}
