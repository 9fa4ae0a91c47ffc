import { request } from 'node:https';
import { EndpointGuard, EndpointRefused } from '../src/push/endpoint-guard';
import { addressProblem, endpointUrlProblem, literalAddress, parseIPv6 } from '../src/push/endpoint-rules';

describe('push endpoint rules (the SSRF guard, pure)', () => {
  it('refuses every address that is not public unicast, and says what it is', () => {
    const refused: Array<[string, RegExp]> = [
      ['127.0.0.1', /loopback/],
      ['127.255.0.9', /loopback/],
      ['0.0.0.0', /unspecified/],
      ['10.0.0.1', /private/],
      ['172.16.0.1', /private/],
      ['172.31.255.255', /private/],
      ['192.168.1.10', /private/],
      ['100.64.0.1', /carrier-grade NAT/],
      ['100.127.255.254', /carrier-grade NAT/],
      ['169.254.169.254', /link-local.*metadata/],
      ['169.254.0.1', /link-local/],
      ['224.0.0.251', /multicast/],
      ['255.255.255.255', /reserved or broadcast/],
      ['192.0.2.7', /documentation/],
      ['198.18.0.1', /benchmarking/],
      ['::', /unspecified/],
      ['::1', /loopback/],
      ['0:0:0:0:0:0:0:1', /loopback/],
      ['fc00::1', /unique local/],
      ['fd12:3456::1', /unique local/],
      ['fe80::1', /link-local/],
      ['fe80::1%eth0', /link-local/],
      ['febf::1', /link-local/],
      ['ff02::1', /multicast/],
      ['2001:db8::1', /documentation/],
      ['::ffff:127.0.0.1', /IPv6 form of a loopback/],
      ['::ffff:7f00:1', /IPv6 form of a loopback/],
      ['::ffff:10.1.2.3', /IPv6 form of a private/],
      ['::ffff:169.254.169.254', /IPv6 form of a link-local/],
      ['::127.0.0.1', /IPv6 form of a loopback/],
      ['::8.8.8.8', /IPv4-compatible/],
      ['64:ff9b::10.0.0.1', /IPv6 form of a private/],
      ['2002:7f00:1::1', /IPv6 form of a loopback/],
      ['100::1', /not a global unicast/],
      ['not-an-address', /not an IP address/],
    ];
    for (const [address, what] of refused) expect([address, String(addressProblem(address))]).toEqual([address, expect.stringMatching(what)]);
  });

  it('accepts public addresses, also in their IPv6 forms', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2607:f8b0:4005:80a::200a', '2a00:1450:4001:82a::200e', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:0808:0808::1']) {
      expect([address, addressProblem(address)]).toEqual([address, null]);
    }
  });

  it('parses IPv6 with ::, an IPv4 tail and a zone, and refuses malformed text', () => {
    expect(parseIPv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6('1::')).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIPv6('1:2:3:4:5:6:1.2.3.4')).toEqual([1, 2, 3, 4, 5, 6, 0x0102, 0x0304]);
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6('fe80::1%25eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    for (const bad of ['1:2:3', ':::', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', '::1.2.3', 'g::1', '1.2.3.4']) expect([bad, parseIPv6(bad)]).toEqual([bad, null]);
  });

  it('wants an https: URL without credentials; a literal host is read as an address', () => {
    expect(endpointUrlProblem('https://push.example/abc')).toBeNull();
    expect(String(endpointUrlProblem('http://push.example/abc'))).toBe('endpoint must be an https: URL (got http:)');
    expect(String(endpointUrlProblem('ftp://push.example/abc'))).toBe('endpoint must be an https: URL (got ftp:)');
    expect(String(endpointUrlProblem('https://user:pw@push.example/'))).toBe('endpoint must not contain a user name or password');
    expect(String(endpointUrlProblem('push.example/abc'))).toMatch(/^endpoint must be an absolute https: URL/);
    // The URL parser normalises the odd IPv4 spellings first.
    expect(literalAddress(new URL('https://2130706433/').hostname)).toBe('127.0.0.1');
    expect(literalAddress(new URL('https://0x7f.1/').hostname)).toBe('127.0.0.1');
    expect(literalAddress(new URL('https://[::1]/').hostname)).toBe('::1');
    expect(literalAddress(new URL('https://push.example/').hostname)).toBeNull();
  });
});

describe('push endpoint guard (with a resolver of the test\'s choosing)', () => {
  const resolving = (answers: Record<string, string[]>) => (host: string) =>
    answers[host] ? Promise.resolve(answers[host].map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))) : Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));

  it('checks every address a name resolves to', async () => {
    const guard = new EndpointGuard(false, resolving({ 'push.example': ['93.184.216.34', '2606:2800:220:1::1'], 'mixed.example': ['93.184.216.34', '10.1.1.1'] }));
    await expect(guard.check('https://push.example/x')).resolves.toBeUndefined();
    await expect(guard.check('https://mixed.example/x')).rejects.toThrow('endpoint host mixed.example resolves to 10.1.1.1, a private address: push endpoints must be on public addresses');
    await expect(guard.check('https://gone.example/x')).rejects.toThrow('endpoint host gone.example could not be resolved (ENOTFOUND)');
    await expect(guard.check('https://[fd00::1]/x')).rejects.toThrow('endpoint must be on a public address: fd00::1 is a unique local (private) address');
    await expect(guard.check('http://push.example/x')).rejects.toBeInstanceOf(EndpointRefused);
    guard.agent?.destroy();
  });

  it('connects only to addresses that pass, even when the name resolves elsewhere after the check (DNS rebinding)', async () => {
    let answer = '93.184.216.34';
    const guard = new EndpointGuard(false, (host) => Promise.resolve(host === 'rebind.example' ? [{ address: answer, family: 4 }] : []));
    await guard.check('https://rebind.example/x');
    answer = '127.0.0.1';
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const req = request('https://rebind.example/x', { method: 'POST', agent: guard.agent }, () => resolve(new Error('connected') as NodeJS.ErrnoException));
      req.on('error', resolve);
      req.end();
    });
    expect(error.code).toBe('EPUSHREFUSED');
    expect(error.message).toBe('endpoint host rebind.example resolves to 127.0.0.1, a loopback address: push endpoints must be on public addresses');
    guard.agent?.destroy();
  });

  it('with private endpoints allowed, checks only the form of the URL', async () => {
    const guard = new EndpointGuard(true, () => Promise.reject(new Error('never asked')));
    await expect(guard.check('https://127.0.0.1:8443/x')).resolves.toBeUndefined();
    await expect(guard.check('https://localhost/x')).resolves.toBeUndefined();
    await expect(guard.check('http://127.0.0.1/x')).rejects.toThrow('endpoint must be an https: URL (got http:)');
    expect(guard.agent).toBeUndefined();
  });
});
