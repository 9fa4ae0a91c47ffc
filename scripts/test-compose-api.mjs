// The API calls of scripts/test-compose.sh, made the way a phone makes them: over HTTPS through
// nginx, trusting the stack's certificate through NODE_EXTRA_CA_CERTS (never by turning
// verification off). The account and its token are kept in a small JSON file between calls.
//   node scripts/test-compose-api.mjs URL STATE register
//   node scripts/test-compose-api.mjs URL STATE spend NOTE             (expects 201)
//   node scripts/test-compose-api.mjs URL STATE notes HAS... -- LACKS...  (GET /api/spendings: 200)
//   node scripts/test-compose-api.mjs URL STATE health STATUS [SECONDS] (waits for that answer)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { generateSync } = require('otplib');

const [url, stateFile, command, ...args] = process.argv.slice(2);

function fail(message) {
  console.error(`compose test: ${message}`);
  process.exit(1);
}

async function call(path, { token, method = 'GET', body } = {}) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    // A request that hangs (a backend restarting) must not outlast the caller's own deadline.
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

async function expectStatus(what, status, promise) {
  const res = await promise;
  if (res.status !== status) fail(`${what}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`);
  return res.json;
}

const state = () => JSON.parse(readFileSync(stateFile, 'utf8'));

switch (command) {
  case 'register': {
    const username = 'composetest';
    const offer = await expectStatus('register/start', 201, call('/api/auth/register/start', { method: 'POST', body: { username } }));
    const tokens = await expectStatus(
      'register/finish',
      201,
      call('/api/auth/register/finish', {
        method: 'POST',
        body: { enrolmentToken: offer.enrolmentToken, code: generateSync({ secret: offer.secret }), timezone: 'Europe/Berlin', currency: 'EUR' },
      }),
    );
    const funnels = await expectStatus('GET /api/funnels', 200, call('/api/funnels', { token: tokens.accessToken }));
    if (!funnels.length) fail('a new household has no funnels');
    writeFileSync(stateFile, JSON.stringify({ username, accessToken: tokens.accessToken, funnelId: funnels[0].id }));
    console.log(`registered ${username} (a real TOTP code); first funnel "${funnels[0].name}"`);
    break;
  }
  case 'spend': {
    const { accessToken, funnelId } = state();
    const spending = await expectStatus(
      `POST /api/spendings "${args[0]}"`,
      201,
      call('/api/spendings', { method: 'POST', token: accessToken, body: { funnelId, amount: 12.5, note: args[0] } }),
    );
    console.log(`spending "${spending.note}" recorded (201)`);
    break;
  }
  case 'notes': {
    const split = args.indexOf('--');
    const has = split < 0 ? args : args.slice(0, split);
    const lacks = split < 0 ? [] : args.slice(split + 1);
    const page = await expectStatus('GET /api/spendings', 200, call('/api/spendings?limit=200', { token: state().accessToken }));
    const notes = page.items.map((s) => s.note);
    for (const note of has) if (!notes.includes(note)) fail(`spending "${note}" is missing; the list has ${JSON.stringify(notes)}`);
    for (const note of lacks) if (notes.includes(note)) fail(`spending "${note}" is still there; the list has ${JSON.stringify(notes)}`);
    console.log(`spendings: ${JSON.stringify(notes)} (200)`);
    break;
  }
  case 'health': {
    const status = Number(args[0]);
    const deadline = Date.now() + Number(args[1] ?? 60) * 1000;
    let last = 'no answer';
    for (;;) {
      try {
        const res = await call('/api/health');
        if (res.status === status) {
          console.log(`/api/health: ${res.status} ${res.text}`);
          break;
        }
        last = `${res.status} ${res.text.slice(0, 200)}`;
      } catch (error) {
        last = String(error.cause ?? error);
      }
      if (Date.now() > deadline) fail(`/api/health did not answer ${status} within ${args[1] ?? 60} s (last: ${last})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    break;
  }
  default:
    fail(`unknown command ${command}`);
}
