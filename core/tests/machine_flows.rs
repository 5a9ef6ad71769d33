//! The machine through whole user stories: what is sent, what is kept,
//! what the user is told.

mod common;

use common::quiet_transition as transition;
use common::*;
use infoplus_signature_core::machine::*;
use infoplus_signature_core::redirect::{read_return, ReturnStatus};
use infoplus_signature_core::verdict::{SealReport, SealVerdict, VerifyReport};
use infoplus_signature_core::wire::WireError;

fn ready(settings: Settings, signature: infoplus_signature_core::Signature) -> State {
    State::with_phase(
        settings,
        Phase::Ready {
            doc: doc(signature),
            notice: None,
        },
    )
}

fn stamp(seal: usize, popup: Popup) -> Event {
    Event::Stamp {
        seal,
        trip: trip(7),
        popup,
    }
}

#[test]
fn a_failed_load_keeps_the_last_good_structure_and_retries() {
    let shown = ready(settings(), mixed());
    let (loading, _) = transition(&shown, Event::Refresh);
    let request = in_flight(&loading).unwrap();
    let (failed, effects) = transition(
        &loading,
        Event::Fetched {
            request,
            result: Err(Problem::Http { status: 503 }),
        },
    );
    assert_eq!(failed.name(), "error");
    assert_eq!(failed.value(), Some(&mixed()), "the form value is not lost");
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Publish(_))),
        "no value change published"
    );
    let failure = failed.failure().unwrap();
    assert_eq!((failure.step, failure.retry), (Step::Load, Retry::Load));
    assert_eq!(failure.problem.code(), "http");
    let (retrying, effects) = transition(&failed, Event::Retry);
    assert_eq!(retrying.name(), "loading");
    assert!(matches!(effects[..], [Effect::Fetch { request: r }] if r != request));
}

#[test]
fn stamping_an_unexported_field_exports_then_leaves_once() {
    let start = ready(settings(), fresh_field());
    let (preparing, effects) = transition(&start, stamp(0, Popup::NotAsked));
    assert!(matches!(effects[..], [Effect::Export { .. }]));
    // A second click while the first is under way does nothing.
    let (same, effects) = transition(&preparing, stamp(0, Popup::NotAsked));
    assert_eq!((same, effects.len()), (preparing.clone(), 0));

    let request = in_flight(&preparing).unwrap();
    let mut exported = fresh_field();
    exported.uri = Some("/api/files/doc".into());
    let (signing, effects) = transition(
        &preparing,
        Event::Exported {
            request,
            result: Ok(doc(exported.clone())),
        },
    );
    assert_eq!(signing.name(), "signing");
    let Effect::GoToService {
        url,
        nonce,
        pending,
        mode,
    } = &effects[1]
    else {
        panic!("expected the value, then GoToService, got {effects:?}");
    };
    assert_eq!(*mode, Mode::Redirect);
    assert_eq!(
        (pending.id.as_str(), pending.seal, pending.time),
        ("doc", 0, NOW)
    );
    assert_eq!(
        url,
        &format!(
            "/sign?id=doc&seal=0&return=https%3A%2F%2Fform.example%2Fleave&state={}",
            nonce.as_str()
        )
    );
    assert_eq!(
        effects[0],
        Effect::Publish(exported),
        "the exported uri reaches the form value first"
    );
    let (same, effects) = transition(&signing, stamp(0, Popup::NotAsked));
    assert_eq!(
        (same, effects.len()),
        (signing, 0),
        "double click: one redirect"
    );
}

#[test]
fn a_refused_stamp_closes_the_window_it_opened() {
    let busy = transition(&ready(settings(), mixed()), stamp(0, Popup::NotAsked)).0;
    let (_, effects) = transition(&busy, stamp(0, Popup::Opened));
    assert_eq!(effects, [Effect::ClosePopup]);
}

#[test]
fn readonly_and_disabled_limit_what_the_user_can_do() {
    let readonly = Settings {
        readonly: true,
        ..settings()
    };
    let state = ready(readonly, mixed());
    assert!(!state.can_stamp(0) && !state.can_delete(1) && state.can_verify(1));
    assert!(transition(&state, stamp(0, Popup::NotAsked)).1.is_empty());
    assert!(transition(&state, Event::Delete(1)).1.is_empty());
    assert_eq!(transition(&state, Event::Verify(1)).0.name(), "verifying");

    let disabled = Settings {
        disabled: true,
        ..settings()
    };
    let state = ready(disabled, mixed());
    assert!(!state.can_verify(1));
    assert!(transition(&state, Event::Verify(1)).1.is_empty());

    // Attributes can change at any time.
    let (writable, _) = transition(&state, Event::Configure(settings()));
    assert!(writable.can_stamp(0));
}

#[test]
fn only_unsigned_seals_are_stamped_and_only_signed_ones_deleted() {
    let state = ready(settings(), mixed());
    assert!(state.can_stamp(0) && !state.can_stamp(1) && !state.can_stamp(2));
    assert!(!state.can_delete(0) && state.can_delete(1));
    assert!(!state.can_verify(0) && state.can_verify(1));
}

/// Back from the service with `status`, and S1's answer: the state and
/// the effects of that answer.
fn return_and_fetch(
    status: ReturnStatus,
    engine_says: infoplus_signature_core::Signature,
) -> (State, Vec<Effect>) {
    let (returning, effects) = transition(
        &State::new(settings()),
        Event::Start(Start::Returned { seal: 0, status }),
    );
    let Effect::Fetch { request } = effects[0] else {
        panic!("{effects:?}")
    };
    transition(
        &returning,
        Event::Fetched {
            request,
            result: Ok(doc(engine_says)),
        },
    )
}

fn returned(status: ReturnStatus, engine_says: infoplus_signature_core::Signature) -> State {
    return_and_fetch(status, engine_says).0
}

#[test]
fn the_outcome_of_a_return_is_told() {
    let done = returned(ReturnStatus::Done, all_signed());
    assert_eq!(done.name(), "signed");
    assert_eq!(
        done.notice(),
        Some(&Notice::Returned {
            seal: 0,
            status: ReturnStatus::Done
        })
    );

    let cancelled = returned(ReturnStatus::Cancelled, mixed());
    assert_eq!(cancelled.name(), "unsigned");
    assert_eq!(
        cancelled.notice(),
        Some(&Notice::Returned {
            seal: 0,
            status: ReturnStatus::Cancelled
        })
    );

    let status = read_return(
        "/f?sig_state=s&sig_status=failed&sig_error=%E8%AF%81%E4%B9%A6%E8%BF%87%E6%9C%9F",
    )
    .unwrap()
    .status
    .unwrap();
    let failed = returned(status, mixed());
    assert_eq!(
        failed.notice(),
        Some(&Notice::Returned {
            seal: 0,
            status: ReturnStatus::Failed(Some("证书过期".into()))
        })
    );
}

#[test]
fn done_is_believed_only_when_the_engine_agrees() {
    let state = returned(ReturnStatus::Done, mixed());
    assert_eq!(state.name(), "unsigned");
    assert_eq!(
        state.notice(),
        Some(&Notice::NotSignedAfterReturn { seal: 0 })
    );
}

#[test]
fn deleting_sends_the_seal_cleared_with_if_match() {
    let state = ready(settings(), mixed());
    let (deleting, effects) = transition(&state, Event::Delete(1));
    let Effect::Save {
        signature,
        if_match,
        request,
    } = &effects[0]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(if_match.as_deref(), Some("\"v1\""));
    assert!(!signature.seals[1].is_signed());
    assert_eq!(signature.seals[1].place_holder.as_deref(), Some("office"));
    assert_eq!(
        deleting.value(),
        Some(&mixed()),
        "the seal stays in the value until S2 succeeds"
    );

    let mut after = mixed();
    after.seals[1].clear_stamp();
    let (done, effects) = transition(
        &deleting,
        Event::Saved {
            request: *request,
            result: Ok(doc(after.clone())),
        },
    );
    assert_eq!(done.notice(), Some(&Notice::Deleted { seal: 1 }));
    // The user deleted: the value, then the native `change`.
    assert_eq!(effects, [Effect::Publish(after), Effect::Changed]);
}

#[test]
fn a_failed_delete_shows_the_seal_again_and_retries_the_delete() {
    let (deleting, effects) = transition(&ready(settings(), mixed()), Event::Delete(1));
    let Effect::Save { request, .. } = effects[0] else {
        panic!()
    };
    let (failed, effects) = transition(
        &deleting,
        Event::Saved {
            request,
            result: Err(Problem::Timeout),
        },
    );
    assert!(
        failed.value().unwrap().seals[1].is_signed(),
        "the seal is kept"
    );
    assert_eq!(failed.failure().unwrap().retry, Retry::Delete(1));
    assert!(matches!(&effects[..], [Effect::ReportError(f)] if f.problem.code() == "timeout"));
    let (again, effects) = transition(&failed, Event::Retry);
    assert_eq!(again.name(), "deleting");
    assert!(matches!(effects[..], [Effect::Save { .. }]));
}

#[test]
fn a_conflicting_delete_reloads_and_says_why() {
    let (deleting, effects) = transition(&ready(settings(), mixed()), Event::Delete(1));
    let Effect::Save { request, .. } = effects[0] else {
        panic!()
    };
    let (loading, effects) = transition(
        &deleting,
        Event::Saved {
            request,
            result: Err(Problem::Conflict),
        },
    );
    let Effect::Fetch { request } = effects[1] else {
        panic!("{effects:?}")
    };
    let (fresh, _) = transition(
        &loading,
        Event::Fetched {
            request,
            result: Ok(doc(all_signed())),
        },
    );
    assert_eq!(fresh.notice(), Some(&Notice::Conflict));
    assert_eq!(
        fresh.value(),
        Some(&all_signed()),
        "the other person's version is shown"
    );
}

#[test]
fn without_an_engine_a_delete_is_local() {
    let local = Settings {
        signature_id: None,
        engine: None,
        ..settings()
    };
    let (state, effects) = transition(&State::new(local), Event::Start(Start::Value(mixed())));
    assert_eq!(effects, [Effect::Publish(mixed()), Effect::Loaded(mixed())]);
    let (after, effects) = transition(&state, Event::Delete(1));
    assert!(!after.value().unwrap().seals[1].is_signed());
    assert!(matches!(effects[..], [Effect::Publish(_), Effect::Changed]));
    assert!(
        transition(&after, Event::Refresh).1.is_empty(),
        "nothing to refresh from"
    );
}

#[test]
fn popup_polls_with_backoff_until_signed() {
    let popup = Settings {
        mode: Mode::Popup,
        ..settings()
    };
    let (mut state, effects) = transition(&ready(popup, mixed()), stamp(0, Popup::Opened));
    assert!(matches!(
        &effects[0],
        Effect::GoToService {
            mode: Mode::Popup,
            ..
        }
    ));
    let mut delays = vec![];
    for (i, effect) in effects.iter().enumerate().skip(1) {
        assert!(
            matches!(effect, Effect::SchedulePoll { .. }),
            "{i}: {effect:?}"
        );
    }
    for step in 0..6 {
        let request = in_flight(&state).unwrap();
        let (next, effects) = transition(
            &state,
            Event::Polled {
                request,
                result: Err(Problem::Timeout),
                popup_closed: false,
                now: NOW + step * 1000,
            },
        );
        let [Effect::SchedulePoll { after_ms, .. }] = effects[..] else {
            panic!("{effects:?}")
        };
        delays.push(after_ms);
        state = next;
    }
    assert_eq!(delays, [3000, 4500, 6750, 10000, 10000, 10000]);
    let request = in_flight(&state).unwrap();
    let (done, effects) = transition(
        &state,
        Event::Polled {
            request,
            result: Ok(doc(all_signed())),
            popup_closed: false,
            now: NOW + 60_000,
        },
    );
    assert_eq!(done.name(), "signed");
    assert!(matches!(
        effects[..2],
        [Effect::Publish(_), Effect::Changed]
    ));
    assert_eq!(effects[2], Effect::ClosePopup);
}

#[test]
fn popup_polling_gives_up_after_ten_minutes() {
    let popup = Settings {
        mode: Mode::Popup,
        ..settings()
    };
    let (state, _) = transition(&ready(popup, mixed()), stamp(0, Popup::Opened));
    let request = in_flight(&state).unwrap();
    let (gave_up, effects) = transition(
        &state,
        Event::Polled {
            request,
            result: Ok(doc(mixed())),
            popup_closed: false,
            now: NOW + POLL_CAP_MS + 1,
        },
    );
    assert_eq!(gave_up.notice(), Some(&Notice::PopupTimedOut { seal: 0 }));
    assert_eq!(effects, [Effect::ClosePopup]);
}

#[test]
fn a_closed_popup_with_a_failed_final_read_is_an_error() {
    let popup = Settings {
        mode: Mode::Popup,
        ..settings()
    };
    let (state, _) = transition(&ready(popup, mixed()), stamp(0, Popup::Opened));
    let request = in_flight(&state).unwrap();
    let (failed, _) = transition(
        &state,
        Event::Polled {
            request,
            result: Err(Problem::Timeout),
            popup_closed: true,
            now: NOW,
        },
    );
    assert_eq!(failed.failure().unwrap().step, Step::Return);
    assert_eq!(failed.value(), Some(&mixed()));
}

#[test]
fn a_blocked_popup_falls_back_to_redirect() {
    let popup = Settings {
        mode: Mode::Popup,
        ..settings()
    };
    let (state, effects) = transition(&ready(popup, mixed()), stamp(0, Popup::Blocked));
    assert!(matches!(
        &effects[..],
        [Effect::GoToService {
            mode: Mode::Redirect,
            ..
        }]
    ));
    assert!(matches!(
        state.phase,
        Phase::Signing {
            mode: Mode::Redirect,
            poll: None,
            ..
        }
    ));
}

#[test]
fn an_unusable_service_is_a_config_error_that_retries_the_stamp() {
    let broken = Settings {
        service: Some("javascript:alert(1)".into()),
        ..settings()
    };
    let (state, effects) = transition(&ready(broken, mixed()), stamp(0, Popup::NotAsked));
    let failure = state.failure().unwrap();
    assert_eq!(
        (failure.step, failure.retry, failure.problem.code()),
        (Step::Redirect, Retry::Stamp(0), "config")
    );
    assert!(matches!(effects[..], [Effect::ReportError(_)]));
    // Retry of a stamp is the driver's: it needs a fresh nonce and window.
    assert!(transition(&state, Event::Retry).1.is_empty());
    assert!(state.can_stamp(0));
}

#[test]
fn a_failed_export_in_a_popup_closes_it() {
    let popup = Settings {
        mode: Mode::Popup,
        ..settings()
    };
    let (preparing, _) = transition(&ready(popup, fresh_field()), stamp(0, Popup::Opened));
    let request = in_flight(&preparing).unwrap();
    let (failed, effects) = transition(
        &preparing,
        Event::Exported {
            request,
            result: Err(Problem::Timeout),
        },
    );
    assert_eq!(failed.failure().unwrap().step, Step::Export);
    assert_eq!(effects[0], Effect::ClosePopup);
}

#[test]
fn verifying_reports_progress_and_keeps_verdicts_for_this_version() {
    let (verifying, effects) = transition(&ready(settings(), mixed()), Event::Verify(1));
    let Effect::FetchAndVerify { request, seals, .. } = &effects[0] else {
        panic!()
    };
    assert_eq!(seals, &[1]);
    let request = *request;
    assert!(matches!(
        verifying.phase,
        Phase::Verifying {
            progress: (0, Some(1000)),
            ..
        }
    ));
    let (halfway, _) = transition(
        &verifying,
        Event::VerifyProgress {
            request,
            received: 500,
            total: Some(1000),
        },
    );
    assert!(matches!(
        halfway.phase,
        Phase::Verifying {
            progress: (500, Some(1000)),
            ..
        }
    ));
    let report = VerifyReport {
        seals: vec![SealReport {
            index: 1,
            verdict: SealVerdict::Unsupported {
                algorithm: "MD5".into(),
            },
        }],
        pdf: None,
    };
    let (verified, effects) = transition(
        &halfway,
        Event::Verified {
            request,
            result: Ok(report.clone()),
        },
    );
    assert_eq!(verified.name(), "verified");
    assert_eq!(
        effects,
        [Effect::ReportVerified {
            seal: 1,
            seals: report.seals,
            pdf: report.pdf.map(std::sync::Arc::new),
        }]
    );
    let shown = verified.document().unwrap();
    assert_eq!(
        shown.verdicts.get(&1).map(SealVerdict::name),
        Some("unsupported")
    );
    // A fresh copy from the engine forgets verdicts about the old one.
    let (loading, effects) = transition(&verified, Event::Refresh);
    let Effect::Fetch { request } = effects[0] else {
        panic!()
    };
    let (fresh, _) = transition(
        &loading,
        Event::Fetched {
            request,
            result: Ok(doc(mixed())),
        },
    );
    assert!(fresh.document().unwrap().verdicts.is_empty());
}

#[test]
fn a_crashed_verifier_is_an_error_that_retries_the_verify() {
    let (verifying, effects) = transition(&ready(settings(), mixed()), Event::Verify(1));
    let Effect::FetchAndVerify { request, .. } = effects[0] else {
        panic!()
    };
    let problem = Problem::Verifier {
        detail: "worker stopped".into(),
    };
    let (failed, _) = transition(
        &verifying,
        Event::Verified {
            request,
            result: Err(problem),
        },
    );
    assert_eq!(failed.failure().unwrap().retry, Retry::Verify(1));
    assert_eq!(transition(&failed, Event::Retry).0.name(), "verifying");
}

#[test]
fn wire_errors_become_problems_the_user_can_read() {
    let p: Problem = WireError::engine_message(7, "DENIED", "").into();
    assert_eq!(
        p,
        Problem::Engine {
            errno: 7,
            ecode: "DENIED".into(),
            message: "DENIED".into()
        }
    );
    let p: Problem = WireError::UnsupportedMime("image/png".into()).into();
    assert_eq!(p.code(), "unsupported-mime");
    let p: Problem = WireError::WrongType {
        field: "seals[0].x".into(),
        reason: "bad".into(),
    }
    .into();
    assert!(matches!(&p, Problem::Unreadable { detail } if detail.contains("seals[0].x")));
}

#[test]
fn a_host_value_replaces_what_is_shown_and_keeps_the_etag() {
    let state = ready(settings(), mixed());
    let (next, effects) = transition(&state, Event::SetValue(all_signed()));
    assert_eq!(next.document().unwrap().etag.as_deref(), Some("\"v1\""));
    assert_eq!(effects, [Effect::Publish(all_signed())]);
    let (_, effects) = transition(&next, Event::SetValue(all_signed()));
    assert!(effects.is_empty(), "the same value is not published twice");
}

#[test]
fn change_is_told_when_the_user_changed_the_value_and_only_then() {
    // A seal came back signed: the value, then `change`, then the load.
    let (_, effects) = return_and_fetch(ReturnStatus::Done, all_signed());
    assert!(
        matches!(
            effects[..],
            [Effect::Publish(_), Effect::Changed, Effect::Loaded(_)]
        ),
        "{effects:?}"
    );
    // Back without a signed seal (cancelled, or done but the engine
    // disagrees): a value to show, but nothing the user changed.
    for (status, says) in [
        (ReturnStatus::Cancelled, mixed()),
        (ReturnStatus::Done, mixed()),
    ] {
        let (_, effects) = return_and_fetch(status, says);
        assert!(!effects.contains(&Effect::Changed), "{effects:?}");
    }
    // A plain load, a value the page assigned: no `change`, as for inputs.
    let (_, effects) = transition(&State::new(settings()), Event::Start(Start::Value(mixed())));
    assert!(!effects.contains(&Effect::Changed), "{effects:?}");
    let (_, effects) = transition(&ready(settings(), mixed()), Event::SetValue(all_signed()));
    assert_eq!(effects, [Effect::Publish(all_signed())]);
}

/// Three seals that are PDF signatures, each signed on top of the one
/// before (`pdfRevision` 1, 2, 3), and an unsigned one.
fn stacked_pdf_signatures() -> infoplus_signature_core::Signature {
    let mut signature = mixed();
    signature.seals = (1..=3)
        .map(|revision| {
            let mut seal = signed_seal(&format!("seal{revision}"));
            seal.extra
                .insert("pdfRevision".into(), serde_json::json!(revision));
            seal
        })
        .chain([unsigned_seal("last")])
        .collect();
    signature
}

#[test]
fn an_earlier_pdf_signature_seal_is_not_deleted_and_the_engine_not_asked() {
    let state = ready(settings(), stacked_pdf_signatures());
    for seal in [0, 1] {
        assert!(state.delete_blocked(seal), "seal {seal}");
        assert!(!state.can_delete(seal), "seal {seal}");
        // `removeSeal(seal)` from JavaScript dispatches this very event.
        let (next, effects) = transition(&state, Event::Delete(seal));
        assert_eq!(next, state, "seal {seal}: the state changed");
        assert!(effects.is_empty(), "seal {seal}: {effects:?}");
    }
    // The last one is deleted with S2, and then the one before may go.
    assert!(!state.delete_blocked(2) && state.can_delete(2));
    let (deleting, effects) = transition(&state, Event::Delete(2));
    assert_eq!(deleting.name(), "deleting");
    let [Effect::Save {
        request, signature, ..
    }] = &effects[..]
    else {
        panic!("expected one S2, got {effects:?}");
    };
    let (done, _) = transition(
        &deleting,
        Event::Saved {
            request: *request,
            result: Ok(doc(signature.clone())),
        },
    );
    assert!(done.can_delete(1), "the new last one can be deleted");
    assert!(done.delete_blocked(0));
}

#[test]
fn seals_without_a_pdf_revision_are_never_blocked() {
    let mut signature = stacked_pdf_signatures();
    signature.seals[0].extra.clear();
    let state = ready(settings(), signature);
    assert!(!state.delete_blocked(0) && state.can_delete(0));
}
