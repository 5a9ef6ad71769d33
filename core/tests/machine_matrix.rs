//! Every state × every event, against a table written from spec §4. Pairs
//! not in the table must leave the state exactly as it was, with no effect:
//! that is how double clicks and stale answers are dropped.

mod common;

use std::collections::BTreeMap;

use common::*;
use infoplus_signature_core::machine::*;
use infoplus_signature_core::redirect::ReturnStatus;
use infoplus_signature_core::verdict::{SealReport, SealVerdict, VerifyReport};

/// Each event, built for a given state (responses answer the request that
/// state has in flight, so they are not stale).
fn events(state: &State) -> Vec<(&'static str, Event)> {
    let request = in_flight(state).unwrap_or(999);
    let signed_now = {
        let mut s = from_engine();
        s.seals[0] = signed_seal("applicant");
        doc(s)
    };
    let report = VerifyReport {
        seals: vec![SealReport {
            index: 1,
            verdict: SealVerdict::Unsigned,
        }],
        pdf: None,
    };
    let polled = |result, popup_closed| Event::Polled {
        request,
        result,
        popup_closed,
        now: NOW + 2_000,
    };
    vec![
        ("start-remote", Event::Start(Start::Remote)),
        ("start-value", Event::Start(Start::Value(from_engine()))),
        (
            "start-returned",
            Event::Start(Start::Returned {
                seal: 0,
                status: ReturnStatus::Done,
            }),
        ),
        ("start-nothing", Event::Start(Start::Nothing)),
        ("configure", Event::Configure(state.settings.clone())),
        ("set-value", Event::SetValue(from_engine())),
        ("refresh", Event::Refresh),
        ("retry", Event::Retry),
        ("dismiss", Event::Dismiss),
        (
            "fetched-ok",
            Event::Fetched {
                request,
                result: Ok(doc(from_engine())),
            },
        ),
        (
            "fetched-err",
            Event::Fetched {
                request,
                result: Err(Problem::Http { status: 500 }),
            },
        ),
        (
            "stamp",
            Event::Stamp {
                seal: 0,
                trip: trip(2),
                popup: Popup::NotAsked,
            },
        ),
        (
            "exported-ok",
            Event::Exported {
                request,
                result: Ok(doc(from_engine())),
            },
        ),
        (
            "exported-err",
            Event::Exported {
                request,
                result: Err(Problem::Timeout),
            },
        ),
        ("redirect-cancelled", Event::RedirectCancelled),
        (
            "trip-failed",
            Event::TripFailed(Problem::Network {
                detail: "offline".into(),
            }),
        ),
        (
            "service-returned",
            Event::ServiceReturned {
                seal: 0,
                status: ReturnStatus::Done,
            },
        ),
        ("polled-signed", polled(Ok(signed_now), false)),
        ("polled-waiting", polled(Ok(doc(from_engine())), false)),
        ("polled-closed", polled(Ok(doc(from_engine())), true)),
        ("delete", Event::Delete(1)),
        (
            "saved-ok",
            Event::Saved {
                request,
                result: Ok(doc(from_engine())),
            },
        ),
        (
            "saved-err",
            Event::Saved {
                request,
                result: Err(Problem::Network {
                    detail: "offline".into(),
                }),
            },
        ),
        (
            "saved-conflict",
            Event::Saved {
                request,
                result: Err(Problem::Conflict),
            },
        ),
        ("verify", Event::Verify(1)),
        (
            "verify-progress",
            Event::VerifyProgress {
                request,
                received: 10,
                total: Some(1000),
            },
        ),
        (
            "verified-ok",
            Event::Verified {
                request,
                result: Ok(report),
            },
        ),
        (
            "verified-err",
            Event::Verified {
                request,
                result: Err(Problem::Verifier {
                    detail: "crashed".into(),
                }),
            },
        ),
    ]
}

/// What spec §4 says happens. Rows: state; entries: event → "next: effects".
fn expected() -> BTreeMap<(&'static str, &'static str), &'static str> {
    let idle_like = ["unsigned", "signed", "verified", "error"];
    let mut table = BTreeMap::new();
    let all = [
        "idle",
        "loading",
        "unsigned",
        "signed",
        "verified",
        "preparing",
        "signing",
        "signing-popup",
        "returning",
        "deleting",
        "verifying",
        "error",
        "error-empty",
    ];
    for state in all {
        // A (re)start always wins: whatever was under way is dropped.
        table.insert((state, "start-remote"), "loading: fetch");
        table.insert((state, "start-returned"), "returning: fetch");
        table.insert((state, "start-nothing"), "idle");
        table.insert((state, "start-value"), "unsigned: publish, loaded");
        table.insert((state, "set-value"), "unsigned: publish");
        // Refresh re-reads S1, but not while the user is at the service.
        if !state.starts_with("signing") {
            table.insert((state, "refresh"), "loading: fetch");
        }
    }
    for state in idle_like {
        table.insert((state, "delete"), "deleting: save");
        table.insert((state, "verify"), "verifying: verify");
    }
    for state in ["unsigned", "error"] {
        table.insert((state, "stamp"), "signing: go");
    }
    table.insert(("verified", "dismiss"), "signed");
    table.insert(("error", "dismiss"), "unsigned");
    table.insert(("error", "retry"), "loading: fetch");
    table.insert(("error-empty", "retry"), "loading: fetch");
    table.insert(("loading", "fetched-ok"), "unsigned: publish, loaded");
    table.insert(("loading", "fetched-err"), "error: error");
    table.insert(("returning", "fetched-ok"), "unsigned: publish, loaded");
    table.insert(("returning", "fetched-err"), "error: error");
    table.insert(("preparing", "exported-ok"), "signing: publish, go");
    table.insert(("preparing", "exported-err"), "error: error");
    table.insert(("signing", "redirect-cancelled"), "unsigned");
    table.insert(("signing", "trip-failed"), "error: error");
    table.insert(
        ("signing-popup", "trip-failed"),
        "error: close-popup, error",
    );
    table.insert(
        ("signing", "service-returned"),
        "returning: close-popup, fetch",
    );
    table.insert(
        ("signing-popup", "service-returned"),
        "returning: close-popup, fetch",
    );
    table.insert(
        ("signing-popup", "polled-signed"),
        "signed: publish, change, close-popup",
    );
    table.insert(
        ("signing-popup", "polled-waiting"),
        "signing: publish, poll",
    );
    table.insert(("signing-popup", "polled-closed"), "unsigned: publish");
    table.insert(("deleting", "saved-ok"), "unsigned: publish, change");
    table.insert(("deleting", "saved-err"), "error: error");
    table.insert(("deleting", "saved-conflict"), "loading: error, fetch");
    table.insert(("verifying", "verify-progress"), "verifying");
    table.insert(("verifying", "verified-ok"), "verified: verified");
    table.insert(("verifying", "verified-err"), "error: error");
    table
}

#[test]
fn every_state_times_every_event() {
    let table = expected();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (state_name, state) in states() {
        for (event_name, event) in events(&state) {
            let (next, got) = outcome(&state, event);
            match table.get(&(state_name, event_name)) {
                Some(want) => {
                    if got != *want {
                        wrong.push(format!(
                            "{state_name} × {event_name}: want `{want}`, got `{got}`"
                        ));
                    }
                }
                None => {
                    if next != state || got != state.name() {
                        wrong.push(format!(
                            "{state_name} × {event_name}: want no change, got `{got}`"
                        ));
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} pairs differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(checked, 13 * 28);
}

/// On every pair: `StateChanged` names the state left, exactly when the
/// state's name changed, once, after the value's `Publish` and before every
/// other effect (a host hearing `signature-state` reads the new value).
#[test]
fn every_change_of_state_is_an_effect_in_its_place() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (state_name, state) in states() {
        for (event_name, event) in events(&state) {
            let (next, effects) = transition(&state, event);
            let at: Vec<usize> = effects
                .iter()
                .enumerate()
                .filter(|(_, e)| matches!(e, Effect::StateChanged { .. }))
                .map(|(i, _)| i)
                .collect();
            let publishes = effects
                .iter()
                .take_while(|e| matches!(e, Effect::Publish(_)))
                .count();
            let want = next.name() != state.name();
            let ok = match at[..] {
                [] => !want,
                [i] => {
                    want && i == publishes
                        && effects[i]
                            == Effect::StateChanged {
                                previous: state.name(),
                            }
                }
                _ => false,
            };
            if !ok {
                wrong.push(format!("{state_name} × {event_name}: {effects:?}"));
            }
            checked += 1;
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(checked, 13 * 28);
}

#[test]
fn answers_to_an_older_request_are_dropped() {
    for (name, state) in states() {
        let Some(current) = in_flight(&state) else {
            continue;
        };
        let stale = current + 1000;
        for event in [
            Event::Fetched {
                request: stale,
                result: Ok(doc(from_engine())),
            },
            Event::Fetched {
                request: stale,
                result: Err(Problem::Timeout),
            },
            Event::Exported {
                request: stale,
                result: Ok(doc(from_engine())),
            },
            Event::Saved {
                request: stale,
                result: Err(Problem::Conflict),
            },
            Event::Verified {
                request: stale,
                result: Err(Problem::Timeout),
            },
            Event::VerifyProgress {
                request: stale,
                received: 1,
                total: None,
            },
            Event::Polled {
                request: stale,
                result: Ok(doc(all_signed())),
                popup_closed: true,
                now: NOW,
            },
        ] {
            let (next, effects) = transition(&state, event.clone());
            assert_eq!(next, state, "{name}: {event:?} changed the state");
            assert!(
                effects.is_empty(),
                "{name}: {event:?} had effects {effects:?}"
            );
        }
    }
}

#[test]
fn state_names_are_the_spec_names() {
    let names: Vec<&str> = states().iter().map(|(_, s)| s.name()).collect();
    assert_eq!(
        names,
        [
            "idle",
            "loading",
            "unsigned",
            "signed",
            "verified",
            "preparing",
            "signing",
            "signing",
            "returning",
            "deleting",
            "verifying",
            "error",
            "error"
        ]
    );
}
