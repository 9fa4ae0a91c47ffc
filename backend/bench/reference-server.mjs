// The physical limit on this machine: bare node:http answering GET with a fixed JSON body
// (the real GET /api/budget answer, passed in a file) and POST with 201 after reading the body.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const [, , port, bodyFile] = process.argv;
const body = readFileSync(bodyFile);
createServer((req, res) => {
  if (req.method === 'POST') {
    req.resume();
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"ok":true}');
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
