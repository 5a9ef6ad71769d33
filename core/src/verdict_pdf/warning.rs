//! What a verifier says beside the status (§6a `warnings`): one enum, a
//! stable kebab-case code each. The control has words for every code in
//! zh-CN and en (src/i18n/pdf.rs, checked by a test), `seal-verify` prints
//! the codes.

crate::wire_enum! {
    /// One warning about a signature (or, in `pdf.warnings`, the file).
    pub enum Warning {
        /// No usable revocation data (OCSP, CRL) produced after the signing
        /// time covers the signer's chain.
        RevocationNotChecked,
        /// The signer's chain was revoked after the signing time: the
        /// signature stays valid (§6c).
        RevokedAfterSigning,
        /// An SM2 signature that verifies only with the empty
        /// distinguishing id.
        Sm2EmptyId,
        /// A certificate in the chain is signed with SHA-1.
        Sha1InChain,
        /// The signature itself is made with a weak algorithm (SHA-1, or an
        /// RSA key shorter than 2048 bits).
        WeakAlgorithm,
        /// The signer's certificate has no keyUsage for signing.
        KeyUsageMissing,
        /// The timestamp authority's certificate lacks the timeStamping EKU.
        TimestampingEkuMissing,
        /// A certificate in the CMS could not be read.
        CertificateUnreadable,
        /// The signature dictionary has no `/Contents`.
        ContentsMissing,
        /// `/Contents` does not lie in the ByteRange's gap.
        ContentsOutsideGap,
        /// Bytes other than zero padding follow the CMS in `/Contents`.
        ContentsTrailingBytes,
        /// `/Contents` is neither a CMS, a timestamp nor a seal we read.
        CmsUnreadable,
        /// A document timestamp whose `/Contents` is not an RFC 3161 token.
        DocTimestampNotAToken,
        /// The CMS has no SignerInfo.
        NoSigner,
        /// The CMS has several SignerInfos; each was verified.
        SeveralSigners,
        /// An algorithm or format we do not verify.
        AlgorithmUnsupported,
        /// RSASSA-PSS whose mask uses another hash than the message: it
        /// verifies, but RFC 4055 and PAdES forbid the mix.
        MixedHashes,
        /// The signature timestamp does not verify.
        TimestampBroken,
        /// The signature timestamp verifies but its authority is not trusted.
        TimestampUntrusted,
        /// No timestamp, no signed signingTime and no `/M`.
        NoSigningTime,
        /// Signed attributes without messageDigest.
        MessageDigestMissing,
        /// Signed attributes without contentType.
        ContentTypeMissing,
        /// The document's revisions could not be told apart.
        RevisionsUnreadable,
        /// What changed after the signature was not fully analysed (a limit
        /// was reached); the changes then include `other`.
        ChangesNotFullyAnalysed,
        /// DocMDP `/P` is not 1, 2 or 3; read as 1.
        DocmdpPInvalid,
        /// A certification signature made after another signature: ISO
        /// 32000-1 §12.8.2.2 allows one, and only as the first.
        CertificationNotFirst,
        /// The signature dictionary names its `/Contents` or `/ByteRange`
        /// twice: which one the signer meant cannot be told.
        AmbiguousSignatureDictionary,
        /// The page tree cannot be read (the page count is not known).
        PageTreeUnreadable,
        /// The file goes on after its last complete revision (an update
        /// cut off, or objects appended without a cross-reference
        /// section): what those bytes add belongs to no revision.
        TrailingUpdate,
        /// The file's cross-reference data was wrong; its objects were found
        /// by scanning the file, as PDF readers do.
        XrefReconstructed,
        /// A trusted certificate given to the verifier could not be used.
        TrustStoreProblem,
        /// An electronic seal (GB/T 38540) whose maker's signature does not
        /// verify: the seal was changed or forged.
        SealSignatureInvalid,
        /// The seal was not valid (outside its validity) when it was used.
        SealOutsideValidity,
        /// The seal does not allow the signer's certificate to use it.
        SealSignerNotAllowed,
        /// The seal's maker is not trusted (its chain reaches no configured
        /// root, or it was not valid when the seal was used).
        SealMakerUntrusted,
        /// The seal's picture is not one the control can show (unknown or
        /// mislabelled bytes, or an OFD picture).
        SealPictureUnreadable,
    }
}
