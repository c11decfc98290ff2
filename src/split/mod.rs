//! Statement splitting (being written).
