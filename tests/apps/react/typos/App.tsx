// Deliberate mistakes, one per element (tsc reports one attribute error per
// element): tsc must reject each against the package's types;
// scripts/lib/apps.sh asserts it fails and names every one.
import 'infoplus-signature';
import type { Signature } from 'infoplus-signature';

export function Typos({ set }: { set: (s: Signature | null) => void }) {
  return (
    <>
      {/* a misspelt attribute */}
      <infoplus-signature engin="/api" />
      {/* not a mode */}
      <infoplus-signature mode="popop" />
      {/* no `seels` in a Signature */}
      <infoplus-signature onsignature-change={(e) => set(e.detail.seels ?? null)} />
      {/* no `cod` in the error detail */}
      <infoplus-signature onsignature-error={(e) => console.warn(e.detail.cod)} />
    </>
  );
}
