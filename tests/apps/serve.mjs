// Serves the built test apps at /app/<name>/ (tests/apps/<name>/dist) and
// passes every other request to the devserver, Host header included: the
// app, the engine (/api), the signature service (/sign), the provider and
// /dev are then one origin, as in a form builder's deployment, and the
// service's return allow-list (its own origin) accepts the app's address.
//
//   node tests/apps/serve.mjs DEVSERVER_URL   prints "apps at http://127.0.0.1:PORT/"
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const upstream = new URL(process.argv[2] ?? '');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
};

function serveApp(req, res, name, rest) {
  const distDir = path.join(here, name, 'dist');
  const file = path.resolve(distDir, '.' + decodeURIComponent(rest || '/'));
  if (!file.startsWith(distDir + path.sep) && file !== distDir) return void res.writeHead(403).end();
  let target = file;
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) target = path.join(target, 'index.html');
  if (!fs.existsSync(target)) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
  fs.createReadStream(target).pipe(res);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const app = url.pathname.match(/^\/app\/([a-z]+)(\/.*)?$/);
  if (app) {
    if (!app[2]) return void res.writeHead(301, { Location: `/app/${app[1]}/${url.search}` }).end();
    return serveApp(req, res, app[1], app[2]);
  }
  const forward = http.request({
    host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers,
  }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', (e) => { res.writeHead(502, { 'Content-Type': 'text/plain' }).end(String(e)); });
  req.pipe(forward);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`apps at http://127.0.0.1:${server.address().port}/`);
});
