// Reads a .vsix (a zip file) without any dependency: its entries from the central directory, and the bytes of
// one entry (stored or deflated). Enough for what vsce writes; no zip64, no encryption.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
  readonly method: number;
  readonly localHeaderOffset: number;
}

export function zipEntries(file: string): ZipEntry[] {
  const zip = fs.readFileSync(file);
  // The end-of-central-directory record: the last 0x06054b50 within 64 KB (+22) of the end.
  let end = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 65_557); offset--) {
    if (zip.readUInt32LE(offset) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) {
    throw new Error(`${file} is not a zip file`);
  }
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error(`${file}: bad central directory entry ${i}`);
    }
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function readZipEntry(file: string, name: string): Buffer {
  const entry = zipEntries(file).find((candidate) => candidate.name === name);
  if (!entry) {
    throw new Error(`${file} has no ${name}`);
  }
  const zip = fs.readFileSync(file);
  const local = entry.localHeaderOffset;
  if (zip.readUInt32LE(local) !== 0x04034b50) {
    throw new Error(`${file}: bad local header for ${name}`);
  }
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    return Buffer.from(data);
  }
  if (entry.method === 8) {
    return zlib.inflateRawSync(data);
  }
  throw new Error(`${file}: ${name} uses compression method ${entry.method}`);
}
