//! Everything the PDF says about its own signatures, for verifying them
//! (spec §6a): per signature its listing, raw `/Contents`, kind, coverage,
//! the classes of later changes and its DocMDP permissions.

use super::cos::{Dict as Dictionary, Object as Primitive};
use crate::verdict_pdf::Warning;

use super::changes::Final;
use super::document::{open_failure, Document, ReadError};
use super::dss::{self, Dss};
use super::fields::{self, Found};
use super::places::Places;
use super::revisions::{self, Chain};
use super::{changes, contents, docmdp};
use crate::verdict::PdfSignature;
use crate::verdict_pdf::{Change, ChangeClass, Coverage};

/// A signature proper, or a document timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureKind {
    /// `/Type /Sig` (or no `/Type`).
    Signature,
    /// `/Type /DocTimeStamp`, or `/SubFilter /ETSI.RFC3161`.
    DocTimeStamp,
}

/// One embedded signature and what the file says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedSignature {
    /// As listed (`check: None`).
    pub listing: PdfSignature,
    /// The `/Contents` string's bytes, trailing zero padding kept: read from
    /// the `/ByteRange` gap when it is exactly `<hex>` (what was left out of
    /// the signing), else from the dictionary. `None` if neither is there.
    pub contents: Option<Vec<u8>>,
    pub kind: SignatureKind,
    pub coverage: Coverage,
    /// `c + d` of the `/ByteRange` when well formed.
    pub signed_end: Option<usize>,
    /// Sorted, without duplicates; empty unless coverage is `revision`.
    pub changes_after: Vec<ChangeClass>,
    /// The objects behind `changes_after`.
    pub changes: Vec<Change>,
    /// `/Cert` (`adbe.x509.rsa_sha1`): the signer's certificate first.
    pub cert: Vec<Vec<u8>>,
    /// DocMDP `/P` (1..=3) when this is a certification signature.
    pub docmdp: Option<u8>,
    /// `contents-outside-gap`, `changes-not-fully-analysed`,
    /// `docmdp-p-invalid`, `revisions-unreadable`.
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    pub pages: u32,
    pub signatures: Vec<EmbeddedSignature>,
    /// Opened with the empty user password.
    pub encrypted: bool,
    /// About the whole file (`xref-reconstructed`).
    pub warnings: Vec<Warning>,
    /// The document security store (§6c), when there is one.
    pub dss: Option<Dss>,
}

/// What a signature dictionary is, by `/Type` and `/SubFilter`.
pub fn signature_kind(dict: &Dictionary) -> SignatureKind {
    let name = |key| match dict.get(key) {
        Some(Primitive::Name(name)) => Some(name.as_str().into_owned()),
        _ => None,
    };
    if name("Type").as_deref() == Some("DocTimeStamp")
        || name("SubFilter").as_deref() == Some("ETSI.RFC3161")
    {
        SignatureKind::DocTimeStamp
    } else {
        SignatureKind::Signature
    }
}

/// Everything the file says about its signatures (§6a): per signature its
/// listing, raw `/Contents`, kind, coverage, later changes and DocMDP; or
/// why the file cannot be read, in words.
pub fn inspect_signatures(bytes: &[u8]) -> Result<Inspection, String> {
    let doc = Document::open(bytes).map_err(|error| open_failure(&error))?;
    let chain = Chain::read(doc.file());
    let catalog = match doc.trailer().get("Root") {
        Some(root) => doc.dictionary(root, "/Root"),
        None => Err(ReadError::Missing("/Root")),
    }
    .map_err(|error| format!("its document catalog cannot be read: {}", error.describe()))?;
    let mut warnings = Vec::new();
    // A page tree that does not read leaves the signatures readable (as
    // pyHanko reads them); the count is then unknown.
    let pages = page_count(&doc, &catalog).unwrap_or_else(|_| {
        warnings.push(Warning::PageTreeUnreadable);
        0
    });
    let places = Places::read(&doc, &catalog);
    let found = fields::signatures(&doc, &catalog, &places, bytes.len());
    let mut context = Context {
        bytes,
        chain,
        places: Some(places),
        last: None,
        analysed: 0,
    };
    let mut signatures: Vec<EmbeddedSignature> = found
        .into_iter()
        .map(|found| embedded(&doc, &catalog, found, &mut context))
        .collect();
    certifications_come_first(&mut signatures);
    if trails_its_last_revision(bytes, &context.chain) {
        warnings.push(Warning::TrailingUpdate);
        // Whatever those bytes do, no revision shows it to us: after any
        // signature, a change we cannot vouch for.
        for signature in &mut signatures {
            if signature.coverage == Coverage::Revision
                && !signature.changes_after.contains(&ChangeClass::Other)
            {
                signature.changes_after.push(ChangeClass::Other);
                signature.warnings.push(Warning::ChangesNotFullyAnalysed);
            }
        }
    }
    if doc.file().reconstructed() {
        warnings.push(Warning::XrefReconstructed);
    }
    let dss = dss::read(&doc, &catalog, doc.trailer().get("Root"));
    Ok(Inspection {
        pages,
        signatures,
        encrypted: doc.file().encrypted(),
        warnings,
        dss,
    })
}

/// Is there more than white space (or zero padding) after the last
/// `%%EOF` that ends a revision?
fn trails_its_last_revision(bytes: &[u8], chain: &Chain) -> bool {
    let Some(&last) = chain.boundaries.iter().max() else {
        return false;
    };
    bytes
        .get(last..)
        .is_some_and(|rest| rest.iter().any(|b| !b.is_ascii_whitespace() && *b != 0))
}

/// A certification signature after another signature (its signed bytes
/// end later than another's) is not one ISO 32000-1 §12.8.2.2 allows.
fn certifications_come_first(signatures: &mut [EmbeddedSignature]) {
    let ends: Vec<Option<usize>> = signatures.iter().map(|s| s.signed_end).collect();
    for signature in signatures.iter_mut() {
        let (Some(_), Some(end)) = (signature.docmdp, signature.signed_end) else {
            continue;
        };
        if ends.iter().flatten().any(|other| *other < end) {
            signature.warnings.push(Warning::CertificationNotFirst);
        }
    }
}

/// Signatures whose later changes are analysed, in one file: each needs its
/// signed revision opened and read.
const MAX_ANALYSED: usize = 32;

/// Shared by the signatures of one file; the final file is read for the
/// analysis on first need.
struct Context<'a> {
    bytes: &'a [u8],
    chain: Chain,
    /// Read once for the listing; handed to the final file's analysis.
    places: Option<Places>,
    last: Option<Option<Final<'a>>>,
    analysed: usize,
}

impl Context<'_> {
    fn changes_after(&mut self, signed_end: usize) -> changes::Changes {
        self.analysed += 1;
        let chain = &self.chain;
        if self.analysed > MAX_ANALYSED {
            return changes::not_analysed();
        }
        let bytes = self.bytes;
        let places = &mut self.places;
        let last = self
            .last
            .get_or_insert_with(|| Final::open(bytes, places.take().unwrap_or_default()));
        match last {
            Some(last) => changes::after(last, chain, signed_end),
            None => changes::not_analysed(),
        }
    }
}

fn embedded(
    doc: &Document,
    catalog: &Dictionary,
    found: Found,
    context: &mut Context,
) -> EmbeddedSignature {
    let bytes = context.bytes;
    let mut warnings = Vec::new();
    let range = found.listing.byte_range.as_deref();
    let in_gap = range
        .and_then(|range| revisions::gap(range, bytes.len()))
        .and_then(|(start, end)| contents::in_gap(bytes, start, end));
    let in_dictionary = fields::contents(&found.sig);
    // The gap must hold this dictionary's own /Contents: the same bytes, in
    // the same object (a copy of the dictionary in a later revision, still
    // naming the old gap, is not what was signed).
    let differs = matches!((&in_gap, &in_dictionary), (Some(gap), Some(dict)) if gap != dict);
    let elsewhere = match (found.value, range) {
        (Some(value), Some(range)) => revisions::gap(range, bytes.len())
            .and_then(|(start, _)| context.chain.holds(bytes, value.num, start))
            .is_some_and(|holds| !holds),
        _ => false,
    };
    let misplaced = in_gap.is_some() && (differs || elsewhere);
    if misplaced {
        warnings.push(Warning::ContentsOutsideGap);
    }
    let signed_end = range.and_then(|range| revisions::signed_end(range, bytes.len()));
    let boundaries = &context.chain.boundaries;
    let gap_is_contents = in_gap.is_some() && !misplaced;
    let mut coverage = revisions::coverage(range, bytes.len(), gap_is_contents, boundaries);
    // Two `/Contents` (or `/ByteRange`): the gap may hold a decoy while the
    // signed bytes carry another value; which one counts cannot be told.
    if found.sig.dict.count("Contents") > 1 || found.sig.dict.count("ByteRange") > 1 {
        warnings.push(Warning::AmbiguousSignatureDictionary);
        coverage = Coverage::Unclear;
    }
    let mut listing = found.listing;
    // Which revision it signed, counted as readers count them (pyHanko's
    // `signed_revision` + 1): the revisions ending at or before its end.
    listing.revision = match (coverage, signed_end) {
        (Coverage::Revision | Coverage::WholeFile, Some(end)) => {
            let count = doc.file().revisions_until(end);
            u32::try_from(count).ok().filter(|n| *n > 0)
        }
        _ => None,
    };
    let mut changes_after = Vec::new();
    let mut changes = Vec::new();
    if let (Coverage::Revision, Some(end)) = (coverage, signed_end) {
        let found = context.changes_after(end);
        changes_after = found.classes;
        changes = found.objects;
        warnings.extend(found.warnings);
    }
    let (docmdp, docmdp_warning) = docmdp::permissions(doc, catalog, &found.sig, found.value);
    warnings.extend(docmdp_warning);
    EmbeddedSignature {
        kind: signature_kind(&found.sig.dict),
        listing,
        // What this dictionary says it signed: the gap's value when the gap
        // is its own /Contents, else the dictionary's (verifying the value
        // in the gap would check another signature's CMS).
        contents: if misplaced {
            in_dictionary
        } else {
            in_gap.or(in_dictionary)
        },
        coverage,
        signed_end,
        changes_after,
        changes,
        cert: fields::cert(doc, &found.sig),
        docmdp,
        warnings,
    }
}

/// `/Count` of the page tree root: what PDF readers show as the page count.
fn page_count(doc: &Document, catalog: &Dictionary) -> Result<u32, ReadError> {
    let pages = match catalog.get("Pages") {
        Some(pages) => doc.dictionary(pages, "/Pages")?,
        None => return Err(ReadError::Missing("/Pages")),
    };
    match pages.get("Count").map(|count| doc.resolve(count)) {
        Some(Ok(Primitive::Int(count))) => {
            u32::try_from(count).map_err(|_| ReadError::Missing("/Count"))
        }
        Some(Err(error)) => Err(error),
        _ => Err(ReadError::Missing("/Count")),
    }
}
