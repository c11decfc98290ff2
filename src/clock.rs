//! Timestamps as they are written into project files: RFC 3339, UTC, whole seconds.

use std::time::SystemTime;

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
