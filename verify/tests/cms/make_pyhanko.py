"""Extracts the CMS of every signature in pyHanko's test PDFs (real-world
variety: SKI signer ids, no signed attributes, signature and document
timestamps, eContent, Ed448) into pyhanko/*.der, and writes what OpenSSL 3
says about each to pyhanko/expected.tsv for verify/tests/cms/pyhanko.rs.

    pip download --no-deps --no-binary :all: pyhanko==0.38.0   # MIT, 8 MB
    tar xzf pyhanko-0.38.0.tar.gz
    python3 verify/tests/cms/make_pyhanko.py pyhanko-0.38.0
"""
import glob
import hashlib
import os
import re
import subprocess
import sys

src = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "pyhanko")
os.makedirs(out, exist_ok=True)


def outer_length(blob):
    """The outer TLV's length (definite only), to drop the zero padding."""
    n = blob[1]
    if n < 0x80:
        return 2 + n
    if n == 0x80:
        return len(blob)  # indefinite: the reader must skip the padding
    count = n & 0x7F
    return 2 + count + int.from_bytes(blob[2:2 + count], "big")


def dotted(line):
    return line[line.rfind("(") + 1:line.rfind(")")]


def summary(text):
    lines = [l.strip() for l in text.splitlines()]
    certs = sum(1 for l in lines if l == "d.certificate:")
    econtent = next(dotted(l) for l in lines if l.startswith("eContentType:"))
    si = lines[lines.index("signerInfos:"):]
    sids = [l for l in si if l.startswith(("d.issuerAndSerialNumber:", "d.subjectKeyIdentifier:"))]
    sid = "ski" if sids[0].startswith("d.subjectKeyIdentifier") else "issuer"

    def alg_after(marker):
        at = si.index(marker)
        return dotted(next(l for l in si[at:] if l.startswith("algorithm:")))

    def count_between(start, end):
        at = si.index(start)
        if si[at + 1] == "<ABSENT>":
            return 0
        stop = si.index(end, at) if end in si[at:] else len(si)
        return sum(1 for l in si[at:stop] if l.startswith("object: "))

    return [str(certs), str(len(sids)), econtent, sid, alg_after("digestAlgorithm:"),
            alg_after("signatureAlgorithm:"), str(count_between("signedAttrs:", "signatureAlgorithm:")),
            "1" if "(1.2.840.113549.1.9.16.2.14)" in text else "0"]


# A diverse few (most of the corpus repeats one RSA signer).
KEEP = {
    "certified-with-indirect-refs-in-dir-0", "one-byterange-0",
    "ed448-disallowed-hash-0", "ed448-shake256-nolen-0", "extensions-direct-1",
    "minimal-signed-twice-no-sig-type-0", "pades-lta-dss-indirect-arrs-test-2-0",
    "pades-lta-dss-indirect-arrs-test-2-1", "pades-lta-dss-indirect-arrs-test-2-2",
    "pades-with-old-style-signing-cert-attr-0", "pdf-sig-with-econtent-0",
    "sig-no-signed-attrs-0", "sig-with-ski-sid-0",
    "signed-encrypted-pubkey-with-catalog-ref-0",
}
seen = set()
rows = []
for path in sorted(glob.glob(f"{src}/**/test_data/data/pdf/**/*.pdf", recursive=True)):
    data = open(path, "rb").read()
    for i, m in enumerate(re.finditer(rb"/Contents\s*<([0-9A-Fa-f\s]{200,})>", data)):
        hexs = re.sub(rb"\s", b"", m.group(1))
        blob = bytes.fromhex(hexs.decode())
        if blob[:1] != b"\x30":
            continue
        blob = blob[:outer_length(blob)]
        digest = hashlib.sha256(blob).digest()
        if digest in seen:
            continue
        seen.add(digest)
        name = f"{os.path.basename(path)[:-4]}-{i}"
        if name not in KEEP:
            continue
        der = os.path.join(out, f"{name}.der")
        open(der, "wb").write(blob)
        printed = subprocess.run(["openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", der],
                                 capture_output=True, text=True)
        if printed.returncode != 0:
            rows.append([name, "openssl-error"])
            continue
        rows.append([name] + summary(printed.stdout))

with open(os.path.join(out, "expected.tsv"), "w") as f:
    f.write("# name\tcertificates\tsigners\teContentType\tsid\tdigest\tsignature\tsignedAttrs\ttimestampToken\n")
    for row in rows:
        f.write("\t".join(row) + "\n")
print(len(rows), "signatures")
