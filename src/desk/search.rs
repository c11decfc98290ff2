//! Placeholder: the desk's search index and "checked before" (being written).
