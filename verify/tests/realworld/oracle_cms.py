"""Helpers of oracle.py: describe a signature's /Contents (CMS or not) with
asn1crypto, and gather the certificates it carries. Only reads; never raises
for bad input (the caller records what it gets)."""

import re

from asn1crypto import cms, parser, tsp, x509

TST_ATTRS = ('signature_time_stamp_token', 'content_time_stamp')


def err(e):
    """Exception as stable text (no object addresses), bounded."""
    text = f"{type(e).__name__}: {e}"
    return re.sub(r' at 0x[0-9a-f]+', '', text)[:400]


def oid(value):
    """'name (dotted)' when asn1crypto knows the name, else the dotted OID."""
    dotted = value.dotted
    native = value.native
    return dotted if native == dotted else f"{native} ({dotted})"


def der_length(data):
    """Length of the first DER element of data, or None."""
    try:
        _, _, _, header, contents, trailer = parser.parse(data, strict=False)
        return len(header) + len(contents) + len(trailer)
    except Exception:
        return None


def key_info(cert):
    out = {}
    try:
        pk = cert.public_key
        alg = pk['algorithm']
        out['type'] = oid(alg['algorithm'])
        params = alg['parameters']
        if alg['algorithm'].native == 'ec' and params.name == 'named':
            out['curve'] = oid(params.chosen)
        try:
            out['bits'] = pk.bit_size
        except Exception:
            pass
    except Exception as e:
        out['error'] = err(e)
    return out


def cert_brief(cert):
    out = {'subject': cert.subject.human_friendly[:200],
           'issuer': cert.issuer.human_friendly[:200],
           'serial': format(cert.serial_number, 'x'),
           'self_issued': cert.self_issued}
    try:
        validity = cert['tbs_certificate']['validity']
        out['not_before'] = validity['not_before'].native.isoformat()
        out['not_after'] = validity['not_after'].native.isoformat()
    except Exception as e:
        out['validity_error'] = err(e)
    out['key'] = key_info(cert)
    return out


def signed_data_certs(sd):
    """X.509 certificates of a SignedData (other choices are skipped)."""
    found = []
    try:
        for choice in sd['certificates'] or []:
            if choice.name == 'certificate':
                found.append(choice.chosen)
    except Exception:
        pass
    return found


def find_signer_cert(si, certs):
    try:
        sid = si['sid']
        if sid.name == 'issuer_and_serial_number':
            ias = sid.chosen
            for c in certs:
                if (c.issuer == ias['issuer']
                        and c.serial_number == ias['serial_number'].native):
                    return c
        else:
            for c in certs:
                if c.key_identifier == sid.chosen.native:
                    return c
    except Exception:
        pass
    return None


def attr_names(attrs):
    if not attrs:
        return []
    return [oid(a['type']) for a in attrs]


def tst_tokens(si):
    """(attribute name, ContentInfo) of the timestamp tokens in a SignerInfo."""
    tokens = []
    for key in ('unsigned_attrs', 'signed_attrs'):
        try:
            for a in si[key] or []:
                if a['type'].native in TST_ATTRS:
                    tokens.extend((a['type'].native, v) for v in a['values'])
        except Exception:
            pass
    return tokens


def describe_signer_info(si, certs):
    out = {}
    try:
        out['digest_algorithm'] = oid(si['digest_algorithm']['algorithm'])
        sig_alg = si['signature_algorithm']
        out['signature_algorithm'] = oid(sig_alg['algorithm'])
        if sig_alg['algorithm'].native == 'rsassa_pss':
            p = sig_alg['parameters']
            out['pss_params'] = {
                'hash': oid(p['hash_algorithm']['algorithm']),
                'mgf': oid(p['mask_gen_algorithm']['algorithm']),
                'mgf_hash': oid(p['mask_gen_algorithm']['parameters']
                                ['algorithm']),
                'salt_length': p['salt_length'].native,
            }
        out['signed_attrs'] = attr_names(si['signed_attrs'])
        out['unsigned_attrs'] = attr_names(si['unsigned_attrs'])
        out['signature_timestamp'] = any(
            n == 'signature_time_stamp_token' for n, _ in tst_tokens(si))
        out['signature_len'] = len(si['signature'].native)
        signer = find_signer_cert(si, certs)
        out['signer_found'] = signer is not None
        if signer is not None:
            out['signer'] = cert_brief(signer)
    except Exception as e:
        out['error'] = err(e)
    return out


def describe_contents(data):
    """What /Contents holds: CMS details, or why it is not CMS."""
    out = {'length': len(data)}
    used = der_length(data)
    if used is not None and used <= len(data):
        tail = data[used:]
        out['trailing_bytes'] = len(tail)
        out['trailing_nonzero'] = any(tail)
    try:
        ci = cms.ContentInfo.load(data, strict=False)
        out['content_type'] = oid(ci['content_type'])
        if ci['content_type'].native != 'signed_data':
            out['cms_parses'] = False
            return out
        sd = ci['content']
        eci = sd['encap_content_info']
        out['encap_content_type'] = oid(eci['content_type'])
        out['encap_content_present'] = eci['content'].native is not None
        certs = signed_data_certs(sd)
        out['certificates'] = len(certs)
        sis = list(sd['signer_infos'])
        out['signer_infos'] = len(sis)
        out['signers'] = [describe_signer_info(si, certs) for si in sis]
        out['cms_parses'] = not any('error' in s for s in out['signers'])
        if eci['content_type'].native == 'tst_info':
            out['gen_time'] = eci['content'].parsed['gen_time'].native \
                .isoformat()
    except Exception as e:
        out['cms_parses'] = False
        out['cms_error'] = err(e)
    return out


def contents_certs(data):
    """Every certificate in a CMS /Contents, timestamp tokens included."""
    found = []
    try:
        sd = cms.ContentInfo.load(data, strict=False)['content']
        found.extend(signed_data_certs(sd))
        for si in sd['signer_infos']:
            for _, token in tst_tokens(si):
                found.extend(signed_data_certs(token['content']))
    except Exception:
        pass
    return found


def load_cert(data):
    try:
        cert = x509.Certificate.load(bytes(data))
        cert.native  # force a full parse
        return cert
    except Exception:
        return None


def tst_gen_time(sd):
    """genTime of a timestamp token's SignedData, or None."""
    try:
        info = sd['encap_content_info']['content'].parsed
        assert isinstance(info, tsp.TSTInfo)
        return info['gen_time'].native
    except Exception:
        return None
