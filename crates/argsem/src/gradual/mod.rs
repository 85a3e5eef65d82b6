//! Gradual semantics: a strength in [0, 1] for each argument of a weighted bipolar framework.
