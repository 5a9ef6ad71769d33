#!/usr/bin/env python3
"""Independent byte-level check of every signature in the real-world corpus.

pyHanko (oracle.py) refuses some files and some formats (files it cannot parse,
adbe.pkcs7.sha1, adbe.x509.rsa_sha1, several SignerInfos, plain ECDSA). This
script does not parse the PDF object structure at all: it scans the raw bytes
for every /ByteRange [a b c d] whose gap is a hex string, hashes the ranges and
checks the signature found in that gap with asn1crypto + cryptography:
messageDigest (or the encapsulated SHA-1 of adbe.pkcs7.sha1) against the bytes,
and the signature value over the signed attributes as transmitted and, when
that differs, as DER re-sorted. Output: bytecheck.json beside this script.

Run from the repository root:
    .venv/bin/python verify/tests/realworld/bytecheck.py [--corpus DIR]
"""

import argparse
import hashlib
import json
import os
import re
import sys

from asn1crypto import cms, core, x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.serialization import load_der_public_key

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_cms as oc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
BR = re.compile(rb'/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]')
HASHES = {'sha1': hashes.SHA1, 'sha224': hashes.SHA224, 'sha256': hashes.SHA256,
          'sha384': hashes.SHA384, 'sha512': hashes.SHA512,
          'sha3_256': hashes.SHA3_256, 'sha3_384': hashes.SHA3_384,
          'sha3_512': hashes.SHA3_512}
# signature algorithm OIDs that name their digest (BSI plain ECDSA included)
SIG_DIGEST = {'0.4.0.127.0.7.1.1.4.1.1': 'sha1', '0.4.0.127.0.7.1.1.4.1.2': 'sha224',
              '0.4.0.127.0.7.1.1.4.1.3': 'sha256', '0.4.0.127.0.7.1.1.4.1.4': 'sha384',
              '0.4.0.127.0.7.1.1.4.1.5': 'sha512',
              '2.16.840.1.101.3.4.3.14': 'sha3_256', '2.16.840.1.101.3.4.3.15': 'sha3_384',
              '2.16.840.1.101.3.4.3.16': 'sha3_512'}
RSA_SHA3 = {'2.16.840.1.101.3.4.3.14', '2.16.840.1.101.3.4.3.15', '2.16.840.1.101.3.4.3.16'}


def digest(name, data):
    if name == 'shake256':
        h = hashes.Hash(hashes.SHAKE256(64))
    else:
        h = hashes.Hash(HASHES[name]())
    h.update(data)
    return h.finalize()


def verify_value(cert, sig_alg, digest_name, message, value):
    """True/False, or a text saying why it could not be checked."""
    key = load_der_public_key(cert.public_key.dump())
    dotted = sig_alg['algorithm'].dotted
    name = sig_alg['algorithm'].native
    try:
        if isinstance(key, ed25519.Ed25519PublicKey) or isinstance(key, ed448.Ed448PublicKey):
            key.verify(value, message)
        elif isinstance(key, rsa.RSAPublicKey):
            if name == 'rsassa_pss':
                p = sig_alg['parameters']
                h = HASHES[p['hash_algorithm']['algorithm'].native]()
                mgf_h = HASHES[p['mask_gen_algorithm']['parameters']['algorithm'].native]()
                key.verify(value, message, padding.PSS(padding.MGF1(mgf_h),
                                                       p['salt_length'].native), h)
            else:
                h = SIG_DIGEST.get(dotted) if dotted in RSA_SHA3 else \
                    (sig_alg.hash_algo if name not in ('rsassa_pkcs1v15', 'rsa') else digest_name)
                key.verify(value, message, padding.PKCS1v15(), HASHES[h]())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            if dotted.startswith('0.4.0.127.0.7.1.1.4.1.'):
                n = len(value) // 2
                value = encode_dss_signature(int.from_bytes(value[:n], 'big'),
                                             int.from_bytes(value[n:], 'big'))
                h = SIG_DIGEST[dotted]
            elif name == 'ec' or dotted == '1.2.840.10045.2.1':
                h = digest_name
            else:
                h = sig_alg.hash_algo
            key.verify(value, message, ec.ECDSA(HASHES[h]()))
        else:
            return 'unsupported key ' + type(key).__name__
        return True
    except InvalidSignature:
        return False
    except Exception as e:
        return 'unchecked: ' + oc.err(e)


def check_signer(si, certs, signed_bytes, econtent):
    """signed_bytes: what messageDigest covers (the ByteRange bytes, or the
    TSTInfo of a timestamp); econtent: encapsulated content, if any."""
    out = {'digest_algorithm': si['digest_algorithm']['algorithm'].native,
           'signature_algorithm': si['signature_algorithm']['algorithm'].dotted}
    dname = out['digest_algorithm']
    if dname not in HASHES and dname != 'shake256':
        # a signature algorithm OID in digestAlgorithm (seen in adbe.pkcs7.sha1)
        dname = si['digest_algorithm'].hash_algo if hasattr(
            si['digest_algorithm'], 'hash_algo') else dname
        dname = {'1.2.840.113549.1.1.5': 'sha1', '1.2.840.113549.1.1.11': 'sha256'}.get(
            si['digest_algorithm']['algorithm'].dotted, dname)
    cert = oc.find_signer_cert(si, certs)
    out['signer_cert'] = cert is not None
    attrs = si['signed_attrs']
    value = si['signature'].native
    try:
        doc_digest = digest(dname, signed_bytes)
    except Exception as e:
        out['error'] = oc.err(e)
        return out
    if attrs:
        md = [a['values'][0].native for a in attrs if a['type'].native == 'message_digest']
        out['message_digest_ok'] = bool(md) and md[0] == doc_digest
        transmitted = b'\x31' + attrs.dump()[1:]
        resorted = core.SetOf.load(transmitted)  # X.690 11.6: sorted encodings
        body = b''.join(sorted(a.dump() for a in attrs))
        resorted = transmitted[:len(transmitted) - len(body)] + body
        out['signed_attrs_der_sorted'] = transmitted == resorted
        if cert is not None:
            out['signature_ok'] = verify_value(cert, si['signature_algorithm'], dname,
                                               transmitted, value)
            if transmitted != resorted:
                out['signature_ok_resorted'] = verify_value(
                    cert, si['signature_algorithm'], dname, resorted, value)
    elif cert is not None:
        # no signed attributes: the value signs the content itself
        out['signature_ok'] = verify_value(cert, si['signature_algorithm'], dname,
                                           econtent or signed_bytes, value)
    return out


def check_range(data, m):
    a, b, c, d = (int(x) for x in m.groups())
    rec = {'byte_range': [a, b, c, d], 'at': m.start(),
           'ends_at_file_end': c + d == len(data), 'file_size': len(data)}
    gap = data[b:c]
    if a != 0 or not (b < c <= len(data)) or c + d > len(data) \
            or not re.fullmatch(rb'<[0-9A-Fa-f\s]*>', gap):
        rec['gap_is_contents'] = False
        rec['gap_starts'] = data[b:b + 24].decode('latin-1')
        return rec
    rec['gap_is_contents'] = True
    blob = bytes.fromhex(re.sub(rb'\s', b'', gap[1:-1]).decode())
    signed_bytes = data[0:b] + data[c:c + d]
    used = oc.der_length(blob)
    rec['contents_len'] = len(blob)
    rec['trailing_nonzero'] = used is not None and any(blob[used:])
    try:
        ci = cms.ContentInfo.load(blob[:used] if used else blob)
        sd = ci['content']
        certs = oc.signed_data_certs(sd)
        eci = sd['encap_content_info']
        econtent = eci['content'].native if eci['content'].native else None
        if isinstance(econtent, dict):  # TSTInfo: messageDigest covers it
            econtent = eci['content'].parsed.dump()
        covered = econtent if eci['content_type'].native == 'tst_info' \
            else signed_bytes
        rec['signers'] = [check_signer(si, certs, covered, econtent)
                          for si in sd['signer_infos']]
        if eci['content_type'].native == 'data' and eci['content'].native:
            rec['encap_is_sha1_of_range'] = eci['content'].native == \
                hashlib.sha1(signed_bytes).digest()
        elif eci['content_type'].native == 'tst_info':
            mi = eci['content'].parsed['message_imprint']
            rec['tst_imprint_ok'] = mi['hashed_message'].native == digest(
                mi['hash_algorithm']['algorithm'].native, signed_bytes)
    except Exception as e:
        rec['cms_error'] = oc.err(e)
        rec['raw_value_len'] = len(blob)
        x509_rsa = check_x509_rsa_sha1(data, m, blob, signed_bytes)
        if x509_rsa is not None:
            rec['x509_rsa_sha1'] = x509_rsa
    return rec


def first_cert_string(window):
    """The first string of a /Cert entry, hex or literal (escapes undone)."""
    m = re.search(rb'/Cert\s*\[?\s*([<(])', window)
    i = m.end()
    if m.group(1) == b'<':
        return bytes.fromhex(re.sub(rb'\s', b'', window[i:window.index(b'>', i)]).decode())
    out, depth = bytearray(), 1
    esc = {b'n': 10, b'r': 13, b't': 9, b'b': 8, b'f': 12}
    while True:
        ch = window[i:i + 1]
        if ch == b'\\':
            nxt = window[i + 1:i + 2]
            octal = re.match(rb'[0-7]{1,3}', window[i + 1:i + 4])
            if octal:
                out.append(int(octal.group(0), 8) & 0xFF)
                i += 1 + len(octal.group(0))
                continue
            if nxt in esc:
                out.append(esc[nxt])
            elif nxt not in (b'\n', b'\r'):
                out += nxt
            i += 2
            continue
        depth += {b'(': 1, b')': -1}.get(ch, 0)
        if depth == 0:
            return bytes(out)
        out += ch
        i += 1


def check_x509_rsa_sha1(data, m, blob, signed_bytes):
    """adbe.x509.rsa_sha1: an OCTET STRING signature and a /Cert entry."""
    window = data[max(0, m.start() - 40000):m.end() + 40000]
    if b'adbe.x509.rsa_sha1' not in window:
        return None
    try:
        value = core.OctetString.load(blob[:oc.der_length(blob)]).native
        cert = x509.Certificate.load(first_cert_string(window))
        key = load_der_public_key(cert.public_key.dump())
        key.verify(value, signed_bytes, padding.PKCS1v15(), hashes.SHA1())
        return True
    except InvalidSignature:
        return False
    except Exception as e:
        return 'unchecked: ' + oc.err(e)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', default=os.path.join(
        ROOT, '..', 'shared', 'interop', 'realworld', 'pdf'))
    ap.add_argument('--out', default=os.path.join(HERE, 'bytecheck.json'))
    args = ap.parse_args()
    out = {}
    for n in sorted(os.listdir(args.corpus)):
        if not n.endswith('.pdf'):
            continue
        with open(os.path.join(args.corpus, n), 'rb') as f:
            data = f.read()
        recs = []
        for m in BR.finditer(data):
            try:
                recs.append(check_range(data, m))
            except Exception as e:
                recs.append({'at': m.start(), 'error': oc.err(e)})
        out[n] = recs
    with open(args.out, 'w') as f:
        json.dump(out, f, sort_keys=True, indent=1, default=str)
        f.write('\n')


if __name__ == '__main__':
    main()
