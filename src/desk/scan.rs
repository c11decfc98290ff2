//! Placeholder: finding and summarising the desk's projects (being written).
