import * as assert from 'node:assert/strict';
import { checkPhotoFile, MAX_PHOTO_BYTES, changedFields, fieldMessages, validateField } from '../../src/editing/userFieldRules';
import type { User } from '../../src/kantata/types';
import { coloredSquarePng } from '../sandbox/png';

const user: User = { id: '1', fullName: 'Kim Park', emailAddress: 'kim@example.com', headline: 'Analyst' };

describe('editing a user: the rules checked as the user types', () => {
  it('name not blank, email well formed, lengths sane', () => {
    assert.equal(validateField('fullName', '   '), "The name can't be blank.");
    assert.equal(validateField('fullName', 'Kim'), undefined);
    assert.match(validateField('fullName', 'x'.repeat(256)) ?? '', /at most 255 characters \(this is 256\)/);
    assert.equal(validateField('headline', ''), undefined);
    for (const bad of ['', 'kim', 'kim@', 'kim@example', 'kim @example.com', 'a@b@c.de', 'kim@example..com', '<kim@example.com>']) {
      assert.ok(validateField('emailAddress', bad), bad);
    }
    assert.equal(validateField('emailAddress', ' kim.park+x@mail.example.co.uk '), undefined);
  });

  it('only changed fields are sent, trimmed', () => {
    assert.deepEqual(changedFields(user, { fullName: ' Kim Park ', headline: 'Lead Analyst ' }), { headline: 'Lead Analyst' });
    assert.deepEqual(changedFields(user, {}), {});
  });

  it('a stored value with spaces around it, accepted as it was, is not a change', () => {
    const spaced = { ...user, fullName: '  Kim Park ', headline: 'Analyst\t' };
    assert.deepEqual(changedFields(spaced, { fullName: spaced.fullName, headline: 'Analyst' }), {});
    assert.deepEqual(changedFields(spaced, { fullName: ' Kim  Park' }), { fullName: 'Kim  Park' });
  });

  it("a 422's messages map onto the fields; others stay apart", () => {
    assert.deepEqual(
      fieldMessages([
        { field: 'email_address', message: 'is invalid' },
        { field: 'email_address', message: 'is taken' },
        { field: 'full_name', message: "can't be blank" },
        { field: 'photo', message: 'is too big' },
        { message: 'Something else' },
      ]),
      { byField: { emailAddress: 'is invalid; is taken', fullName: "can't be blank" }, other: ['photo is too big', 'Something else'] },
    );
  });
});

describe('checking a photo before upload', () => {
  it('accepts a PNG whatever its name, and names and types it after what it is', () => {
    const result = checkPhotoFile('holiday.gif', coloredSquarePng([1, 2, 3]));
    assert.ok(result.ok);
    assert.equal(result.file.fileName, 'holiday.png');
    assert.equal(result.file.contentType, 'image/png');
  });

  it('refuses empty, too big, and non-image files', () => {
    assert.deepEqual(checkPhotoFile('a.png', new Uint8Array()), { ok: false, message: 'a.png is empty.' });
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(coloredSquarePng([1, 2, 3]));
    assert.match((checkPhotoFile('big.png', big) as { message: string }).message, /at most 10 MB/);
    assert.ok(checkPhotoFile('max.png', big.subarray(0, MAX_PHOTO_BYTES)).ok, 'exactly 10 MB is allowed');
    assert.deepEqual(checkPhotoFile('x.jpg', Buffer.from('<svg/>')), { ok: false, message: 'x.jpg is not a PNG, JPEG or GIF image.' });
    const webp = Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1');
    assert.equal(checkPhotoFile('x.webp', webp).ok, false, 'WebP is not one of the formats offered');
  });
});
