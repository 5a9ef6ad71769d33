"""One fixture from its Case: the seal, then the PDF signed with an
SES_Signature whose dataHash is SM3 over the ByteRange bytes, then (for
ses-v4-doc-changed.pdf) the change after signing."""

from . import pdf, pdfsig, picture, seal_v1, seal_v4, tsa
from .cases import ES_ID, PICTURE, SUBFILTER, Case
from .pades import sm3, tamper
from .pki import SesPki
from .spec import (CHANGED_PROPERTY_INFO, EXPIRED_CREATED, EXPIRED_VALID, RENAMED, SEALED, TSA_TIME,
                   SealSpec, SignSpec)


def seal_spec(case: Case, pki: SesPki, pic: picture.Picture) -> SealSpec:
    spec = SealSpec(
        version=case.version,
        es_id=ES_ID[case.version],
        maker=pki.untrusted_maker if case.untrusted_maker else pki.maker,
        allowed=[pki.other_signer if case.not_allowed else pki.signer],
        picture=pic,
        cert_list_type=case.cert_list_type,
        form=case.form,
        renamed=RENAMED if case.seal_renamed else None,
        maker_signs="sequence" if case.maker_sequence else "esealInfo",
    )
    if case.expired:
        spec.created, spec.valid = EXPIRED_CREATED, EXPIRED_VALID
    return spec


def build(case: Case, pki: SesPki) -> bytes:
    pic = picture.make(PICTURE[case.version])
    module = seal_v4 if case.version == 4 else seal_v1
    seal = module.make_seal(seal_spec(case, pki, pic))
    sign_spec = SignSpec(
        signer=pki.signer,
        form=case.form,
        changed_property_info=CHANGED_PROPERTY_INFO if case.tbs_changed else None,
    )
    stamp = (lambda signature: tsa.token(pki.tsa, signature, TSA_TIME)) if case.timestamp else None

    def contents(signed_bytes: bytes) -> bytes:
        return module.make_signature(seal, sm3(signed_bytes), sign_spec, stamp)

    out = pdfsig.sign(
        pdf.base_pdf(pic),
        contents,
        filter_=case.filter_,
        subfilter=case.subfilter or SUBFILTER[case.version],
        name=pki.signer.name,
        when=SEALED,
    )
    if case.doc_changed:
        out = tamper(out, pdf.AMOUNT, pdf.AMOUNT.replace(b"100", b"900"))
    return out
