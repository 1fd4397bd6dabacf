import * as assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { coloredSquarePng, crc32, encodePng, imageTypeOf } from '../sandbox/png';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { call, errorsOf, singleUser } from '../support/sandboxHttp';

const FIELD = 'user[profile_photo_attachment_file]';
const ids = NOTABLE_USER_IDS;

/** A photo upload as a browser or client sends it: multipart built by fetch's FormData. */
function photoForm(data: Uint8Array, filename: string, type: string, field = FIELD): FormData {
  const form = new FormData();
  form.append(field, new Blob([data], { type }), filename);
  return form;
}

/** Reads a PNG back: its size, and the raw (filtered) scanlines; checks every chunk's CRC. */
function decodePng(bytes: Buffer): { width: number; height: number; raw: Buffer } {
  assert.deepEqual(bytes.subarray(0, 8), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString('latin1');
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    assert.equal(bytes.readUInt32BE(offset + 8 + length), crc32(bytes.subarray(offset + 4, offset + 8 + length)), `CRC of ${type}`);
    if (type === 'IHDR') {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  return { width, height, raw: inflateSync(Buffer.concat(idat)) };
}

describe('sandbox: profile photos', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const upload = (id: string, form: FormData, token?: string) => call(sandbox, `/users/${id}/profile_photo`, { method: 'POST', body: form, token });

  it('stores a multipart upload and serves the same bytes at a new photo_path', async () => {
    const before = singleUser(await call(sandbox, '/users/me')).photo_path;
    const png = encodePng(3, 2, (x, y) => [x * 80, y * 120, 200]);
    const first = singleUser(await upload(sandbox.adminUserId, photoForm(png, 'me.png', 'image/png')));
    assert.notEqual(first.photo_path, before);
    assert.match(first.photo_path, new RegExp(`^${sandbox.origin}/photos/${sandbox.adminUserId}/\\d+\\.png$`));
    const served = await fetch(first.photo_path);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);
    assert.equal(singleUser(await call(sandbox, '/users/me')).photo_path, first.photo_path, 'the user keeps the new photo');

    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7), Buffer.from([0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xd9])]);
    const second = singleUser(await upload(sandbox.adminUserId, photoForm(jpeg, 'photo.jpg', 'image/jpeg')));
    assert.notEqual(second.photo_path, first.photo_path, 'every upload gets a new URL, so caches bust');
    assert.match(second.photo_path, /\.jpg$/);
    assert.deepEqual(Buffer.from(await (await fetch(second.photo_path)).arrayBuffer()), jpeg, 'binary-safe, CRLF and dashes included');
    assert.equal((await fetch(first.photo_path)).status, 404, 'the old version is gone');
  });

  it('records the upload in the request log without the bytes', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    await upload(ids.accented, photoForm(gif, 'tiny.gif', 'image/gif'));
    const request = sandbox.requests.at(-1)!;
    assert.match(request.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    assert.deepEqual(request.body, { fields: {}, files: [{ field: FIELD, filename: 'tiny.gif', contentType: 'image/gif', size: gif.length }] });
  });

  it('resets the photo with DELETE: 204, empty body, back to the shared default avatar', async () => {
    const uploaded = singleUser(await upload(ids.accented, photoForm(coloredSquarePng([1, 2, 3]), 'a.png', 'image/png')));
    const result = await call(sandbox, `/users/${ids.accented}/profile_photo`, { method: 'DELETE' });
    assert.equal(result.status, 204);
    assert.equal(result.text, '');
    const user = singleUser(await call(sandbox, `/users/${ids.accented}`));
    assert.equal(user.photo_path, `${sandbox.origin}/photos/default.png`);
    assert.equal(user.photo_path, singleUser(await call(sandbox, `/users/${ids.noRole}`)).photo_path, 'one default URL for everyone');
    assert.equal((await fetch(uploaded.photo_path)).status, 404);
  });

  it('serves seeded photos and the default avatar as real PNGs with caching headers, without auth', async () => {
    for (const id of [ids.accented, ids.noRole]) {
      const url = singleUser(await call(sandbox, `/users/${id}`)).photo_path;
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/png');
      assert.match(response.headers.get('cache-control') ?? '', /max-age=\d+/);
      const etag = response.headers.get('etag');
      assert.ok(etag);
      const png = decodePng(Buffer.from(await response.arrayBuffer()));
      assert.deepEqual([png.width, png.height, png.raw.length], [64, 64, 64 * (64 * 3 + 1)]);
      assert.equal((await fetch(url, { headers: { 'if-none-match': etag } })).status, 304);
    }
    assert.equal(sandbox.requests.length, 2, 'photo requests are not in the API request log');
    assert.equal((await fetch(`${sandbox.origin}/photos/${ids.accented}/99.png`)).status, 404);
  });

  describe('errors', () => {
    it('422 when the file is missing, under another field name, or empty', async () => {
      const form = new FormData();
      form.append('user[full_name]', 'no file here');
      for (const body of [form, photoForm(coloredSquarePng([0, 0, 0]), 'a.png', 'image/png', 'file'), photoForm(new Uint8Array(0), '', 'application/octet-stream')]) {
        const errors = errorsOf(await upload(ids.accented, body), 422);
        assert.equal(errors[0]!.type, 'validation');
        assert.equal(errors[0]!.field, 'profile_photo_attachment_file');
      }
      const notMultipart = await call(sandbox, `/users/${ids.accented}/profile_photo`, { method: 'POST', body: { user: { profile_photo_attachment_file: 'abc' } } });
      assert.equal(errorsOf(notMultipart, 422)[0]!.field, 'profile_photo_attachment_file');
    });

    it('422 when the file is not a PNG, JPEG or GIF image, whatever its name and type say', async () => {
      const errors = errorsOf(await upload(ids.accented, photoForm(Buffer.from('%PDF-1.7 not an image'), 'photo.png', 'image/png')), 422);
      assert.deepEqual(errors, [{ type: 'validation', field: 'profile_photo_attachment_file', message: 'must be a PNG, JPEG or GIF image' }]);
    });

    it('422 when the file is over 10 MB, without reading it all', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
      coloredSquarePng([9, 9, 9]).copy(big);
      const errors = errorsOf(await upload(ids.accented, photoForm(big, 'huge.png', 'image/png')), 422);
      assert.match(errors[0]!.message, /must be smaller than 10 MB/);
      assert.equal(errors[0]!.field, 'profile_photo_attachment_file');
      const atLimit = Buffer.alloc(10 * 1024 * 1024, 0);
      coloredSquarePng([9, 9, 9]).copy(atLimit);
      singleUser(await upload(ids.accented, photoForm(atLimit, 'big.png', 'image/png'))); // exactly 10 MB is accepted
    });

    it('403 for a member changing someone else, 404 for someone unknown', async () => {
      const png = coloredSquarePng([5, 5, 5]);
      errorsOf(await upload(sandbox.adminUserId, photoForm(png, 'a.png', 'image/png'), sandbox.memberToken), 403);
      errorsOf(await call(sandbox, `/users/${sandbox.adminUserId}/profile_photo`, { method: 'DELETE', token: sandbox.memberToken }), 403);
      errorsOf(await upload('999999', photoForm(png, 'a.png', 'image/png')), 404);
      errorsOf(await call(sandbox, '/users/999999/profile_photo', { method: 'DELETE' }), 404);
      singleUser(await upload(sandbox.memberUserId, photoForm(png, 'me.png', 'image/png'), sandbox.memberToken));
    });
  });

  it('photo requests meet only the faults that name /photos/… paths, and only the answering kinds', async () => {
    const photo = `${sandbox.origin}/photos/default.png`;
    sandbox.injectFault({ kind: 'status', status: 500 }); // meant for the next API request: photos leave it alone
    sandbox.injectFault({ path: /^\/photos\//, kind: 'status', status: 503 });
    assert.equal((await fetch(photo)).status, 503);
    assert.equal((await fetch(photo)).status, 200, 'the fault was for one request');
    errorsOf(await call(sandbox, '/users/me'), 500);
    assert.deepEqual(
      sandbox.photoRequests.map((request) => request.path),
      ['/photos/default.png', '/photos/default.png'],
    );
  });

  it('recognises images by their magic bytes', () => {
    assert.deepEqual(imageTypeOf(coloredSquarePng([1, 2, 3])), { contentType: 'image/png', ext: 'png' });
    assert.deepEqual(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xdb])), { contentType: 'image/jpeg', ext: 'jpg' });
    assert.deepEqual(imageTypeOf(Buffer.from('GIF87a', 'latin1')), { contentType: 'image/gif', ext: 'gif' });
    assert.equal(imageTypeOf(Buffer.from('GIF12a', 'latin1')), undefined);
    assert.equal(imageTypeOf(Buffer.from('<svg/>')), undefined);
  });

  it('encodes pixels faithfully', () => {
    const png = decodePng(encodePng(2, 2, (x, y) => [x * 255, y * 255, 7]));
    // Each scanline: filter byte 0, then RGB triples.
    assert.deepEqual([...png.raw], [0, 0, 0, 7, 255, 0, 7, 0, 0, 255, 7, 255, 255, 7]);
  });
});
