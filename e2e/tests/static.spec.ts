import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { renderNginxConf } from '../support/global-setup';
import { STACK } from '../support/stack';

test.describe('deployment files', () => {
  test('nginx -t accepts nginx.conf', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stracker-nginx-'));
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, renderNginxConf(readFileSync(join(STACK.root, 'nginx.conf'), 'utf8')));
    // Output to a file: nginx opens /dev/stdout for the access log, which a Node pipe (a socket) cannot be.
    const output = join(dir, 'nginx-t.log');
    const fd = openSync(output, 'w');
    execFileSync('nginx', ['-t', '-p', dir, '-c', conf], { stdio: ['ignore', fd, fd] });
    expect(readFileSync(output, 'utf8')).toContain('test is successful');
  });

  test('nginx.conf keeps the hardening the operator relies on', () => {
    const conf = readFileSync(join(STACK.root, 'nginx.conf'), 'utf8');
    for (const line of [
      'server_tokens off;',
      'ssl_protocols TLSv1.2 TLSv1.3;',
      'client_max_body_size 16k;',
      'proxy_set_header X-Forwarded-For $remote_addr;',
      'limit_req zone=auth',
      'return 301 https://$host$request_uri;',
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      'Strict-Transport-Security',
      'gzip on;',
      'try_files $uri /index.html;',
      // A backend down or restarting is a quick 504, not a phone held for 60 s.
      'proxy_connect_timeout 5s;',
    ]) {
      expect(conf).toContain(line);
    }
    expect(conf).not.toMatch(/\bCBC\b|RC4|3DES|TLSv1(\.1)?[ ;]/);
  });

  test('nginx.conf keeps bodies at 16k everywhere but the import, which is rate-limited', () => {
    const conf = readFileSync(join(STACK.root, 'nginx.conf'), 'utf8').replace(/#.*$/gm, '');
    const importBlock = /location = \/api\/spendings\/import \{([^}]*)\}/.exec(conf);
    expect(importBlock).not.toBeNull();
    expect(importBlock![1]).toMatch(/client_max_body_size 4m;/);
    expect(importBlock![1]).toMatch(/limit_req zone=import burst=\d+ nodelay;/);
    expect(importBlock![1]).toMatch(/limit_conn import_conn \d+;/);
    expect(conf).toMatch(/limit_req_zone \$binary_remote_addr zone=import:\d+m rate=\d+r\/m;/);
    // Everywhere else the http-level 16k holds: no other location raises it.
    const elsewhere = conf.replace(importBlock![0], '');
    expect([...elsewhere.matchAll(/client_max_body_size\s+(\S+);/g)].map((m) => m[1])).toEqual(['16k']);
    expect(elsewhere).toMatch(/http \{[\s\S]*client_max_body_size 16k;/);
  });

  test('nginx.conf passes the live event stream on unbuffered and keeps it open between events', () => {
    const conf = readFileSync(join(STACK.root, 'nginx.conf'), 'utf8').replace(/#.*$/gm, '');
    const events = /location = \/api\/events \{([^}]*)\}/.exec(conf);
    expect(events).not.toBeNull();
    expect(events![1]).toMatch(/proxy_buffering off;/);
    expect(events![1]).toMatch(/proxy_pass \$backend;/);
    // Longer than the API's 25 s between keep-alive comments.
    const timeout = /proxy_read_timeout (\d+)([smh]);/.exec(events![1]);
    expect(timeout).not.toBeNull();
    expect(Number(timeout![1]) * { s: 1, m: 60, h: 3600 }[timeout![2] as 's' | 'm' | 'h']).toBeGreaterThan(25);
    expect(events![1]).toMatch(/limit_conn events_conn \d+;/);
    // A compressed stream would wait for a full gzip block before passing anything on.
    expect(/gzip_types ([^;]*);/.exec(conf)![1]).not.toMatch(/event-stream/);
  });

  test('docker-compose.yml wires backend, certs and nginx safely', () => {
    const compose = parse(readFileSync(join(STACK.root, 'docker-compose.yml'), 'utf8'));
    expect(Object.keys(compose.services).sort()).toEqual(['backend', 'certs', 'nginx']);
    const { backend, certs, nginx } = compose.services;
    // Only nginx is reachable from outside: 80 and 443 unless the operator's .env says otherwise.
    expect(backend.ports).toBeUndefined();
    expect(certs.ports).toBeUndefined();
    expect(nginx.ports).toEqual(['${STRACKER_HTTP_PORT:-80}:8080', '${STRACKER_HTTPS_PORT:-443}:8443']);
    expect(backend.healthcheck.test.join(' ')).toContain('/api/health');
    // nginx starts once the certificate is in place and the API answers its health check.
    expect(nginx.depends_on).toEqual({
      certs: { condition: 'service_completed_successfully' },
      backend: { condition: 'service_healthy' },
    });
    expect(backend.volumes).toContain('stracker-data:/data');
    expect(Object.keys(compose.volumes).sort()).toEqual(['nginx-certs', 'stracker-data']);
    // The operator's ./certs (whoever owns the key, even 0600 root) is read by the one-shot
    // "certs" service only; nginx reads the copy it owns, read-only.
    expect(certs.volumes.sort()).toEqual(['./certs:/certs:ro', 'nginx-certs:/etc/nginx/certs']);
    expect(nginx.volumes).toEqual(['nginx-certs:/etc/nginx/certs:ro']);
    expect(certs.build).toEqual(nginx.build);
    expect(certs.command).toEqual(['stracker-install-certs']);
    expect(certs.user).toBe('0:0');
    expect(certs.cap_add.sort()).toEqual(['CHOWN', 'DAC_READ_SEARCH']);
    expect(certs.network_mode).toBe('none');
    expect(certs.restart).toBe('no');
    for (const service of [backend, certs, nginx]) {
      expect(service.cap_drop).toEqual(['ALL']);
      expect(service.security_opt).toContain('no-new-privileges:true');
      expect(service.read_only).toBe(true);
    }
    for (const service of [backend, nginx]) {
      expect(service.env_file ?? '.env').toBe('.env');
      expect(service.restart).toBe('unless-stopped');
      expect(service.user).toBeUndefined(); // the images' own non-root users
    }
    expect(certs.env_file).toBeUndefined(); // no secrets where they are not needed
    expect(backend.env_file).toBe('.env');
  });

  test('the certs service gives nginx (uid 101) the key, readable by it alone', () => {
    const script = readFileSync(join(STACK.root, 'docker/install-certs.sh'), 'utf8');
    expect(script).toMatch(/^owner=101:101$/m);
    expect(script).toContain('[ "$file" = privkey.pem ] && mode=0400');
    expect(script).toMatch(/mv -f "\$to\/\.\$file\.new" "\$to\/\$file"/);
    const nginxImage = readFileSync(join(STACK.root, 'frontend/Dockerfile'), 'utf8');
    expect(nginxImage).toContain('COPY docker/install-certs.sh /usr/local/bin/stracker-install-certs');
  });

  test('the backend image runs as non-root with a health check and a data volume', () => {
    const dockerfile = readFileSync(join(STACK.root, 'backend/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/api\/health/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    // Production dependencies are the build's, pruned: better-sqlite3 is compiled once.
    expect(dockerfile).toContain('npm prune --omit=dev');
    expect(dockerfile.match(/npm ci /g)).toHaveLength(1);
    // The operator's tool is on PATH and runs the built admin CLI.
    expect(dockerfile).toContain('COPY docker/stracker-admin /usr/local/bin/stracker-admin');
    expect(readFileSync(join(STACK.root, 'docker/stracker-admin'), 'utf8')).toMatch(/^exec node \/app\/backend\/dist\/bin\/admin\.js "\$@"$/m);
    // The image starts the API with the same V8 heap limits as `npm start`.
    const startProd = JSON.parse(readFileSync(join(STACK.root, 'backend/package.json'), 'utf8')).scripts['start:prod'] as string;
    const flags = startProd.split(' ').filter((word) => word.startsWith('--'));
    expect(flags.length).toBeGreaterThan(0);
    expect(dockerfile).toContain(`CMD ["node", ${flags.map((f) => JSON.stringify(f)).join(', ')}, "backend/dist/main.js"]`);
    const nginxImage = readFileSync(join(STACK.root, 'frontend/Dockerfile'), 'utf8');
    expect(nginxImage).toContain('COPY nginx.conf /etc/nginx/nginx.conf');
    expect(nginxImage).toMatch(/nginx-unprivileged/);
  });
});
