"""What pyHanko's own validation says about one embedded signature, in
§6a's terms. Validation time: the signature's signing time (timestamp →
signingTime → /M), trust: roots.pem only, no fetching."""

import asyncio

from asn1crypto import pem, x509
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import CertificateValidator, ValidationContext, errors

from . import terms

COVERAGE = {
    SignatureCoverageLevel.ENTIRE_FILE: "whole-file",
    SignatureCoverageLevel.ENTIRE_REVISION: "revision",
    SignatureCoverageLevel.CONTIGUOUS_BLOCK_FROM_START: "partial",
    SignatureCoverageLevel.UNCLEAR: "unclear",
}

# pyHanko names the mechanism; §6a names mechanism and hash together.
_ALGORITHMS = {
    ("rsassa_pkcs1v15", "sha224"): "SHA224withRSA",
    ("rsassa_pkcs1v15", "sha256"): "SHA256withRSA",
    ("rsassa_pkcs1v15", "sha384"): "SHA384withRSA",
    ("rsassa_pkcs1v15", "sha512"): "SHA512withRSA",
    ("rsassa_pss", "sha224"): "SHA224withRSA/PSS",
    ("rsassa_pss", "sha256"): "SHA256withRSA/PSS",
    ("rsassa_pss", "sha3_256"): "SHA3-256withRSA/PSS",
    ("ecdsa", "sha256"): "SHA256withECDSA",
    ("ecdsa", "sha384"): "SHA384withECDSA",
    ("ecdsa", "sha512"): "SHA512withECDSA",
    ("ecdsa", "sha3_256"): "SHA3-256withECDSA",
}
# RFC 8419: with signed attributes, Ed25519 digests with SHA-512 and Ed448
# with SHAKE256 (id-shake256-len, 512 bits). pyHanko does not hold Ed25519
# to it, so the cross-check does: another digest is bad-signature.
_EDDSA = {"ed25519": ("Ed25519", {"sha512"}), "ed448": ("Ed448", {"shake256_len"})}


# Shadow attacks (gen/shadow.py) that pyHanko's default difference policy
# lets through: the level it files the attacker's revision under, and why.
# Our expected answer stays not-valid (§6b); the cross-check asserts that
# pyHanko still says exactly this, so that a change in pyHanko shows.
ACCEPTED_ATTACKS = {
    "shadow-replace-overlay-field.pdf": (
        ModificationLevel.FORM_FILLING,
        "a new /V and appearance for a text field that was there when signing is a form fill to pyHanko; "
        "it does not look at where the widget lies or at what its appearance paints",
    ),
}


def attack_problems(file: str, found: dict) -> tuple[list, str]:
    """A shadow-attack fixture: pyHanko must find the signature intact,
    valid and trusted, and file the attacker's revision above
    FORM_FILLING with a negative bottom line, unless ACCEPTED_ATTACKS
    documents otherwise. Returns the disagreements and a note of what
    pyHanko said."""
    problems = []
    if found["integrity"] != "intact" or found["identity"] != "trusted":
        problems.append(f"pyHanko: integrity {found['integrity']}, identity {found['identity']}")
    level = found["changesLevel"]
    name = "none" if level is None else ModificationLevel(level).name
    note = f"pyHanko: modification level {name}, docmdp_ok {found['docmdpOk']}, bottom line {found['bottomLine']}"
    accepted = ACCEPTED_ATTACKS.get(file)
    if accepted is not None:
        if level != accepted[0].value:
            problems.append(f"pyHanko files the attack under {name}, ACCEPTED_ATTACKS says {accepted[0].name}")
        return problems, f"{note} (accepted: {accepted[1]})"
    if level is None or level <= ModificationLevel.FORM_FILLING.value:
        problems.append(f"pyHanko files the attack under {name}, not above FORM_FILLING")
    if found["bottomLine"]:
        problems.append("pyHanko's bottom line accepts the attack")
    return problems, note


def revision_objects_after(reader, signed_revision: int) -> set:
    """Object numbers that the revisions after `signed_revision` define
    (added, redefined or re-pointed by their xref sections), read with
    pyHanko's reader."""
    numbers = set()
    for revision in range(signed_revision + 1, reader.xrefs.total_revisions):
        numbers |= {ref.idnum for ref in reader.get_historical_resolver(revision).explicit_refs_in_revision()}
    return numbers


def load_roots(text: str) -> list:
    return [x509.Certificate.load(der) for _, _, der in pem.unarmor(text.encode(), multiple=True)]


def context(roots: list, moment) -> ValidationContext:
    return ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment, best_signature_time=moment)


def algorithm_of(emb) -> str | None:
    algo = emb.signer_info["signature_algorithm"]
    mechanism = algo.signature_algo
    try:
        digest = algo.hash_algo
    except ValueError:
        digest = emb.md_algorithm
    if mechanism in _EDDSA:
        return _EDDSA[mechanism][0]
    return _ALGORITHMS.get((mechanism, digest))


def rfc8419_holds(signer_info) -> bool:
    mechanism = signer_info["signature_algorithm"].signature_algo
    if mechanism not in _EDDSA or signer_info["signed_attrs"].native is None:
        return True
    digest = signer_info["digest_algorithm"]
    if digest["algorithm"].native not in _EDDSA[mechanism][1]:
        return False
    return mechanism != "ed448" or digest["parameters"].native == 512


def identity_of(status, emb, vc, is_doc_ts: bool) -> str:
    """pyHanko's `trusted`; when it is false (or was not evaluated, as for
    an altered signature), why, from pyhanko_certvalidator's own error."""
    if status.trusted:
        return "trusted"
    validator = CertificateValidator(emb.signer_cert, intermediate_certs=emb.other_embedded_certs,
                                     validation_context=vc)
    try:
        if is_doc_ts:
            asyncio.run(validator.async_validate_usage(set(), {"time_stamping"}))
        else:
            asyncio.run(validator.async_validate_usage({"non_repudiation"}))
    except errors.ExpiredError:
        return "expired"
    except errors.NotYetValidError:
        return "not-yet-valid"
    except errors.InvalidCertificateError as e:
        return "self-signed" if "self-signed" in str(e) else "chain-invalid"
    except errors.PathBuildingError:
        return "unknown-issuer"
    except (errors.PathValidationError, errors.ValidationError):
        return "chain-invalid"
    return "trusted"


def integrity_of(status) -> str:
    if not status.intact:
        return "altered"
    return "intact" if status.valid else "bad-signature"


def changes_level(status) -> int | None:
    level = status.modification_level
    return None if level is None else level.value


def check(emb, roots: list, tsa_roots: list | None = None) -> dict:
    """Everything §6a names that pyHanko can say. `changesLevel` is pyHanko's
    ModificationLevel (the caller compares it with the expected classes)."""
    is_doc_ts = emb.sig_object_type == "/DocTimeStamp"

    def validate(when):
        vc = context(roots, when[0] if when else None)
        if is_doc_ts:
            return vc, validate_pdf_timestamp(emb, validation_context=vc)
        return vc, validate_pdf_signature(
            emb,
            signer_validation_context=vc,
            ts_validation_context=context(tsa_roots or roots, None),
            key_usage_settings=KeyUsageConstraints(key_usage={"non_repudiation"}),
        )

    when = _moment(emb)
    vc, status = validate(when)
    ts = None if is_doc_ts else status.timestamp_validity
    token_ok = ts is None or (ts.intact and ts.valid)
    if not token_ok:
        # §6a: the signing time is a *verified* timestamp's; this one is not.
        when = terms.signing_time(emb.signer_info, emb.sig_object, token_ok=False)
        vc, status = validate(when)
    integrity = integrity_of(status)
    bottom_line = getattr(status, "bottom_line", None)
    if integrity == "intact" and not rfc8419_holds(emb.signer_info):
        integrity = "bad-signature"
        bottom_line = None  # pyHanko's says valid: the rule above is ours
    found = {
        "field": emb.field_name,
        "integrity": integrity,
        "identity": identity_of(status, emb, vc, is_doc_ts),
        "coverage": COVERAGE.get(status.coverage, "unclear"),
        "changesLevel": changes_level(status),
        "format": "timestamp" if is_doc_ts else "cms",
        "algorithm": algorithm_of(emb),
        "certificate": terms.certificate_summary(status.signing_cert),
        "key": terms.key_name(status.signing_cert.public_key),
        "signingTime": None if when is None else {"time": terms.rfc3339(when[0]), "source": when[1]},
        "timestamp": None,
        "docmdpOk": status.docmdp_ok,
        "bottomLine": bottom_line,
        "warnings": [] if token_ok else ["timestamp-broken"],
    }
    certified = emb.docmdp_level is not None and not is_doc_ts and _is_certification(emb)
    found["certification"] = (
        {"permissions": emb.docmdp_level.value, "permitted": bool(status.docmdp_ok)} if certified else None
    )
    if is_doc_ts:
        found["timestamp"] = {
            "time": terms.rfc3339(status.timestamp),
            "authority": terms.rfc4514(status.signing_cert.subject),
            "intact": status.intact and status.valid,
            "trusted": status.trusted,
        }
    elif status.timestamp_validity is not None:
        ts = status.timestamp_validity
        found["timestamp"] = {
            "time": terms.rfc3339(ts.timestamp),
            "authority": terms.rfc4514(ts.signing_cert.subject),
            "intact": ts.intact and ts.valid,
            "trusted": ts.trusted,
        }
    return found


def _is_certification(emb) -> bool:
    """A /DocMDP transform in the signature's /Reference (a certification),
    as opposed to a FieldMDP /Lock."""
    refs = emb.sig_object.get("/Reference", ())
    return any(ref.get_object().get("/TransformMethod") == "/DocMDP" for ref in refs)


def _moment(emb):
    if emb.sig_object_type == "/DocTimeStamp":
        return terms.tst_gen_time(emb.signed_data), "timestamp"
    return terms.signing_time(emb.signer_info, emb.sig_object)
