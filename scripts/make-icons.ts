/**
 * Draws the toolbar icons (a rounded square with a speech bubble and a person) as PNGs.
 * Run with `npx tsx scripts/make-icons.ts`; the output is committed under public/icon/.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const BRAND: Rgba = [46, 91, 255, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const SUPERSAMPLE = 4;

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function encodePng(size: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0;
    rows.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Colour of the unit-square point (x, y), or null where the icon is transparent. */
function shade(x: number, y: number): Rgba | null {
  const radius = 0.2;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return null;
  const inBubble =
    ((x - 0.5) / 0.32) ** 2 + ((y - 0.46) / 0.26) ** 2 <= 1 ||
    (x > 0.28 && x < 0.42 && y > 0.62 && y < 0.8 && x - 0.28 > (y - 0.62) * 0.8);
  if (!inBubble) return BRAND;
  const inHead = (x - 0.5) ** 2 + (y - 0.38) ** 2 <= 0.075 ** 2;
  const inShoulders = ((x - 0.5) / 0.14) ** 2 + ((y - 0.58) / 0.09) ** 2 <= 1 && y < 0.6;
  return inHead || inShoulders ? BRAND : WHITE;
}

function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [red, green, blue, alpha] = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = shade((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!colour) continue;
          const [r, g, b, a] = colour;
          red += r * a;
          green += g * a;
          blue += b * a;
          alpha += a;
        }
      }
      const samples = SUPERSAMPLE * SUPERSAMPLE;
      const offset = (py * size + px) * 4;
      pixels.set(alpha ? [red / alpha, green / alpha, blue / alpha].map(Math.round) : [0, 0, 0], offset);
      pixels[offset + 3] = Math.round(alpha / samples);
    }
  }
  return pixels;
}

for (const size of [16, 32, 48, 128]) {
  writeFileSync(new URL(`../public/icon/${size}.png`, import.meta.url), encodePng(size, drawIcon(size)));
}
