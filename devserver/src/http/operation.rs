//! The engine API's operations (spec §2) and the route paths they live at.
//! The engine mounts its handlers at these paths; the dev fault layer uses
//! [`Operation::of`] to know which switch applies to a request.

use axum::http::Method;

/// S1 and S2, relative to the engine's mount point (`/api`).
pub const SIGNATURE: &str = "/signature/{id}";
/// EX, relative to the engine's mount point.
pub const EXPORT: &str = "/signature/{id}/export";

/// The Debug names (`S1`, `S2`, `Ex`) appear in the fault answers' text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `GET /signature/{id}`: read.
    S1,
    /// `POST /signature/{id}`: write.
    S2,
    /// `POST /signature/{id}/export`: export.
    Ex,
}

impl Operation {
    /// The operation a routed request is, from its method and matched route
    /// (`MatchedPath`, which carries the mount prefix once nested, hence the
    /// suffix test).
    pub fn of(method: &Method, path: &str) -> Option<Operation> {
        if path.ends_with(EXPORT) {
            (method == Method::POST).then_some(Operation::Ex)
        } else if path.ends_with(SIGNATURE) {
            match *method {
                Method::GET => Some(Operation::S1),
                Method::POST => Some(Operation::S2),
                _ => None,
            }
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_from_routes() {
        let of = |m: Method, p: &str| Operation::of(&m, p);
        assert_eq!(of(Method::GET, "/api/signature/{id}"), Some(Operation::S1));
        assert_eq!(of(Method::POST, "/signature/{id}"), Some(Operation::S2));
        assert_eq!(
            of(Method::POST, "/api/signature/{id}/export"),
            Some(Operation::Ex)
        );
        assert_eq!(of(Method::GET, "/api/signature/{id}/export"), None);
        assert_eq!(of(Method::GET, "/api/files/{key}"), None);
        assert_eq!(of(Method::OPTIONS, "/api/signature/{id}"), None);
    }
}
