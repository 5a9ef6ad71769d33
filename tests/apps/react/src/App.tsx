// A leave request form, as a form builder writes one with React 19: the
// control is a form field; React listens to its events and shows what
// they carried.
import { useState, type FormEvent } from 'react';
import 'infoplus-signature';
import type { Signature, SignatureVerifiedDetail } from 'infoplus-signature';

const params = new URLSearchParams(location.search);
const id = params.get('id') ?? 'demo-applicant';

export function App() {
  const [signature, setSignature] = useState<Signature | null>(null);
  const [verified, setVerified] = useState<SignatureVerifiedDetail | null>(null);
  const [submitted, setSubmitted] = useState<string | null>(null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = new FormData(e.currentTarget).get('approval');
    setSubmitted(typeof value === 'string' ? value : null);
  };

  const signed = signature?.seals?.filter((s) => !!s.signature).length ?? 0;
  return (
    <form onSubmit={submit}>
      <h1>Leave request</h1>
      <label>Reason <textarea name="reason" defaultValue="Annual leave" /></label>
      <infoplus-signature
        signature-id={id} engine="/api" service="/sign" trust-roots="/dev/trust-roots.pem" name="approval" lang="en" required
        onsignature-change={(e) => setSignature(e.detail)}
        onsignature-verified={(e) => setVerified(e.detail)}
        onsignature-error={(e) => console.warn(e.detail.code, e.detail.message)} />
      <p data-testid="from-event">
        {signature ? `${signature.id}: ${signed} of ${signature.seals?.length ?? 0} seals signed` : 'no signature yet'}
      </p>
      <p data-testid="verified">
        {verified ? verified.results.map((r) => `${r.index}:${r.result}`).join(' ') : ''}
      </p>
      <button type="submit">Submit</button>
      <pre data-testid="submitted">{submitted ?? ''}</pre>
    </form>
  );
}
