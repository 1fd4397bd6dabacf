import { deflateSync } from 'node:zlib';

/** A tiny PNG encoder (8-bit RGB, no interlace): enough for avatars, with no image library. */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export type Rgb = readonly [number, number, number];

/** Encodes `width`×`height` pixels, asking `pixel(x, y)` for each colour. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  // compression, filter and interlace methods: all 0
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter type: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const offset = y * stride + 1 + x * 3;
      raw[offset] = r;
      raw[offset + 1] = g;
      raw[offset + 2] = b;
    }
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const AVATAR_SIZE = 64;

/** A user's seeded photo: a coloured square with a lighter inner square, so it reads as a picture. */
export function coloredSquarePng(color: Rgb): Buffer {
  const light: Rgb = [Math.min(255, color[0] + 60), Math.min(255, color[1] + 60), Math.min(255, color[2] + 60)];
  return encodePng(AVATAR_SIZE, AVATAR_SIZE, (x, y) => (x >= 16 && x < 48 && y >= 16 && y < 48 ? light : color));
}

/** The shared default avatar: a grey head-and-shoulders silhouette on a light background. */
export function defaultAvatarPng(): Buffer {
  const background: Rgb = [226, 230, 234];
  const figure: Rgb = [160, 168, 176];
  const c = AVATAR_SIZE / 2;
  return encodePng(AVATAR_SIZE, AVATAR_SIZE, (x, y) => {
    const head = (x - c) ** 2 + (y - 24) ** 2 <= 11 ** 2;
    const shoulders = y >= 40 && (x - c) ** 2 / 22 ** 2 + (y - 62) ** 2 / 22 ** 2 <= 1;
    return head || shoulders ? figure : background;
  });
}

/** The image type of some bytes by their magic number, or undefined when they are not PNG, JPEG or GIF. */
export function imageTypeOf(bytes: Uint8Array): { contentType: string; ext: string } | undefined {
  const starts = (...magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) {
    return { contentType: 'image/png', ext: 'png' };
  }
  if (starts(0xff, 0xd8, 0xff)) {
    return { contentType: 'image/jpeg', ext: 'jpg' };
  }
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) {
    return { contentType: 'image/gif', ext: 'gif' };
  }
  return undefined;
}
