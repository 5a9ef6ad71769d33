// Writes FILE.br (brotli, quality 11) and FILE.gz (gzip -9) beside every
// .js and .wasm file under DIR, so that a server can send them as they are
// (the devserver's /dist/ does: tower-http's ServeDir picks one per
// Accept-Encoding) instead of compressing on every request, or not at all.
// Usage: node precompress.mjs DIR
//
// Brotli comes from Node's zlib (the same library as the `brotli` tool, at
// its highest quality and largest window): nothing to install. gzip is the
// system's `gzip -9 -n` (no name or time in the header, so a rebuild of
// the same file gives the same bytes), the figure scripts/bench reports.
// Each result is decompressed and compared before it is written. Stale
// .br/.gz files whose original is gone are removed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|wasm)$/;

/// Brotli at the settings the build writes `.br` files with.
export function brotli(bytes, isText) {
  const c = zlib.constants;
  return zlib.brotliCompressSync(bytes, {
    params: {
      [c.BROTLI_PARAM_QUALITY]: c.BROTLI_MAX_QUALITY,
      [c.BROTLI_PARAM_LGWIN]: c.BROTLI_MAX_WINDOW_BITS,
      [c.BROTLI_PARAM_MODE]: isText ? c.BROTLI_MODE_TEXT : c.BROTLI_MODE_GENERIC,
      [c.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/// `gzip -9 -n` of a file, as the build writes `.gz` files.
export function gzip(file) {
  return execFileSync('gzip', ['-9', '-n', '-c', file], { maxBuffer: 256 << 20 });
}

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

function precompress(dir) {
  let count = 0;
  for (const file of walk(dir)) {
    if (/\.(br|gz)$/.test(file)) {
      if (!fs.existsSync(file.replace(/\.(br|gz)$/, ''))) fs.rmSync(file);
      continue;
    }
    if (!COMPRESSIBLE.test(file)) continue;
    const bytes = fs.readFileSync(file);
    const br = brotli(bytes, !file.endsWith('.wasm'));
    const gz = gzip(file);
    if (!zlib.brotliDecompressSync(br).equals(bytes) || !zlib.gunzipSync(gz).equals(bytes)) {
      throw new Error(`${file}: a compressed copy does not decompress to the file`);
    }
    fs.writeFileSync(`${file}.br`, br);
    fs.writeFileSync(`${file}.gz`, gz);
    count++;
  }
  return count;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir || !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    console.error('usage: node precompress.mjs DIR');
    process.exit(2);
  }
  console.error(`${dir}: .br and .gz beside ${precompress(dir)} files`);
}
