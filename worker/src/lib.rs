//! The verify worker (see issue 4).
