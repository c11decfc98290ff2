//! Reports and interchange formats (being built).
