//! Descriptors.
