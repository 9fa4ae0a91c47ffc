// The attacker, in a process of its own so that its work does not slow the health checks
// that watch the server. Usage: node abuse-client.mjs URL PLAN_JSON; prints one JSON line.
//   plan: { phase: 'strangers' } or { phase: 'imports', tokens: [...], perUser: N, dryRun: bool }
const [url, planJson] = process.argv.slice(2);
const plan = JSON.parse(planJson);
const MiB = 1024 * 1024;

/** Status counts, with network errors by code (a refused upload may be cut off mid-send). */
async function tally(requests) {
  const counts = {};
  for (const r of await Promise.allSettled(requests)) {
    const key = r.status === 'fulfilled' ? String(r.value) : (r.reason?.cause?.code ?? r.reason?.code ?? 'error');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const send = (path, type, body, token) =>
  fetch(url + path, { method: 'POST', headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body, duplex: 'half' }).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });

/** A maximum-size import: 20 000 rows, just under 4 MiB, two-byte characters in every note. */
export function maximumImport() {
  const rows = ['date,amount,funnel,note'];
  for (let i = 0; rows.length <= 20_000; i++) {
    rows.push(`2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 900) + 1}.25,Food,Einkauf Nr. ${i} für die ganze Familie — Brötchen ${'ä'.repeat(59)}`);
  }
  const body = Buffer.from(rows.join('\r\n'));
  if (body.length > 4 * MiB) throw new Error(`the import file is ${body.length} bytes, over 4 MiB`);
  return body;
}

if (plan.phase === 'strangers') {
  // 64 parallel bodies of 4 MiB (two-byte UTF-8 text) per content type, without a token,
  // spread over the public routes and the import.
  const body = Buffer.from('é'.repeat(2 * MiB - 8));
  const routes = ['/api/auth/login', '/api/auth/register/start', '/api/auth/refresh', '/api/spendings/import', '/api/funnels', '/api/household/join'];
  const types = ['application/json', 'text/csv', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];
  const result = {};
  for (const type of types) result[type] = await tally(Array.from({ length: 64 }, (_, i) => send(routes[i % routes.length], type, body)));
  console.log(JSON.stringify({ bytesEach: body.length, result }));
} else if (plan.phase === 'imports') {
  const body = maximumImport();
  const path = `/api/spendings/import${plan.dryRun ? '?dryRun=true' : ''}`;
  const result = await tally(plan.tokens.flatMap((token) => Array.from({ length: plan.perUser }, () => send(path, 'text/csv', body, token))));
  console.log(JSON.stringify({ bytesEach: body.length, result }));
}
