// Figure 9 (issue #18): the memory of importing the largest file the API accepts, in each format
// it reads. The built API runs with its production heap limits and --trace-gc; each file (as many
// rows as fit in 4 MiB, at most 20 000, every one a spending to store, notes with two-byte
// characters) is imported for real, one format after the other. Reported per format: the peak
// of the V8 heap (the largest heap in use before any garbage collection during the import, or
// after it) and the peak RSS, against the heap limit. BENCH_API_MAIN measures another build of
// the API than dist/main.js.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { api, MAIN, NODE_FLAGS, registerAccount, SECRETS } from './api.mjs';

const MiB = 1024 * 1024;
const LIMIT = 4 * MiB;
const MAX_ROWS = 20_000;
const NOTE = `Einkauf für die ganze Familie — Brötchen, Käse ${'ä'.repeat(24)}`;

const pad = (n) => String(n).padStart(2, '0');
/** Day i of 2024 (Jan 1 … Dec 31, then again), as its parts. */
const dayOf = (i) => {
  const d = new Date(Date.UTC(2024, 0, 1) + (i % 366) * 864e5);
  return { y: d.getUTCFullYear(), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()) };
};
const amount = (i) => ((i % 900) + 1 + 0.25).toFixed(2);

/** Each format: its header (or preamble), one row, its closing lines, and how it is sent. */
const FORMATS = {
  simple: { type: 'text/csv', head: 'date,amount,funnel,note\r\n', row: (i) => { const { y, m, d } = dayOf(i); return `${y}-${m}-${d},${amount(i)},Food,"${NOTE} ${i}"\r\n`; } },
  stracker: {
    type: 'text/csv',
    head: 'date,amount,funnel,note,author,spentAt,id\r\n',
    row: (i) => { const { y, m, d } = dayOf(i); return `${y}-${m}-${d},${amount(i)},Food,"${NOTE} ${i}",anna,${y}-${m}-${d}T10:15:00.000Z,${randomUUID()}\r\n`; },
  },
  ynab: {
    type: 'text/csv',
    head: '"Account","Flag","Date","Payee","Category Group/Category","Category Group","Category","Memo","Outflow","Inflow","Cleared"\r\n',
    row: (i) => { const { y, m, d } = dayOf(i); return `"Girokonto","","${d}/${m}/${y}","Bäckerei Müller","Alltag: Food","Alltag","Food","${NOTE} ${i}","${amount(i).replace('.', ',')} €","0,00 €","Cleared"\r\n`; },
  },
  actual: {
    type: 'text/csv',
    head: 'Account,Date,Payee,Notes,Category,Amount,Split_Amount,Cleared\r\n',
    row: (i) => { const { y, m, d } = dayOf(i); return `Girokonto,${y}-${m}-${d},Bäckerei Müller,"${NOTE} ${i}",Food,-${amount(i)},0,Cleared\r\n`; },
  },
  cashew: {
    type: 'text/csv',
    head: 'account,amount,currency,title,note,date,income,type,category name,subcategory name,color,icon,emoji,budget,objective\r\n',
    row: (i) => { const { y, m, d } = dayOf(i); return `Main,-${amount(i)},EUR,Bäckerei,"${NOTE} ${i}",${y}-${m}-${d} 08:30:00.000,false,,Food,,0xff4caf50,bakery.png,🍞,,\r\n`; },
  },
  firefly: {
    type: 'text/csv',
    head: 'user_id,group_id,journal_id,created_at,updated_at,group_title,type,currency_code,amount,foreign_currency_code,foreign_amount,native_currency_code,native_amount,native_foreign_amount,description,date,source_name,source_iban,source_type,destination_name,destination_iban,destination_type,reconciled,category,budget,bill,tags,notes\r\n',
    row: (i) => { const { y, m, d } = dayOf(i); return `1,${i + 1},${i + 1},${y}-${m}-${d}T10:00:00+01:00,${y}-${m}-${d}T10:00:00+01:00,,Withdrawal,EUR,-${amount(i)},,,EUR,-${amount(i)},,Bäckerei Müller,${y}-${m}-${d}T00:00:00+01:00,Girokonto,DE89370400440532013000,Asset account,Bäckerei,,Expense account,false,Food,,,,"${NOTE} ${i}"\r\n`; },
  },
  ofx: {
    type: 'application/x-ofx',
    head: 'OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:UTF-8\r\nCHARSET:NONE\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n<OFX>\r\n<BANKMSGSRSV1>\r\n<STMTTRNRS>\r\n<TRNUID>1\r\n<STMTRS>\r\n<CURDEF>EUR\r\n<BANKACCTFROM>\r\n<BANKID>37040044\r\n<ACCTID>0532013000\r\n<ACCTTYPE>CHECKING\r\n</BANKACCTFROM>\r\n<BANKTRANLIST>\r\n',
    row: (i) => { const { y, m, d } = dayOf(i); return `<STMTTRN>\r\n<TRNTYPE>DEBIT\r\n<DTPOSTED>${y}${m}${d}120000[+1:CET]\r\n<TRNAMT>-${amount(i)}\r\n<FITID>${y}${m}${d}${String(i).padStart(8, '0')}\r\n<NAME>Bäckerei Müller\r\n<MEMO>${NOTE} ${i}\r\n</STMTTRN>\r\n`; },
    tail: '</BANKTRANLIST>\r\n</STMTRS>\r\n</STMTTRNRS>\r\n</BANKMSGSRSV1>\r\n</OFX>\r\n',
  },
  qif: {
    type: 'application/qif',
    head: '!Type:Bank\r\n',
    row: (i) => { const { y, m, d } = dayOf(i); return `D${d}.${m}.${y}\r\nT-${amount(i).replace('.', ',')}\r\nPBäckerei Müller\r\nM${NOTE} ${i}\r\nLFood\r\n^\r\n`; },
  },
};

/** The largest file of a format the API accepts: rows while they fit in 4 MiB, at most 20 000. */
export function largestFile(format) {
  const f = FORMATS[format];
  const tail = f.tail ?? '';
  let size = Buffer.byteLength(f.head) + Buffer.byteLength(tail);
  const parts = [f.head];
  let rows = 0;
  while (rows < MAX_ROWS) {
    const row = f.row(rows);
    const bytes = Buffer.byteLength(row);
    if (size + bytes > LIMIT) break;
    parts.push(row);
    size += bytes;
    rows++;
  }
  parts.push(tail);
  return { body: Buffer.from(parts.join('')), rows, type: f.type };
}

/** The built API with production flags and --trace-gc, its GC lines watched for the heap in use. */
function startTracedApi({ dbPath, port }) {
  const proc = spawn(process.execPath, [...NODE_FLAGS, '--trace-gc', process.env.BENCH_API_MAIN ?? MAIN], {
    env: { ...process.env, ...SECRETS, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DB_URL: dbPath, STATIC_DIR: 'none' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => proc.kill('SIGKILL'));
  const heap = { peakMb: 0 };
  let buffered = '';
  proc.stdout.on('data', (chunk) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) {
      // "… Scavenge 41.2 (52.9) -> 38.0 (53.1) MB, …": the heap in use before and after.
      const match = /([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(line);
      if (match) heap.peakMb = Math.max(heap.peakMb, Number(match[1]), Number(match[2]));
    }
  });
  const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]) / 1024;
  return { proc, url: `http://127.0.0.1:${port}`, heap, rssMb, stop: () => new Promise((resolve) => (proc.once('exit', resolve), proc.kill('SIGTERM'))) };
}

async function healthy(server) {
  for (;;) {
    if (server.proc.exitCode !== null) throw new Error(`the API exited with ${server.proc.exitCode}`);
    try {
      if ((await fetch(`${server.url}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The V8 heap limit the production flags give (MB). */
export function heapLimitMb() {
  const out = execFileSync(process.execPath, [...NODE_FLAGS, '-p', 'require("v8").getHeapStatistics().heap_size_limit'], { encoding: 'utf8' });
  return Number(out.trim()) / MiB;
}

export async function importMemory({ dbPath, port }) {
  const server = startTracedApi({ dbPath, port });
  try {
    await healthy(server);
    const { accessToken } = await registerAccount(server.url, 'importer', { timezone: 'Europe/Berlin', currency: 'EUR' });
    const food = (await api(server.url, '/api/funnels', { token: accessToken })).find((f) => f.name === 'Food');
    const mapping = encodeURIComponent(JSON.stringify({ '(no category)': food.id }));
    const results = [];
    for (const format of Object.keys(FORMATS)) {
      const file = largestFile(format);
      await new Promise((r) => setTimeout(r, 200)); // the previous import's garbage collected, mostly
      server.heap.peakMb = 0;
      let peakRssMb = server.rssMb();
      const sampler = setInterval(() => {
        if (server.proc.exitCode === null) peakRssMb = Math.max(peakRssMb, server.rssMb());
      }, 10);
      const started = performance.now();
      const res = await fetch(`${server.url}/api/spendings/import?mapping=${mapping}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': file.type },
        body: file.body,
      });
      const answer = await res.json();
      const ms = performance.now() - started;
      clearInterval(sampler);
      peakRssMb = Math.max(peakRssMb, server.rssMb());
      results.push({
        format,
        bytes: file.body.length,
        rows: file.rows,
        status: res.status,
        detected: answer.format,
        imported: answer.imported,
        peakHeapMb: server.heap.peakMb,
        peakRssMb,
        ms,
      });
    }
    return { heapLimitMb: heapLimitMb(), results, alive: server.proc.exitCode === null };
  } finally {
    if (server.proc.exitCode === null) await server.stop();
  }
}

/** Figure 9 as a table row: every format imported whole, each peak heap under the limit. */
export function importMemoryRow(m) {
  const worst = m.results.reduce((a, b) => (b.peakHeapMb > a.peakHeapMb ? b : a));
  const pass = m.alive && m.results.every((r) => r.status === 201 && r.imported === r.rows && r.detected === r.format && r.peakHeapMb < m.heapLimitMb);
  return [
    '9. Import of the largest accepted file per format: peak V8 heap (worst format) ÷ heap limit',
    `${worst.peakHeapMb.toFixed(0)} MB of ${m.heapLimitMb.toFixed(0)} MB (${worst.format})`,
    '< the heap limit, each file imported whole',
    pass,
    m.results
      .map((r) => `${r.format} ${(r.bytes / MiB).toFixed(2)} MiB, ${r.rows} rows: ${r.status}${r.imported === r.rows ? '' : ` (${r.imported} imported)`}, heap ${r.peakHeapMb.toFixed(0)} MB, RSS ${r.peakRssMb.toFixed(0)} MB, ${(r.ms / 1000).toFixed(1)} s`)
      .join('; '),
  ];
}
