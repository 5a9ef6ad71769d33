//! Fixtures shared by the machine tests: documents, settings, states in
//! every phase, and a short name for each effect.
#![allow(dead_code)]

use infoplus_signature_core::machine::*;
use infoplus_signature_core::redirect::{Nonce, ReturnStatus};
use infoplus_signature_core::{Seal, Signature};

pub const NOW: i64 = 1_763_800_000_000;

pub fn signed_seal(name: &str) -> Seal {
    Seal {
        place_holder: Some(name.into()),
        image: Some("/seal.svg".into()),
        description: Some(format!("{name} sealed")),
        algorithm: Some("SM2withSM3".into()),
        signature: Some("MEUCIQ==".into()),
        public_key: Some("-----BEGIN PUBLIC KEY-----".into()),
        ..Seal::default()
    }
}

pub fn unsigned_seal(name: &str) -> Seal {
    Seal {
        place_holder: Some(name.into()),
        ..Seal::default()
    }
}

/// Two seals: 0 unsigned, 1 signed; the document exists.
pub fn mixed() -> Signature {
    Signature {
        id: Some("doc".into()),
        uri: Some("/api/files/doc".into()),
        size: Some(1000),
        mime: Some("application/pdf".into()),
        seals: vec![unsigned_seal("applicant"), signed_seal("office")],
        ..Signature::default()
    }
}

/// Both seals signed.
pub fn all_signed() -> Signature {
    let mut s = mixed();
    s.seals[0] = signed_seal("applicant");
    s
}

/// Not exported yet: no document, one unsigned seal.
pub fn fresh_field() -> Signature {
    Signature {
        id: Some("doc".into()),
        seals: vec![unsigned_seal("applicant")],
        ..Signature::default()
    }
}

/// What the engine answers with: like `mixed`, but a changed name, so that
/// taking it in publishes a new value.
pub fn from_engine() -> Signature {
    let mut s = mixed();
    s.name = Some("fresh.pdf".into());
    s
}

pub fn doc(signature: Signature) -> Document {
    Document::new(signature, Some("\"v1\"".into()))
}

pub fn settings() -> Settings {
    Settings {
        signature_id: Some("doc".into()),
        engine: Some("/api".into()),
        service: Some("/sign".into()),
        readonly: false,
        disabled: false,
        mode: Mode::Redirect,
    }
}

pub fn trip(byte: u8) -> Trip {
    Trip {
        nonce: Nonce::from_random(&[byte; 16]).unwrap(),
        now: NOW,
        return_url: "https://form.example/leave".into(),
        mode: Mode::Redirect,
    }
}

/// The request id in flight in this state, if any.
pub fn in_flight(state: &State) -> Option<RequestId> {
    state.in_flight()
}

/// A state in each phase, named, built with the real transitions where
/// possible so the request ids are the machine's own.
pub fn states() -> Vec<(&'static str, State)> {
    let s = settings();
    let ready = |sig: Signature, notice| {
        State::with_phase(
            s.clone(),
            Phase::Ready {
                doc: doc(sig),
                notice,
            },
        )
    };
    let step = |state: &State, event: Event| transition(state, event).0;
    let unsigned = ready(mixed(), None);
    let unexported = ready(fresh_field(), None);
    let popup_settings = Settings {
        mode: Mode::Popup,
        ..s.clone()
    };
    let popup_ready = State::with_phase(
        popup_settings,
        Phase::Ready {
            doc: doc(mixed()),
            notice: None,
        },
    );
    let failure = Failure {
        step: Step::Load,
        problem: Problem::Timeout,
        retry: Retry::Load,
    };
    vec![
        ("idle", State::new(s.clone())),
        ("loading", step(&unsigned, Event::Refresh)),
        ("unsigned", unsigned.clone()),
        ("signed", ready(all_signed(), None)),
        (
            "verified",
            ready(all_signed(), Some(Notice::Verified { seal: 1 })),
        ),
        (
            "preparing",
            step(
                &unexported,
                Event::Stamp {
                    seal: 0,
                    trip: trip(1),
                    popup: Popup::NotAsked,
                },
            ),
        ),
        (
            "signing",
            step(
                &unsigned,
                Event::Stamp {
                    seal: 0,
                    trip: trip(1),
                    popup: Popup::NotAsked,
                },
            ),
        ),
        (
            "signing-popup",
            step(
                &popup_ready,
                Event::Stamp {
                    seal: 0,
                    trip: trip(1),
                    popup: Popup::Opened,
                },
            ),
        ),
        (
            "returning",
            step(
                &unsigned,
                Event::Start(Start::Returned {
                    seal: 0,
                    status: ReturnStatus::Done,
                }),
            ),
        ),
        ("deleting", step(&unsigned, Event::Delete(1))),
        ("verifying", step(&unsigned, Event::Verify(1))),
        (
            "error",
            State::with_phase(
                s.clone(),
                Phase::Failed {
                    last_good: Some(doc(mixed())),
                    failure: failure.clone(),
                },
            ),
        ),
        (
            "error-empty",
            State::with_phase(
                s.clone(),
                Phase::Failed {
                    last_good: None,
                    failure,
                },
            ),
        ),
    ]
}

/// A short name for an effect, for tables.
pub fn effect_name(effect: &Effect) -> &'static str {
    match effect {
        Effect::Fetch { .. } => "fetch",
        Effect::Export { .. } => "export",
        Effect::Save { .. } => "save",
        Effect::GoToService { .. } => "go",
        Effect::ClosePopup => "close-popup",
        Effect::SchedulePoll { .. } => "poll",
        Effect::FetchAndVerify { .. } => "verify",
        Effect::Publish(_) => "publish",
        Effect::StateChanged { .. } => "state",
        Effect::Changed => "change",
        Effect::Loaded(_) => "loaded",
        Effect::ReportError(_) => "error",
        Effect::ReportVerified { .. } => "verified",
    }
}

/// The transition without its `StateChanged` effect, for tests about the
/// other effects (`machine_matrix` checks `StateChanged` on every pair).
pub fn quiet_transition(state: &State, event: Event) -> (State, Vec<Effect>) {
    let (next, mut effects) = transition(state, event);
    effects.retain(|e| !matches!(e, Effect::StateChanged { .. }));
    (next, effects)
}

/// "name: effect, effect" for the state after `event` (`StateChanged`
/// left out: see `quiet_transition`).
pub fn outcome(state: &State, event: Event) -> (State, String) {
    let (next, effects) = quiet_transition(state, event);
    let names: Vec<&str> = effects.iter().map(effect_name).collect();
    let text = format!("{}: {}", next.name(), names.join(", "));
    (next, text.trim_end().trim_end_matches(':').to_owned())
}
