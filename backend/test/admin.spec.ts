import { spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { run } from '../src/bin/admin';
import { newTotpSecret } from '../src/auth/totp';
import { DAY, HOUR } from './support/fake-clock';
import {
  bearer,
  currentCode,
  describeOnSqlite,
  itOnPostgres,
  itOnSqlite,
  nextStep,
  registerUser,
  RegisteredUser,
  startTestApp,
  TEST_JWT_SECRET,
  TEST_TOTP_KEY,
  TestApp,
} from './support/test-app';

/** The operator's tool, run on the test app's real database while the app runs (as in production). */
async function admin(t: TestApp, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { NODE_ENV: 'test', DB_URL: t.database, JWT_SECRET: TEST_JWT_SECRET, TOTP_ENCRYPTION_KEY: TEST_TOTP_KEY, PUBLIC_URL: 'https://stracker.example.home/' };
  const code = await run(args, env, { out: (line) => out.push(line), err: (line) => err.push(line) }, t.clock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('stracker-admin', () => {
  let t: TestApp;
  let dir: string;
  beforeEach(async () => {
    t = await startTestApp({ env: { REGISTRATION: undefined } }); // invite, the default
    dir = mkdtempSync(join(tmpdir(), 'stracker-admin-'));
  });
  afterEach(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains itself, and refuses unknown commands and wrong arguments with exit code 2', async () => {
    expect((await admin(t, 'help')).out).toMatch(/^Usage: stracker-admin COMMAND/);
    expect(await admin(t, 'frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/^Unknown command "frobnicate"/) });
    expect(await admin(t, 'reset-authenticator')).toMatchObject({ code: 2, err: expect.stringMatching(/takes one argument/) });
  });

  it('users: every account with its household and when it was last seen', async () => {
    await registerUser(t, 'anna');
    const code = (await admin(t, 'invite')).out.match(/Invite code: (\S+)/)![1];
    await registerUser(t, 'bert', { inviteCode: code });
    const res = await admin(t, 'users');
    expect(res.code).toBe(0);
    expect(res.out.split('\n')).toEqual([
      expect.stringMatching(/^USERNAME\s+HOUSEHOLD\s+LAST SEEN \(UTC\)$/),
      expect.stringMatching(/^anna\s+anna's household\s+2026-03-10 09:0\d$/),
      expect.stringMatching(/^bert\s+bert's household\s+2026-03-10 09:0\d$/),
    ]);
    expect(res.err).toBe('2 accounts');
  });

  it('invite: a single-use code (7 days) that lets one person register a new household when registration needs an invite', async () => {
    await registerUser(t, 'anna');
    await t.http.post('/api/auth/register/start').send({ username: 'carla' }).expect(403);
    const res = await admin(t, 'invite');
    expect(res.code).toBe(0);
    const code = res.out.match(/Invite code: ([A-Z0-9-]+)/)![1];
    expect(res.out).toContain(`Link:        https://stracker.example.home/register?invite=${code}`);

    const carla = await registerUser(t, 'carla', { inviteCode: code.toLowerCase() });
    const household = (await t.http.get('/api/household').set(bearer(carla.accessToken)).expect(200)).body;
    expect(household).toMatchObject({ name: "carla's household", members: [{ username: 'carla' }] });
    await t.http.post('/api/auth/register/start').send({ username: 'dora', inviteCode: code }).expect(404); // used
    // An operator's invite is for a new household, not for joining one.
    const another = (await admin(t, 'invite')).out.match(/Invite code: (\S+)/)![1];
    await t.http.post('/api/household/join').set(bearer(carla.accessToken)).send({ code: another }).expect(404);
    t.clock.advance(7 * DAY + 1);
    await t.http.post('/api/auth/register/start').send({ username: 'dora', inviteCode: another }).expect(404); // expired
  });

  describe('reset-authenticator', () => {
    let anna: RegisteredUser;
    beforeEach(async () => (anna = await registerUser(t, 'anna')));

    const resetToken = (out: string) => out.match(/\/reset\?token=([A-Za-z0-9_-]+)/)![1];

    it('signs the user out everywhere, stops the old authenticator and recovery codes, and a link enrols a new one', async () => {
      const res = await admin(t, 'reset-authenticator', 'ANNA');
      expect(res.code).toBe(0);
      expect(res.out).toMatch(/^anna is signed out everywhere; their old authenticator and recovery codes no longer work\./);
      expect(res.out).toContain('https://stracker.example.home/reset?token=');
      const token = resetToken(res.out);

      const old = await t.http.get('/api/me').set(bearer(anna.accessToken)).expect(401);
      expect(old.body).toMatchObject({ reason: 'session_ended', message: expect.stringMatching(/authenticator was reset/) });
      await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(401);
      await t.http.post('/api/auth/login').send({ username: 'anna', code: anna.recoveryCodes[0] }).expect(401);

      const offer = (await t.http.post('/api/auth/reset/start').send({ resetToken: token }).expect(201)).body;
      expect(offer.otpauthUrl).toBe(`otpauth://totp/STracker:anna?secret=${offer.secret}&issuer=STracker`);
      const done = await t.http.post('/api/auth/reset/finish').send({ enrolmentToken: offer.enrolmentToken, code: currentCode(t, offer.secret) }).expect(201);
      expect(done.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), recoveryCodes: expect.any(Array) });
      expect(done.body.recoveryCodes).toHaveLength(10);
      await t.http.get('/api/me').set(bearer(done.body.accessToken)).expect(200);
      nextStep(t);
      await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, offer.secret) }).expect(200);

      // Single use.
      const again = await t.http.post('/api/auth/reset/start').send({ resetToken: token }).expect(400);
      expect(again.body.message).toMatch(/^This reset link is unknown, used or expired; ask the person who runs the server for a new link/);
    });

    it('makes a link that works for 24 hours, and only the newest link of a user works', async () => {
      const first = resetToken((await admin(t, 'reset-authenticator', 'anna')).out);
      const second = resetToken((await admin(t, 'reset-authenticator', 'anna')).out);
      await t.http.post('/api/auth/reset/start').send({ resetToken: first }).expect(400);
      t.clock.advance(24 * HOUR + 1);
      await t.http.post('/api/auth/reset/start').send({ resetToken: second }).expect(400);
    });

    it('names a user who does not exist, with exit code 1', async () => {
      expect(await admin(t, 'reset-authenticator', 'nobody')).toMatchObject({ code: 1, err: 'There is no user called "nobody"' });
    });

    it('a wrong code for the new authenticator keeps the link usable', async () => {
      const token = resetToken((await admin(t, 'reset-authenticator', 'anna')).out);
      const offer = (await t.http.post('/api/auth/reset/start').send({ resetToken: token }).expect(201)).body;
      const wrong = currentCode(t, newTotpSecret());
      await t.http.post('/api/auth/reset/finish').send({ enrolmentToken: offer.enrolmentToken, code: wrong }).expect(400);
      await t.http.post('/api/auth/reset/finish').send({ enrolmentToken: offer.enrolmentToken, code: currentCode(t, offer.secret) }).expect(201);
    });
  });

  // A copy of the SQLite file; PostgreSQL has pg_dump and pg_restore for that.
  describeOnSqlite('backup and restore', () => {
    let anna: RegisteredUser;
    let food: string;
    beforeEach(async () => {
      anna = await registerUser(t, 'anna');
      food = (await t.http.get('/api/funnels').set(bearer(anna.accessToken))).body[0].id;
    });
    const spend = (amount: number) => t.http.post('/api/spendings').set(bearer(anna.accessToken)).send({ funnelId: food, amount });
    const amounts = (path: string) => {
      const db = new Database(path, { readonly: true });
      try {
        return (db.prepare('SELECT amount_minor FROM spendings ORDER BY amount_minor').all() as Array<{ amount_minor: number }>).map((r) => r.amount_minor);
      } finally {
        db.close();
      }
    };

    it('backs up while the API runs and takes writes: a checked copy, for its owner only; never over an existing file', async () => {
      for (let i = 1; i <= 3; i++) await spend(i).expect(201);
      const writes = Promise.all(Array.from({ length: 40 }, (_, i) => spend(100 + i).expect(201)));
      const file = join(dir, 'backup.db');
      const res = await admin(t, 'backup', file);
      await writes;
      expect(res).toMatchObject({ code: 0, err: expect.stringMatching(new RegExp(`^Backed up .* to ${file} \\(.* MB, integrity ok\\)`)) });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const copy = amounts(file);
      expect(copy.slice(0, 3)).toEqual([100, 200, 300]); // everything committed before it began
      expect(new Database(file, { readonly: true }).pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await admin(t, 'backup', file)).toMatchObject({ code: 1, err: `${file} already exists; choose a new file name` });
    });

    it('restores only while the API is stopped, and the restored database is the backup, writable again', async () => {
      await spend(1).expect(201);
      const file = join(dir, 'backup.db');
      expect((await admin(t, 'backup', file)).code).toBe(0);
      await spend(2).expect(201);

      expect(await admin(t, 'restore', file)).toMatchObject({ code: 1, err: expect.stringMatching(/^The API is running on .*: stop it first/) });
      await t.close();
      const owner = { uid: 4321, gid: 4321 };
      if (process.getuid?.() === 0) chownSync(t.dbPath, owner.uid, owner.gid);
      const res = await admin(t, 'restore', file);
      expect(res).toMatchObject({ code: 0, err: expect.stringMatching(/integrity ok\)\. Start the API again\.$/) });
      if (process.getuid?.() === 0) expect(statSync(t.dbPath)).toMatchObject(owner); // the API's user can still write it

      const restarted = await startTestApp({ dbPath: t.dbPath, clock: t.clock });
      try {
        const list = await restarted.http.get('/api/spendings').set(bearer(anna.accessToken)).expect(200);
        expect(list.body.items.map((s: { amount: number }) => s.amount)).toEqual([1]);
        await restarted.http.post('/api/spendings').set(bearer(anna.accessToken)).send({ funnelId: food, amount: 3 }).expect(201);
        await restarted.http.get('/api/health').expect(200);
      } finally {
        await restarted.close();
      }
    });

    it('refuses to restore what is not an intact STracker database, leaving the database alone', async () => {
      await t.close();
      const before = readFileSync(t.dbPath);
      const text = join(dir, 'notes.txt');
      writeFileSync(text, 'not a database');
      expect(await admin(t, 'restore', text)).toMatchObject({ code: 1, err: `${text} is not a SQLite database` });
      const other = join(dir, 'other.db');
      new Database(other).exec('CREATE TABLE x (a)');
      expect(await admin(t, 'restore', other)).toMatchObject({ code: 1, err: expect.stringMatching(/is not a STracker database \(no migrations, households/) });
      const damaged = join(dir, 'damaged.db');
      const bytes = Buffer.from(before);
      bytes.fill(0xff, 4096, 12288); // wreck a few pages
      writeFileSync(damaged, bytes);
      expect(await admin(t, 'restore', damaged)).toMatchObject({ code: 1, err: expect.stringMatching(/damaged|cannot be read as a database/) });
      expect(await admin(t, 'restore', join(dir, 'missing.db'))).toMatchObject({ code: 1, err: expect.stringMatching(/does not exist$/) });
      // A file system error is a message naming the file, never a stack trace.
      const folder = join(dir, 'a-folder.db');
      mkdirSync(folder);
      const res = await admin(t, 'restore', folder);
      expect(res).toMatchObject({ code: 1, err: `${folder} is not a file` });
      expect(res.err).not.toMatch(/\n\s+at /);
      expect(readFileSync(t.dbPath).equals(before)).toBe(true);
    });
  });

  itOnPostgres('backup and restore on PostgreSQL: refused, pointing to pg_dump and pg_restore, with the password hidden', async () => {
    for (const command of ['backup', 'restore']) {
      const res = await admin(t, command, join(dir, 'backup.db'));
      expect(res).toMatchObject({ code: 1, err: expect.stringMatching(new RegExp(`^${command} copies a SQLite file; DB_URL is PostgreSQL .*use pg_dump and pg_restore`)) });
    }
    expect(await admin(t, 'users')).toMatchObject({ code: 0 }); // the rest of the tool works on PostgreSQL
  });

  itOnSqlite('as a command: exit codes, and backup - / restore - through standard output and input', async () => {
    await registerUser(t, 'anna');
    const env = { ...process.env, NODE_ENV: 'test', DB_URL: t.dbPath, JWT_SECRET: TEST_JWT_SECRET, TOTP_ENCRYPTION_KEY: TEST_TOTP_KEY };
    const cli = (args: string[], input?: Buffer, extraEnv: NodeJS.ProcessEnv = {}) =>
      new Promise<{ code: number | null; stdout: Buffer; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/bin/admin.ts', ...args], { cwd: join(__dirname, '..'), env: { ...env, ...extraEnv } });
        const out: Buffer[] = [];
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => out.push(c));
        child.stderr.on('data', (c: Buffer) => (stderr += c));
        child.once('exit', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
        child.stdin.end(input);
      });
    const backup = await cli(['backup', '-']);
    expect(backup.code).toBe(0);
    expect(backup.stdout.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(backup.stderr).toMatch(/^Backed up .* \(.* MB, integrity ok\)/);

    const target = join(dir, 'restored', 'stracker.db');
    const restored = await cli(['restore', '-'], backup.stdout, { DB_URL: target });
    expect(restored).toMatchObject({ code: 0, stderr: expect.stringMatching(/^Restored the backup into/) });
    const users = await cli(['users'], undefined, { DB_URL: target });
    expect(users.stdout.toString()).toMatch(/^USERNAME .*\nanna /);
    expect((await cli(['nonsense'])).code).toBe(2);
    expect(await cli(['users'], undefined, { DB_URL: join(dir, 'nowhere.db') })).toMatchObject({ code: 1, stderr: expect.stringMatching(/^There is no database at/) });
  }, 60_000);
});
