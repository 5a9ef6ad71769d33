// The element's anatomy: the one list of what <infoplus-signature> offers a
// page (attributes, properties, methods, events and their details, shadow
// parts, CSS custom properties, custom states). scripts/lib/anatomy-gen.mjs
// turns it into types/index.d.ts, custom-elements.json and the README's
// Reference tables, and checks it against the code (`--check`).
//
// `pending: true` marks what spec/issue 10 adds but the code does not have
// yet: it is documented and typed, and the drift check only notes its
// absence. Drop the flag once the code has it (the check says when).

/** TypeScript declarations of the values the element hands out. */
export const types = `// Fields the control does not know are kept at run time (spec §3) but not
// typed: a misspelt field name should be a type error.

/** A seal's expected signer (spec §3). */
export interface Signer {
  account?: string | null;
  name?: string | null;
}

/** Which seals and which users may be used for a seal; empty lists mean no restriction. */
export interface Permission {
  sealTypes?: string[] | null;
  sealIds?: string[] | null;
  signers?: string[] | null;
}

/** One seal to be stamped on the document (spec §3). */
export interface Seal {
  x?: number | null;
  y?: number | null;
  placeHolder?: string | null;
  signer?: Signer | null;
  permission?: Permission | null;
  template?: string | null;
  image?: string | null;
  description?: string | null;
  algorithm?: string | null;
  signature?: string | null;
  /** The seal's PUBLIC key, despite the wire name (seed 002). */
  privateKey?: string | null;
}

/** The InfoPlus Signature: the document to be sealed and its seals (spec §3). */
export interface Signature {
  id?: string | null;
  name?: string | null;
  size?: number | null;
  uri?: string | null;
  mime?: string | null;
  createTime?: number | null;
  seals?: Seal[] | null;
}

/** The control's states (\`state\` property, \`data-state\`, \`:state()\`). */
export type SignatureState =
  | 'idle' | 'loading' | 'unsigned' | 'preparing' | 'signing' | 'returning'
  | 'signed' | 'verifying' | 'verified' | 'deleting' | 'error';

/** \`signature-error\`'s \`code\`. */
export type SignatureErrorCode =
  | 'network' | 'timeout' | 'http' | 'engine' | 'unreadable' | 'unsupported-mime'
  | 'conflict' | 'config' | 'verifier';

/** The step the user was taking when something failed. */
export type SignatureStep = 'load' | 'export' | 'redirect' | 'return' | 'delete' | 'verify';

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** RFC 3339 UTC. */
  notBefore: string;
  notAfter: string;
}

/** One seal's verify result (spec §6, §6a), tagged by \`result\`. */
export type SealVerdict =
  | { result: 'valid'; algorithm: string; keyFingerprint: string; certificate: CertificateInfo | null; signerAllowed: boolean | null; pdfSignature?: string }
  | { result: 'invalid'; algorithm: string; keyFingerprint: string | null; pdfSignature?: string }
  | { result: 'indeterminate'; algorithm: string; pdfSignature: string }
  | { result: 'unsupported'; algorithm: string }
  | { result: 'malformed'; part: 'key' | 'signature'; detail: string }
  | { result: 'unavailable'; reason: string }
  | { result: 'not-pdf'; detail: string }
  | { result: 'too-large'; limit: number; size: number | null }
  | { result: 'unsigned' };

/** A seal's result with its index in \`Signature.seals\`. */
export type SealReport = SealVerdict & { index: number };

export type SignatureStatus = 'valid' | 'indeterminate' | 'invalid';
export type DocumentVerdict = SignatureStatus | 'unsigned';
export type Integrity = 'intact' | 'altered' | 'bad-signature' | 'malformed' | 'unsupported';
export type Identity =
  | 'trusted' | 'unknown-issuer' | 'self-signed' | 'expired' | 'not-yet-valid' | 'chain-invalid' | 'no-certificate';
export type Coverage = 'whole-file' | 'revision' | 'partial' | 'unclear';
export type ChangeClass = 'signing' | 'timestamp' | 'form-fill' | 'annotation' | 'metadata' | 'other';
export type SignatureFormat = 'cms' | 'cms-gm' | 'ses' | 'timestamp' | 'unknown';

export interface SignerCertificate {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  fingerprint: string;
}

/** What verifying an embedded PDF signature found (spec §6a). */
export interface SignatureCheck {
  status: SignatureStatus;
  integrity: Integrity;
  identity: Identity;
  coverage: Coverage;
  changesAfter: ChangeClass[];
  certification: { permissions: number; permitted: boolean } | null;
  format: SignatureFormat;
  algorithm: string | null;
  certificate: SignerCertificate | null;
  signingTime: { time: string; source: 'timestamp' | 'signed-attribute' | 'dictionary' } | null;
  timestamp: { time: string; authority: string | null; intact: boolean; trusted: boolean } | null;
  warnings: string[];
}

/** An embedded PDF signature; the check's fields are there once it was verified. */
export interface PdfSignature extends Partial<SignatureCheck> {
  field: string | null;
  signer: string | null;
  /** \`/M\` as written in the file. */
  time: string | null;
  reason: string | null;
  subFilter: string | null;
  byteRange: number[] | null;
  byteRangeWellFormed: boolean;
  coversWholeFile: boolean;
}

/** What the PDF says about itself. */
export type PdfReport =
  | { status: 'parsed'; verdict?: DocumentVerdict; pages: number; signatures: PdfSignature[] }
  | { status: 'unreadable'; reason: string };

/** \`signature-state\`'s detail. */
export interface SignatureStateDetail {
  state: SignatureState;
  previous: SignatureState;
}

/** \`signature-verified\`'s detail. */
export interface SignatureVerifiedDetail {
  seal: number;
  results: SealReport[];
  pdf: PdfReport | null;
}

/** \`signature-error\`'s detail. */
export interface SignatureErrorDetail {
  code: SignatureErrorCode;
  /** In the control's language. */
  message: string;
  step: SignatureStep;
}

/** \`signature-before-redirect\`'s detail. */
export interface SignatureBeforeRedirectDetail {
  url: string;
  seal: number;
}`;

export const anatomy = {
  tag: 'infoplus-signature',
  className: 'InfoplusSignatureElement',
  description:
    'An InfoPlus signature control: a form-associated custom element that shows the seals of a ' +
    'Signature, sends the user to the signature service to stamp them, verifies them in the ' +
    'browser and deletes them.',

  // `type` is TypeScript; `property` names the reflected property, if any.
  attributes: [
    { name: 'signature-id', type: 'string', description: "the Signature's id (S1/S2/EX)" },
    { name: 'engine', type: 'string', description: 'engine API base URL (http(s) or relative)' },
    { name: 'service', type: 'string', description: 'signature service URL' },
    { name: 'name', type: 'string', property: 'name',
      description: 'form field name; the form value is the Signature as compact JSON' },
    { name: 'value', type: 'string', description: 'initial Signature JSON (then no S1 on load)' },
    { name: 'required', type: 'boolean',
      description: 'the form is invalid (`valueMissing`) until every seal is signed' },
    { name: 'readonly', type: 'boolean',
      description: 'no stamping or deleting; verifying stays allowed (`readonly="false"` is treated as absent, for frameworks that write it)' },
    { name: 'disabled', type: 'boolean',
      description: "no stamping, deleting or verifying; as for any form control, the attribute's presence disables (even `disabled=\"false\"`), and so does a `<fieldset disabled>` around it" },
    { name: 'lang', type: "'zh-CN' | 'en'", default: 'zh-CN', description: '`zh-CN` (default) or `en`' },
    { name: 'mode', type: "'redirect' | 'popup'", default: 'redirect', description: '`redirect` (default) or `popup`; in WeChat, QQ, DingTalk, Alipay, Feishu and other in-app browsers, where popups are blocked, popup mode goes by redirect' },
    { name: 'field', type: 'string',
      description: 'name of a host form input that also receives the JSON (with `input`/`change` events)' },
    { name: 'max-document-bytes', type: 'number | string', default: '20971520',
      description: 'verify size limit (default 20 MiB = 20971520)' },
    { name: 'trust-roots', type: 'string',
      description: "URL of a PEM bundle of trusted roots for the PDF's own signatures (§6a; fetched like the document)" },
    { name: 'trust-intermediates', type: 'string',
      description: 'URL of a PEM bundle of extra intermediate certificates (§6a)' },
  ],

  properties: [
    { name: 'value', type: 'Signature | null', set: 'Signature | string | null',
      description: 'the Signature (object) or `null`; assign an object or JSON text to replace it' },
    { name: 'state', type: 'SignatureState', readonly: true,
      description: "the state's name (see States); mirrored as the host's `data-state` attribute" },
    { name: 'trustRoots', type: 'string[] | null',
      description: "trusted roots for the PDF's own signatures, as PEM strings (§6a), added to those of `trust-roots`; applies to the next verify" },
    { name: 'form', type: 'HTMLFormElement | null', readonly: true, formControl: true, description: 'as for any form control' },
    { name: 'name', type: 'string | null', readonly: true, formControl: true, description: 'as for any form control' },
    { name: 'type', type: 'string', readonly: true, formControl: true, description: 'as for any form control' },
    { name: 'labels', type: 'NodeList', readonly: true, formControl: true, description: 'as for any form control' },
    { name: 'validity', type: 'ValidityState', readonly: true, formControl: true, description: 'as for any form control' },
    { name: 'validationMessage', type: 'string', readonly: true, formControl: true, description: 'as for any form control' },
    { name: 'willValidate', type: 'boolean', readonly: true, formControl: true, description: 'as for any form control' },
  ],

  methods: [
    { name: 'checkValidity', params: [], returns: 'boolean', formControl: true, description: 'as for any form control' },
    { name: 'reportValidity', params: [], returns: 'boolean', formControl: true, description: 'as for any form control' },
    { name: 'setCustomValidity', params: [{ name: 'message', type: 'string' }], returns: 'void', formControl: true,
      description: 'as for any form control: a non-empty message makes the control invalid (`customError`) and is the message shown' },
    { name: 'refresh', params: [], returns: 'void', description: 're-read S1' },
    { name: 'stamp', params: [{ name: 'i', type: 'number', optional: true }], returns: 'void',
      description: 'stamp seal `i` (in popup mode call it from a click handler)' },
    { name: 'verify', params: [{ name: 'i', type: 'number', optional: true }], returns: 'void',
      description: 'verify seal `i`' },
    { name: 'removeSeal', params: [{ name: 'i', type: 'number', optional: true }], returns: 'void',
      description: 'delete seal `i` (no confirmation: the caller asked)' },
  ],

  // `detail` is a TypeScript type (null: a plain Event).
  events: [
    { name: 'signature-load', detail: 'Signature', description: 'the Signature, whenever S1 (or `value`) delivered one' },
    { name: 'signature-change', detail: 'Signature', description: 'the Signature, whenever the value changed' },
    { name: 'signature-state', detail: 'SignatureStateDetail', description: '`{state, previous}`' },
    { name: 'signature-verified', detail: 'SignatureVerifiedDetail',
      description: '`{seal, results: [{index, result, …details}], pdf: {status, pages, signatures} \\| null}`' },
    { name: 'signature-error', detail: 'SignatureErrorDetail',
      description: '`{code, message, step}`; `code` is one of `network`, `timeout`, `http`, `engine`, `unreadable`, `unsupported-mime`, `conflict`, `config`, `verifier`' },
    { name: 'signature-before-redirect', detail: 'SignatureBeforeRedirectDetail', cancelable: true,
      description: '`{url, seal}`; cancelable: `preventDefault()` keeps the user on the page' },
    { name: 'change', detail: null,
      description: 'a plain `Event` when the user changed the value (a seal came back signed, or was deleted), as native inputs do' },
  ],

  // Grouped as the README shows them; each name is a part.
  parts: [
    { names: ['control'], description: 'the whole box' },
    { names: ['seals', 'seal'], description: 'the list and each seal card (`data-signed`, `aria-busy`)' },
    { names: ['seal-title', 'badge', 'signer', 'position'], description: "a seal's heading and details" },
    { names: ['stamp', 'seal-image', 'description', 'warning'],
      description: "a signed seal's stamp; `warning` when an image address was refused" },
    { names: ['actions', 'stamp-button', 'verify-button', 'delete-button'], description: 'the buttons' },
    { names: ['confirm', 'confirm-delete-button', 'cancel-delete-button'], description: 'the delete confirmation' },
    { names: ['delete-blocked'], description: 'instead of delete, on a seal stamped before another PDF-signature seal: why it cannot be deleted yet' },
    { names: ['verdict', 'verdict-headline', 'verdict-details', 'signer-check'], description: 'a verify result (`data-result`)' },
    { names: ['report-button'], description: 'downloads the verification report (JSON)' },
    { names: ['status', 'status-text', 'progress', 'dismiss-button'], description: 'the status line (live region, `data-notice`)' },
    { names: ['error', 'error-text', 'retry-button'], description: 'a failure (`data-code`)' },
    { names: ['pdf'], description: 'what the PDF says about itself after a verify' },
    { names: ['pdf-banner', 'pdf-signature', 'pdf-signature-name'],
      description: "the document's verdict, and each of its own signatures with its name" },
    { names: ['pdf-seal', 'pdf-seal-image'],
      description: "an electronic seal (GB/T 38540) a signature carries: its own picture, from the signature's bytes, and its name, maker and validity" },
    { names: ['signed-version-link'],
      description: "per embedded signature that signed a whole revision, a link opening the exact bytes it signed (a `blob:` URL of that revision, made from the downloaded document; `data-revision`, `data-bytes`)" },
    { names: ['full-name', 'copy-button'],
      description: 'a certificate name shown as name · organisation, its full RFC 4514 form in a disclosure; a fingerprint shown short, its button copying it whole (`data-copied`)' },
    { names: ['preview-button', 'preview', 'preview-close'],
      description: 'under the PDF\'s verdict: "show on the page" (`aria-expanded`), the region it opens (pdf.js, fetched on opening) and its close button (Escape closes too)' },
    { names: ['preview-page', 'preview-outline', 'preview-status', 'preview-unplaced'],
      description: 'in the region: each page holding a signature (`data-page`, a canvas), an outline per signature in its status colour (`data-status`, `data-kind` `pdf-signature` or `seal`, `data-label`; focusable, named by field, status and page), the drawing\'s progress or failure (`data-phase`), and the signatures not on a page' },
    { names: ['document', 'document-link', 'document-name', 'document-size'],
      description: "the document line: its name as a link opening a new tab (`document-name` instead when its address is not http(s) or relative), and its size" },
    { names: ['placeholder'], description: 'the skeleton while the first answer is awaited' },
  ],

  // Defaults are read from style/control.css.
  cssProperties: [
    { name: '--infoplus-signature-font', description: 'font family' },
    { name: '--infoplus-signature-font-size', description: 'font size' },
    { name: '--infoplus-signature-color', description: 'text colour' },
    { name: '--infoplus-signature-muted', description: 'secondary text colour' },
    { name: '--infoplus-signature-background', description: "the box's background" },
    { name: '--infoplus-signature-seal-background', description: "a seal card's background" },
    { name: '--infoplus-signature-border', description: 'border colour' },
    { name: '--infoplus-signature-radius', description: 'corner radius' },
    { name: '--infoplus-signature-gap', description: 'spacing' },
    { name: '--infoplus-signature-accent', description: 'the stamp button (a seal red)' },
    { name: '--infoplus-signature-accent-text', description: 'text on the accent' },
    { name: '--infoplus-signature-focus', description: 'focus ring' },
    { name: '--infoplus-signature-success', description: 'valid / signed text' },
    { name: '--infoplus-signature-success-background', description: 'valid / signed background' },
    { name: '--infoplus-signature-pending', description: 'unsigned / indeterminate text' },
    { name: '--infoplus-signature-pending-background', description: 'unsigned / indeterminate background' },
    { name: '--infoplus-signature-danger', description: 'invalid / error text' },
    { name: '--infoplus-signature-danger-background', description: 'invalid / error background' },
    { name: '--infoplus-signature-seal-size', description: "a seal image's size" },
  ],

  // Custom states (`infoplus-signature:state(signed)`), one per state name.
  states: {
    list: [
      { name: 'idle', description: 'neither `signature-id` + `engine` nor `value`' },
      { name: 'loading', description: 'waiting for S1' },
      { name: 'unsigned', description: 'at least one seal to stamp' },
      { name: 'preparing', description: 'the document is being generated (EX)' },
      { name: 'signing', description: 'the user is at the signature service' },
      { name: 'returning', description: 'back from the service, re-reading S1' },
      { name: 'signed', description: 'every seal signed' },
      { name: 'verifying', description: 'a verification is running' },
      { name: 'verified', description: 'a verification result is shown' },
      { name: 'deleting', description: 'a seal is being deleted (S2)' },
      { name: 'error', description: 'a failure is shown, with Retry' },
    ],
  },
};
