"""Helpers of oracle.py: read PDF dictionaries (signature, encryption, DSS)
with pyHanko's generic objects, never raising for bad input."""

from pyhanko.pdf_utils import generic

import oracle_cms as oc


def name(obj):
    return None if obj is None else str(obj)


def get(d, key):
    """d[key] dereferenced (dict.get would not), or None."""
    try:
        return d[key]
    except Exception:
        return None


def raw(d, key):
    try:
        return d.raw_get(key, decrypt=generic.EncryptedObjAccess.RAW)
    except Exception:
        return None


def encryption(reader):
    enc = reader.encrypt_dict
    out = {k[1:]: name(get(enc, k)) for k in ('/Filter', '/V', '/R', '/Length')}
    try:
        out['CFM'] = name(enc['/CF'][enc['/StmF']]['/CFM'])
    except Exception:
        pass
    try:
        res = reader.decrypt(b'')
        out['empty_password'] = res.status.name
    except Exception as e:
        out['empty_password'] = 'error'
        out['decrypt_error'] = oc.err(e)
    return out


def dss_certs(reader, rec):
    certs = []
    try:
        dss = reader.root['/DSS']
    except Exception:
        return certs
    rec['dss'] = {k[1:]: len(dss[k]) for k in ('/Certs', '/OCSPs', '/CRLs',
                                               '/VRI') if k in dss}
    for ref in (dss['/Certs'] if '/Certs' in dss else []):
        try:
            cert = oc.load_cert(ref.get_object().data)
            if cert is not None:
                certs.append(cert)
        except Exception:
            pass
    return certs


def sig_dict_info(sig):
    out = {k[1:]: name(get(sig, k)) for k in ('/Type', '/Filter', '/SubFilter')}
    br = raw(sig, '/ByteRange')
    try:
        out['byte_range'] = [int(x) for x in br]
    except Exception:
        out['byte_range'] = type(br).__name__
    m = get(sig, '/M')
    out['M'] = None if m is None else str(m)[:40]
    try:
        ref = [r.get_object() for r in sig['/Reference']]
        out['references'] = [name(get(r, '/TransformMethod')) for r in ref]
    except Exception:
        pass
    contents = raw(sig, '/Contents')
    if isinstance(contents, (generic.TextStringObject,
                             generic.ByteStringObject)):
        out['contents'] = oc.describe_contents(contents.original_bytes)
        out['_bytes'] = contents.original_bytes
    else:
        out['contents'] = None if contents is None else type(contents).__name__
    return out


def cert_entries(sig):
    """Certificates of a /Cert entry (adbe.x509.rsa_sha1)."""
    value = raw(sig, '/Cert')
    items = value if isinstance(value, generic.ArrayObject) else [value]
    certs = []
    for item in items:
        if isinstance(item, (generic.TextStringObject,
                             generic.ByteStringObject)):
            cert = oc.load_cert(item.original_bytes)
            if cert is not None:
                certs.append(cert)
    return certs
