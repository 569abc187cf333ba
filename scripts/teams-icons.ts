/**
 * Draws the Teams app icons with a tiny PNG writer (node:zlib, no dependencies):
 * manifest/teams/color.png (192x192, the accent colour with a white mark) and
 * outline.png (32x32, white on transparent, as Teams requires). `tsx scripts/teams-icons.ts`
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type Rgba = [number, number, number, number];

/** An RGBA PNG from a pixel function. */
export function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Three linked circles (partners in an alliance), in a unit square. */
function mark(u: number, v: number): boolean {
  const centres: [number, number][] = [
    [0.5, 0.3],
    [0.3, 0.65],
    [0.7, 0.65],
  ];
  return centres.some(([cx, cy]) => {
    const d = Math.hypot(u - cx, v - cy);
    return d < 0.17 && d > 0.09;
  });
}

const ACCENT: Rgba = [0x1f, 0x6f, 0x8b, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

export function writeIcons(dir = 'manifest/teams'): void {
  writeFileSync(
    `${dir}/color.png`,
    png(192, (x, y) => (mark(x / 192, y / 192) ? WHITE : ACCENT)),
  );
  writeFileSync(
    `${dir}/outline.png`,
    png(32, (x, y) => (mark(x / 32, y / 32) ? WHITE : CLEAR)),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) writeIcons();
