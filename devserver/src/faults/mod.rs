//! Dev-only fault switches (`--dev-faults`): make the engine fail, hang or
//! answer garbage, make the provider fail, or tamper with a stored document,
//! so the control's error paths can be exercised on purpose.
//!
//! The engine knows nothing of this: [`layer::inject`] wraps the engine
//! routes (added by the composition root only with the flag), and the
//! provider reads [`FaultSwitches::provider_fails`] from the state.

pub mod layer;
pub mod routes;

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::http::operation::Operation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EngineFault {
    #[serde(rename = "500")]
    ServerError,
    #[serde(rename = "hang")]
    Hang,
    /// 200 with a body of the wrong shape (`seals` is an object).
    #[serde(rename = "malformed")]
    Malformed,
    /// 200 with JSON cut off in the middle.
    #[serde(rename = "truncated")]
    Truncated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProviderFault {
    #[serde(rename = "fail")]
    Fail,
}

/// The current switches; `null` is off. Sticky until set back to `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faults {
    pub s1: Option<EngineFault>,
    pub s2: Option<EngineFault>,
    pub ex: Option<EngineFault>,
    pub provider: Option<ProviderFault>,
}

impl Faults {
    /// The switch for one engine operation.
    pub fn engine(&self, operation: Operation) -> Option<EngineFault> {
        match operation {
            Operation::S1 => self.s1,
            Operation::S2 => self.s2,
            Operation::Ex => self.ex,
        }
    }
}

/// Shared by the state (provider, dev routes) and the fault layer.
#[derive(Default)]
pub struct FaultSwitches {
    current: Mutex<Faults>,
}

impl FaultSwitches {
    pub fn get(&self) -> Faults {
        self.current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn set(&self, faults: Faults) {
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = faults;
    }

    pub fn provider_fails(&self) -> bool {
        self.get().provider.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_parse() {
        let f: Faults =
            serde_json::from_str(r#"{"s1":"500","s2":"hang","ex":"malformed","provider":"fail"}"#)
                .unwrap();
        assert_eq!(f.s1, Some(EngineFault::ServerError));
        assert_eq!(f.engine(Operation::S2), Some(EngineFault::Hang));
        assert_eq!(f.engine(Operation::Ex), Some(EngineFault::Malformed));
        assert_eq!(f.provider, Some(ProviderFault::Fail));
        assert!(serde_json::from_str::<Faults>(r#"{"s1":"boom"}"#).is_err());
        assert!(serde_json::from_str::<Faults>(r#"{"s9":null}"#).is_err());
    }
}
