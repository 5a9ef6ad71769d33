//! The reference provider's revocation services (spec §6c).

mod origin;

pub use origin::request_origin;
