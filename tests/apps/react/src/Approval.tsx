import { useState } from 'react';
import 'infoplus-signature';
import type { Signature } from 'infoplus-signature';

export function Approval({ id }: { id: string }) {
  const [signature, setSignature] = useState<Signature | null>(null);
  const signed = !!signature?.seals?.every((seal) => seal.signature);
  return (
    <>
      <infoplus-signature
        signature-id={id} engine="/api" service="/sign" name="approval" required
        onsignature-change={(e) => setSignature(e.detail)}
        onsignature-error={(e) => console.warn(e.detail.code, e.detail.message)} />
      <p>{signed ? 'Signed' : 'Not signed yet'}</p>
    </>
  );
}
