#!/usr/bin/env python3
"""Cross-checks expected.json against independent verifiers:

- pyHanko's own validation (validate_pdf_signature / validate_pdf_timestamp
  with a ValidationContext of roots.pem, no fetching, at the signing time)
  for every signature whose algorithm pyHanko supports;
  and, as a second opinion, `openssl cms -verify` on intact and trusted;
- OpenSSL for SM2 (pyHanko does not verify SM2): messageDigest by
  `openssl dgst -sm3`, the signature by `openssl pkeyutl -verify -rawin
  -digest sm3 -pkeyopt distid:…`, the chain by `openssl verify`;
- OpenSSL, piecewise, for what pyHanko cannot verify (gen/openssl_check.py):
  signature OIDs it does not know (RSA with SHA3, plain ECDSA, ECDSA named
  by id-ecPublicKey), several SignerInfos, adbe.pkcs7.sha1,
  adbe.x509.rsa_sha1, raw values; `openssl cms -verify` as a second
  opinion where it applies.

Which verifier checks a signature is decided from the file (its /SubFilter
and /Contents), not from expected.json.

Shadow attacks (a signature with changesInclude, gen/shadow.py): pyHanko
must see intact, trusted cryptography and file the attacker's revision
above FORM_FILLING (or pyhanko_check.ACCEPTED_ATTACKS says why not), and
the objects the later revisions define must be exactly changesInclude's;
pyHanko's level, docmdp_ok and bottom line are printed as a note.

Each answer is mapped to §6a's terms and §6a's status rules are applied to
it; every field must agree with expected.json. Prints one line per
disagreement and `N passed, N failed`; exits 1 on any disagreement.

    .venv/bin/python verify/tests/pades/crosscheck.py"""

import json
import logging
import sys
from io import BytesIO
from pathlib import Path

sys.dont_write_bytecode = True

from asn1crypto import cms  # noqa: E402
from gen import annotation_diff, cms_openssl, openssl_check, pyhanko_check, sm2_openssl, terms  # noqa: E402
from gen.sm2 import SM2_SIGN, SM2_SIGN_ALT  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.fields import enumerate_sig_fields  # noqa: E402
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature  # noqa: E402

HERE = Path(__file__).resolve().parent
COMPARED = ("status", "integrity", "identity", "coverage", "certification", "format", "algorithm",
            "certificate", "signingTime")
# Compared only where expected.json names them (the fixtures of §6b).
COMPARED_IF_EXPECTED = ("key", "rawCheck")
# pyHanko verifies these subfilters and, with one SignerInfo, these mechanisms.
PYHANKO_SUBFILTERS = ("/adbe.pkcs7.detached", "/ETSI.CAdES.detached", "/ETSI.RFC3161")
PYHANKO_MECHANISMS = ("rsassa_pkcs1v15", "rsassa_pss", "ecdsa", "ed25519", "ed448")


def verifier_for(sig_dict) -> str:
    """"sm2", "pyhanko" or "openssl", from the signature's own bytes."""
    contents = bytes(sig_dict["/Contents"])
    if str(sig_dict.get("/SubFilter", "")) not in PYHANKO_SUBFILTERS:
        return "openssl"
    try:
        oid, sd_der = sm2_openssl.split_content_info(contents)
        signer_infos = cms.SignedData.load(sd_der)["signer_infos"]
        algo = signer_infos[0]["signature_algorithm"]
        if algo["algorithm"].dotted in (SM2_SIGN, SM2_SIGN_ALT):
            return "sm2"
        if oid != "1.2.840.113549.1.7.2" or len(signer_infos) != 1:
            return "openssl"
        return "pyhanko" if algo.signature_algo in PYHANKO_MECHANISMS else "openssl"
    except (ValueError, TypeError, IndexError, KeyError):
        return "openssl"  # not a CMS: a raw value


def check_pyhanko(file: str, reader, field_ref, name, expected: dict, roots) -> tuple[dict, list, list]:
    emb = EmbeddedPdfSignature(reader, field_ref, name)
    found = pyhanko_check.check(emb, roots)
    if "changesInclude" in expected:
        return check_attack(file, reader, emb, found, expected)
    problems = []
    want_level = max((terms.CHANGE_LEVEL[c] for c in expected["changesAfter"]), default=0)
    if want_level == terms.CHANGE_LEVEL["annotation"] and found["changesLevel"] == terms.CHANGE_LEVEL["other"]:
        # pyHanko has no annotation rule: look at the revision ourselves.
        if annotation_diff.only_annotations_added(reader, emb.signed_revision + 1):
            found["changesLevel"] = want_level
    if found["changesLevel"] != want_level:
        problems.append(f"pyHanko modification level {found['changesLevel']}, expected {want_level} "
                        f"for changesAfter {expected['changesAfter']}")
    # §6a's rules over pyHanko's findings; "other" is the one class pyHanko
    # names unambiguously (ModificationLevel.OTHER).
    found["changesAfter"] = ["other"] if found["changesLevel"] == terms.CHANGE_LEVEL["other"] else []
    found["status"] = terms.status_of(found)
    if found["bottomLine"] is not None and found["bottomLine"] != (expected["status"] == "valid"):
        # pyHanko's bottom line is stricter only where it cannot classify
        # annotations (see above).
        if not (expected["status"] == "valid" and "annotation" in expected["changesAfter"]):
            problems.append(f"pyHanko bottom_line {found['bottomLine']} for expected {expected['status']}")
    return found, problems, []


def check_attack(file: str, reader, emb, found: dict, expected: dict) -> tuple[dict, list, list]:
    """A shadow attack (changesInclude): pyHanko sees intact, valid, trusted
    cryptography and files the attacker's revision above FORM_FILLING (or
    pyhanko_check.ACCEPTED_ATTACKS says why not); the objects the later
    revisions define, read with pyHanko's reader, are exactly those of
    changesInclude. §6b's answer is then `other`, whatever pyHanko's level."""
    problems, note = pyhanko_check.attack_problems(file, found)
    defined = pyhanko_check.revision_objects_after(reader, emb.signed_revision)
    listed = {c["object"] for c in expected["changesInclude"]}
    if defined != listed:
        problems.append(f"the revisions after the signed one define objects {sorted(defined)}, "
                        f"changesInclude lists {sorted(listed)}")
    found["changesAfter"] = ["other"]
    found["status"] = terms.status_of(found)
    return found, problems, [note]


def second_opinion(pdf: bytes, sig_dict, found: dict, roots_path: Path) -> list:
    """OpenSSL's `cms -verify` must agree with pyHanko on intact and trusted
    (document timestamps aside: OpenSSL's check is for signed data)."""
    if found["format"] == "timestamp" or found["signingTime"] is None:
        return []
    moment = terms.parse_rfc3339(found["signingTime"]["time"])
    intact, trusted = cms_openssl.verify(pdf, sig_dict, roots_path, moment)
    problems = []
    token = cms_openssl.token_intact(bytes(sig_dict["/Contents"]))
    if token is not None and (found["timestamp"] is None or token != found["timestamp"]["intact"]):
        problems.append(f"openssl says the timestamp token intact={token}, pyHanko {found['timestamp']}")
    if intact != (found["integrity"] == "intact"):
        problems.append(f"openssl cms -verify says intact={intact}, pyHanko {found['integrity']}")
    if intact and trusted != (found["identity"] == "trusted"):
        problems.append(f"openssl cms -verify says trusted={trusted}, pyHanko {found['identity']}")
    return problems


def openssl_cms_verify(pdf: bytes, sig_dict, found: dict, roots_path: Path) -> list:
    """`openssl cms -verify` (every SignerInfo) must agree with the piecewise
    check on intact, and on trusted when intact."""
    if found["signingTime"] is None or found["format"] != "cms":
        return []
    intact, trusted = cms_openssl.verify(pdf, sig_dict, roots_path, terms.parse_rfc3339(found["signingTime"]["time"]))
    problems = []
    if intact != (found["integrity"] == "intact"):
        problems.append(f"openssl cms -verify says intact={intact}, piecewise {found['integrity']}")
    if intact and trusted != (found["identity"] == "trusted"):
        problems.append(f"openssl cms -verify says trusted={trusted}, piecewise {found['identity']}")
    return problems


def check_file(name: str, expected: dict, roots, roots_path: Path, used: set) -> tuple[list, list]:
    pdf = (HERE / name).read_bytes()
    reader = PdfFileReader(BytesIO(pdf))
    problems, notes = [], []
    pages = int(reader.root["/Pages"]["/Count"])
    if pages != expected["pages"]:
        problems.append(f"pages {pages}, expected {expected['pages']}")
    present = {fq: (sig_obj.get_object(), ref) for fq, sig_obj, ref in enumerate_sig_fields(reader, filled_status=True)}
    if sorted(present) != sorted(s["field"] for s in expected["signatures"]):
        problems.append(f"signature fields {sorted(present)}, expected {[s['field'] for s in expected['signatures']]}")
    statuses = []
    for want in expected["signatures"]:
        field = want["field"]
        if field not in present:
            continue
        sig_dict, ref = present[field]
        verifier = verifier_for(sig_dict)
        used.add(verifier)
        if "changesInclude" in want and verifier != "pyhanko":
            # check_attack reads the revisions with pyHanko; an attack
            # fixture signed otherwise would go unchecked.
            problems.append(f"{field}: changesInclude on a signature checked by {verifier}, not pyHanko")
        if verifier == "pyhanko":
            found, extra, more_notes = check_pyhanko(name, reader, ref, field, want, roots)
            notes += [f"{field}: {n}" for n in more_notes]
            found["warnings"] += terms.contents_warnings(bytes(sig_dict["/Contents"]))
            extra += second_opinion(pdf, sig_dict, found, roots_path)
        else:
            if verifier == "sm2":
                found = sm2_openssl.check(pdf, sig_dict, roots_path)
            else:
                found = openssl_check.check(pdf, sig_dict, roots_path, want.get("rawCheck"))
            extra = []
            if found["changesAfter"] != want["changesAfter"]:
                extra.append(f"changesAfter {found['changesAfter']}, expected {want['changesAfter']}")
            if verifier == "openssl" and found["format"] == "cms" and found["algorithm"] is not None \
                    and "PLAIN-ECDSA" not in found["algorithm"] and found["algorithm"] not in ("Ed25519", "Ed448"):
                # OpenSSL's cms -verify knows these OIDs (not plain ECDSA's;
                # EdDSA it checks piecewise anyway) and checks every SignerInfo.
                extra += openssl_cms_verify(pdf, sig_dict, found, roots_path)
                used.add("openssl-cms")
        for code in want.get("warningsInclude", []):
            if code not in found["warnings"]:
                extra.append(f"warning {code} missing (got {found['warnings']})")
        problems += [f"{field}: {p}" for p in extra]
        for key in COMPARED + tuple(k for k in COMPARED_IF_EXPECTED if k in want):
            if found.get(key) != want.get(key):
                problems.append(f"{field}.{key}: found {json.dumps(found.get(key))}, expected {json.dumps(want.get(key))}")
        # timestamp: equal in the keys expected.json names (null must be null).
        got, wanted = found.get("timestamp"), want.get("timestamp")
        if (wanted is None) != (got is None) or (wanted and any(got.get(k) != v for k, v in wanted.items())):
            problems.append(f"{field}.timestamp: found {json.dumps(got)}, expected {json.dumps(wanted)}")
        statuses.append(found["status"])
    verdict = terms.worst(statuses)
    if verdict != expected["verdict"]:
        problems.append(f"verdict {verdict}, expected {expected['verdict']}")
    return problems, notes


def main() -> int:
    # pyHanko logs every failed path build with a traceback; the verdicts
    # are what we compare.
    logging.disable(logging.CRITICAL)
    expected = json.loads((HERE / "expected.json").read_text())
    roots_path = HERE / "roots.pem"
    roots = pyhanko_check.load_roots(roots_path.read_text())
    passed = failed = 0
    for name, want in expected.items():
        used = set()
        notes = []
        try:
            problems, notes = check_file(name, want, roots, roots_path, used)
        except Exception as e:  # a crash is a disagreement, with its reason
            problems = [f"{type(e).__name__}: {e}"]
        by = "+".join(sorted({"sm2": "OpenSSL", "openssl": "OpenSSL", "openssl-cms": "cms -verify",
                                  "pyhanko": "pyHanko"}[u] for u in used)) or "-"
        if problems:
            failed += 1
            for p in problems:
                print(f"FAIL {name} ({by}): {p}")
        else:
            passed += 1
            print(f"ok   {name} ({by}): {want['verdict']}")
        for n in notes:
            print(f"     {n}")
    print("OpenSSL: SM2, and what pyHanko cannot verify (gen/openssl_check.py); "
          "pyHanko: the rest, with openssl cms -verify as a second opinion")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
