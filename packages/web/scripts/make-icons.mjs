// Draws the app icons (PNG, no dependencies) into public/icons: a teal tile with a rising equity line.
// Run `npm run icons -w @closeout/web` after changing the design; the PNGs are committed.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BG = [15, 118, 110];
const FG = [255, 255, 255];
const LINE = [
  [0.2, 0.68],
  [0.38, 0.5],
  [0.52, 0.6],
  [0.8, 0.3],
];

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (const byte of buf) {
    c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    sig,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size, { maskable }) {
  const scale = maskable ? 0.75 : 1;
  const radius = maskable ? 0 : 0.22 * size;
  const stroke = 0.065 * size * scale;
  const pts = LINE.map(([x, y]) => [(0.5 + (x - 0.5) * scale) * size, (0.5 + (y - 0.5) * scale) * size]);
  return png(size, (x, y) => {
    const cx = Math.min(Math.max(x, radius), size - radius);
    const cy = Math.min(Math.max(y, radius), size - radius);
    const outside = Math.hypot(x - cx, y - cy) - radius;
    if (outside > 0.5) return [0, 0, 0, 0];
    let d = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < pts.length; i++) d = Math.min(d, segmentDistance(x, y, pts[i], pts[i + 1]));
    const last = pts[pts.length - 1];
    d = Math.min(d, Math.hypot(x - last[0], y - last[1]) - stroke * 0.6);
    const cover = Math.max(0, Math.min(1, stroke / 2 - d + 0.5));
    const alpha = Math.round(255 * Math.max(0, Math.min(1, 0.5 - outside)));
    return [0, 1, 2].map((i) => Math.round(BG[i] + (FG[i] - BG[i]) * cover)).concat(alpha);
  });
}

const out = new URL("../public/icons/", import.meta.url);
writeFileSync(new URL("icon-192.png", out), icon(192, { maskable: false }));
writeFileSync(new URL("icon-512.png", out), icon(512, { maskable: false }));
writeFileSync(new URL("maskable-512.png", out), icon(512, { maskable: true }));
