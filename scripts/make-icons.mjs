// Draws the app icons (a white funnel on teal) as PNGs with no dependencies: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function icon(size, { maskable }) {
  const teal = [15, 118, 110];
  const white = [255, 255, 255];
  const rows = [];
  const pad = maskable ? 0.2 : 0.1; // maskable icons keep the drawing inside the safe zone
  const radius = maskable ? 0 : size * 0.22;
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      // rounded-square background (full square when maskable)
      const cx = Math.min(Math.max(x, radius), size - radius);
      const cy = Math.min(Math.max(y, radius), size - radius);
      const inside = radius === 0 || (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
      // funnel: a wide trapezoid on top of a narrow spout, with two coins above
      const u = (x / size - pad) / (1 - 2 * pad);
      const v = (y / size - pad) / (1 - 2 * pad);
      const bowl = v >= 0.38 && v <= 0.68 && Math.abs(u - 0.5) <= 0.42 - (v - 0.38) * 1.15;
      const spout = v > 0.66 && v <= 0.92 && Math.abs(u - 0.5) <= 0.075;
      const coin = (u - 0.36) ** 2 + (v - 0.2) ** 2 <= 0.01 || (u - 0.62) ** 2 + (v - 0.12) ** 2 <= 0.008;
      const color = !inside ? null : bowl || spout || coin ? white : teal;
      row.push(...(color ? [...color, 255] : [0, 0, 0, 0]));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../frontend/public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', out), icon(512, { maskable: false }));
writeFileSync(new URL('icon-maskable-512.png', out), icon(512, { maskable: true }));
console.log('icons written');
