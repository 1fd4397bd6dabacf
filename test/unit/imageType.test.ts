import * as assert from 'node:assert/strict';
import { sniffImageType } from '../../src/kantata/imageType';
import { coloredSquarePng } from '../sandbox/png';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('sniffImageType: what an image is, from its first bytes', () => {
  it('recognizes PNG, JPEG, GIF (87a and 89a) and WebP', () => {
    assert.equal(sniffImageType(coloredSquarePng([10, 20, 30])), 'png');
    assert.equal(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')), 'jpg');
    assert.equal(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xdb])), 'jpg');
    assert.equal(sniffImageType(bytes('GIF89a', [1, 0, 1, 0])), 'gif');
    assert.equal(sniffImageType(bytes('GIF87a')), 'gif');
    assert.equal(sniffImageType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')), 'webp');
  });

  it('rejects what is not one of them, whatever it pretends', () => {
    assert.equal(sniffImageType(bytes('<!DOCTYPE html><html>')), undefined);
    assert.equal(sniffImageType(bytes('{"errors":[]}')), undefined);
    assert.equal(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined, 'SVG can carry script');
    assert.equal(sniffImageType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')), undefined, 'a RIFF that is not WebP');
    assert.equal(sniffImageType(bytes('GIF90a')), undefined);
    assert.equal(sniffImageType(new Uint8Array()), undefined);
  });

  it('needs the whole signature: truncated files are not images', () => {
    assert.equal(sniffImageType(bytes([0x89, 0x50, 0x4e, 0x47])), undefined);
    assert.equal(sniffImageType(bytes([0xff, 0xd8])), undefined);
    assert.equal(sniffImageType(bytes('GIF8')), undefined);
    assert.equal(sniffImageType(bytes('RIFF', [0, 0, 0, 0], 'WEB')), undefined);
  });
});
