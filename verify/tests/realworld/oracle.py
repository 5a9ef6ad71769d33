#!/usr/bin/env python3
"""What pyHanko 0.38 says about each signed PDF of the real-world corpus.

For every *.pdf in the corpus directory this records, into pyhanko.json beside
this script (sorted keys, indent 1): whether pyHanko opens the file
(strict=False; strict=True failures noted), encryption and whether the empty
user password opens it, revisions, bytes before %PDF; every filled signature
field (document timestamps included): /Filter, /SubFilter, /Type, /ByteRange,
what /Contents holds (CMS algorithms, signer key, signed attributes, signature
timestamp); and pyHanko's validation of each signature: with no trust roots
(no_roots), with every certificate found in the file (CMS certificate sets,
timestamp tokens, DSS /Certs, /Cert) as trust roots (self_roots), and the same
less the signer's own certificate (self_roots_ca, so that its validity period
is checked), at the signing time (verified signature-timestamp genTime, else
signingTime, else /M, else now).
Each file runs in its own process with a timeout; errors are recorded as text.

Run from the repository root:
    python3 -m venv .venv
    .venv/bin/pip install -q -r scripts/lib/python-requirements.txt
    .venv/bin/python verify/tests/realworld/oracle.py [--corpus DIR] [--out FILE]
"""

import argparse
import asyncio
import hashlib
import io
import json
import logging
import multiprocessing as mp
import os
import sys
from importlib.metadata import version

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_cms as oc  # noqa: E402
from oracle_pdf import (  # noqa: E402
    cert_entries, dss_certs, encryption, get, name, sig_dict_info)

from pyhanko.pdf_utils import generic  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.diff_analysis import DiffResult  # noqa: E402
from pyhanko.sign.fields import enumerate_sig_fields  # noqa: E402
from pyhanko.sign.validation import (  # noqa: E402
    DocumentTimestampStatus, EmbeddedPdfSignature, read_certification_data,
    validate_pdf_signature, validate_pdf_timestamp)
from pyhanko.sign.validation.generic_cms import (  # noqa: E402
    collect_timing_info, extract_self_reported_ts)
from pyhanko_certvalidator import ValidationContext  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))


class Collect(logging.Handler):
    """Keeps the distinct warning texts pyHanko logs while reading a file."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen = []

    def emit(self, record):
        text = oc.err(Exception(record.getMessage()))[11:300]
        if text not in self.seen and len(self.seen) < 20:
            self.seen.append(text)


def signing_time(emb):
    """(moment, source) per the brief's order of preference."""
    if emb.sig_object_type == '/DocTimeStamp':
        return oc.tst_gen_time(emb.signed_data), 'own-token'
    try:
        kw = asyncio.run(collect_timing_info(
            emb.signer_info, ValidationContext(trust_roots=[],
                                               allow_fetching=False),
            raw_digest=emb.compute_digest))
        tv = kw.get('timestamp_validity')
        if tv is not None and tv.intact and tv.valid:
            return tv.timestamp, 'timestamp'
    except Exception:
        pass
    t = extract_self_reported_ts(emb.signer_info)
    if t is not None:
        return t, 'signed-attribute'
    try:
        return generic.parse_pdf_date(emb.sig_object['/M'], strict=False), \
            'dictionary'
    except Exception:
        return None, 'now'


def status_dict(st):
    d = {k: getattr(st, k, None) for k in ('intact', 'valid', 'trusted',
                                            'docmdp_ok', 'seed_value_ok')}
    try:
        d['bottom_line'] = st.bottom_line
    except AttributeError:
        d['bottom_line'] = None
    d['coverage'] = st.coverage.name if st.coverage else None
    ml = st.modification_level
    d['modification_level'] = ml.name if ml else None
    dr = st.diff_result
    if isinstance(dr, DiffResult):
        d['changed_form_fields'] = sorted(dr.changed_form_fields)
    elif dr is not None:
        d['suspicious'] = oc.err(dr)
    d['trust_problem'] = name(st.trust_problem_indic)
    try:
        d['chain_length'] = st.validation_path.pkix_len + 1
    except Exception:
        d['chain_length'] = None
    tv = getattr(st, 'timestamp_validity', None)
    if tv is not None:
        d['timestamp'] = {'intact': tv.intact, 'valid': tv.valid,
                          'trusted': tv.trusted,
                          'time': tv.timestamp.isoformat()}
    if isinstance(st, DocumentTimestampStatus):
        d['time'] = st.timestamp.isoformat()
    return d


def validate(emb, roots, moment):
    vc = ValidationContext(trust_roots=roots, allow_fetching=False,
                           moment=moment)
    if emb.sig_object_type == '/DocTimeStamp':
        return status_dict(validate_pdf_timestamp(emb, validation_context=vc))
    return status_dict(validate_pdf_signature(emb, vc))


def signature(reader, field_name, field_ref, sig_ref, listed, pool):
    sig = sig_ref.get_object()
    rec = {'field': field_name, 'listed_by_pyhanko': field_name in listed}
    if isinstance(sig_ref, generic.IndirectObject):
        rec['sig_ref'] = f"{sig_ref.idnum} {sig_ref.generation}"
    rec.update(sig_dict_info(sig))
    data = rec.pop('_bytes', None)
    if data is not None:
        pool.extend(oc.contents_certs(data))
    pool.extend(cert_entries(sig))
    try:
        emb = EmbeddedPdfSignature(reader, field_ref, field_name)
        rec['signed_revision'] = emb.signed_revision
        docmdp = emb.docmdp_level
        rec['docmdp'] = docmdp.name if docmdp else None
    except Exception as e:
        rec['embed_error'] = oc.err(e)
        return rec, None
    return rec, emb


def inspect_file(path):
    with open(path, 'rb') as f:
        data = f.read()
    rec = {'size': len(data), 'sha256': hashlib.sha256(data).hexdigest(),
           'bytes_before_header': data.find(b'%PDF'),
           'eof_markers': data.count(b'%%EOF')}
    log = Collect()
    logging.getLogger().addHandler(log)
    try:
        strict = PdfFileReader(io.BytesIO(data), strict=True)
        if strict.encrypted:
            strict.decrypt(b'')
        list(strict.embedded_signatures)
        rec['strict_ok'] = True
    except Exception as e:
        rec['strict_ok'] = False
        rec['strict_error'] = oc.err(e)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        rec['encryption'] = encryption(reader) if reader.encrypted else None
        rec['revisions'] = reader.xrefs.total_revisions
        rec['hybrid_xrefs'] = reader.xrefs.hybrid_xrefs_present
        root = reader.root
        rec['opens'] = True
    except Exception as e:
        rec['opens'] = False
        rec['open_error'] = oc.err(e)
        rec['log'] = log.seen
        return rec
    try:
        perms = root['/Perms']
        rec['perms'] = {str(k): sig_dict_info(perms[k]) for k in perms}
        for v in rec['perms'].values():
            v.pop('_bytes', None)
    except Exception:
        rec['perms'] = None
    try:
        cert = read_certification_data(reader)
        rec['certification'] = cert.permission.name if cert else None
    except Exception as e:
        rec['certification'] = oc.err(e)
    pool = dss_certs(reader, rec)
    try:
        listed = [e.field_name for e in reader.embedded_signatures]
        rec['embedded_signatures'] = listed
    except Exception as e:
        listed = []
        rec['embedded_signatures_error'] = oc.err(e)
    sigs, embs = [], []
    try:
        fields = list(enumerate_sig_fields(reader, filled_status=None))
    except Exception as e:
        fields = []
        rec['fields_error'] = oc.err(e)
    rec['empty_sig_fields'] = [n for n, v, _ in fields if v is None]
    for field_name, sig_ref, field_ref in fields:
        if sig_ref is None:
            continue
        try:
            srec, emb = signature(reader, field_name, field_ref, sig_ref,
                                  listed, pool)
        except Exception as e:
            srec, emb = {'field': field_name, 'error': oc.err(e)}, None
        sigs.append(srec)
        embs.append(emb)
    roots = list({c.sha256: c for c in pool}.values())
    rec['file_certificates'] = len(roots)
    for srec, emb in zip(sigs, embs):
        if emb is None:
            continue
        try:
            moment, source = signing_time(emb)
        except Exception as e:
            moment, source = None, 'error: ' + oc.err(e)
        srec['signing_time'] = {'source': source, 'time': moment.isoformat()
                                if moment is not None else None}
        try:
            validity = emb.signer_cert['tbs_certificate']['validity']
            srec['signer_valid_at_signing_time'] = None if moment is None \
                else (validity['not_before'].native <= moment
                      <= validity['not_after'].native)
        except Exception:
            srec['signer_valid_at_signing_time'] = None
        try:
            own = emb.signer_cert
            ca_roots = [c for c in roots if c.self_issued
                        or c.sha256 != own.sha256]
        except Exception:
            ca_roots = roots
        # self_roots_ca: the signer's own certificate is no anchor, so its
        # validity at the signing time is checked (pyHanko does not check an
        # anchor's validity period)
        for mode, trust in (('no_roots', []), ('self_roots', roots),
                            ('self_roots_ca', ca_roots)):
            try:
                srec[mode] = validate(emb, trust, moment)
            except Exception as e:
                srec[mode] = {'error': oc.err(e)}
            if emb._integrity_checked:
                # the second run reuses coverage and diff analysis
                emb.compute_integrity_info = lambda *a, **k: None
    rec['signatures'] = sigs
    logging.getLogger().removeHandler(log)
    rec['log'] = log.seen
    return rec


def worker(path, conn):
    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger().handlers = [h for h in logging.getLogger().handlers
                                    if isinstance(h, Collect)]
    try:
        rec = inspect_file(path)
    except BaseException as e:
        rec = {'crash': oc.err(e)}
    conn.send(json.dumps(rec, default=str))


def run_one(path, timeout):
    parent, child = mp.Pipe(duplex=False)
    proc = mp.get_context('fork').Process(target=worker, args=(path, child))
    proc.start()
    child.close()
    rec = {'timeout': timeout}
    if parent.poll(timeout):
        try:
            rec = json.loads(parent.recv())
        except EOFError:
            rec = {'crash': 'worker died'}
    proc.join(5)
    if proc.is_alive():
        proc.kill()
        proc.join()
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', default=os.path.join(
        ROOT, '..', 'shared', 'interop', 'realworld', 'pdf'))
    ap.add_argument('--out', default=os.path.join(HERE, 'pyhanko.json'))
    ap.add_argument('--timeout', type=float, default=60)
    ap.add_argument('--only', help='substring of the file names to run')
    args = ap.parse_args()
    names = sorted(n for n in os.listdir(args.corpus) if n.endswith('.pdf')
                   and (args.only is None or args.only in n))
    files = {}
    for n in names:
        files[n] = run_one(os.path.join(args.corpus, n), args.timeout)
        sigs = files[n].get('signatures', [])
        print(f"{n}: opens={files[n].get('opens')} signatures={len(sigs)}",
              file=sys.stderr)
    out = {'tool': {'pyhanko': version('pyhanko'),
                    'pyhanko-certvalidator': version('pyhanko-certvalidator')},
           'files': files}
    with open(args.out, 'w') as f:
        json.dump(out, f, sort_keys=True, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
