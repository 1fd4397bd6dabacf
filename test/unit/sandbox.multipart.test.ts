import * as assert from 'node:assert/strict';
import { boundaryOf, MultipartError, parseMultipart } from '../sandbox/multipart';
import { parseRailsForm } from '../sandbox/railsForm';
import { startSandbox } from '../sandbox/server';
import { call, errorsOf } from '../support/sandboxHttp';

const crlf = (...lines: (string | Buffer)[]) => Buffer.concat(lines.map((line) => (typeof line === 'string' ? Buffer.from(line, 'utf8') : line)));

describe('sandbox: the multipart/form-data parser', () => {
  it('reads the boundary from the content type, quoted or not', () => {
    assert.equal(boundaryOf('multipart/form-data; boundary=----abc123'), '----abc123');
    assert.equal(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="with space"'), 'with space');
    assert.equal(boundaryOf('multipart/form-data'), undefined);
    assert.equal(boundaryOf('application/json; boundary=x'), undefined);
    assert.equal(boundaryOf(`multipart/form-data; boundary=${'x'.repeat(71)}`), undefined, 'at most 70 characters');
  });

  it('splits fields and files, binary-safe, with preamble and epilogue', () => {
    const binary = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0x58, 0xff, 0x0d, 0x0a]); // CR LF and dashes inside the data
    const body = crlf(
      'a preamble to ignore\r\n',
      '--XyZ\r\n',
      'Content-Disposition: form-data; name="user[full_name]"\r\n\r\n',
      'Zoë Ó Súilleabháin\r\n',
      '--XyZ  \r\n', // transport padding before the CRLF
      'content-disposition: form-data; name="user[profile_photo_attachment_file]"; filename="a \\"b\\".png"\r\n',
      'Content-Type: image/png\r\n\r\n',
      binary,
      '\r\n--XyZ--\r\n',
      'an epilogue to ignore',
    );
    const form = parseMultipart(body, 'XyZ');
    assert.deepEqual(form.fields, { 'user[full_name]': 'Zoë Ó Súilleabháin' });
    assert.equal(form.files.length, 1);
    const [file] = form.files;
    assert.deepEqual([file!.field, file!.filename, file!.contentType], ['user[profile_photo_attachment_file]', 'a "b".png', 'image/png']);
    assert.deepEqual(file!.data, binary);
  });

  it('decodes RFC 5987 file names and defaults the content type', () => {
    const body = crlf('--b\r\n', "Content-Disposition: form-data; name=\"f\"; filename=\"x.png\"; filename*=UTF-8''%E2%82%AC%20r%C3%A9sum%C3%A9.png\r\n\r\n", 'data', '\r\n--b--');
    const [file] = parseMultipart(body, 'b').files;
    assert.equal(file!.filename, '€ résumé.png');
    assert.equal(file!.contentType, 'application/octet-stream');
  });

  it('rejects malformed bodies', () => {
    const cases: [string, Buffer][] = [
      ['no delimiter', crlf('just text')],
      ['unterminated part', crlf('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue')],
      ['no blank line after headers', crlf('--b\r\nContent-Disposition: form-data; name="a"\r\nvalue\r\n--b--')],
      ['no content-disposition', crlf('--b\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--b--')],
      ['no name', crlf('--b\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--b--')],
      ['delimiter line without CRLF', crlf('--bXContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--b--')],
    ];
    for (const [what, body] of cases) {
      assert.throws(() => parseMultipart(body, 'b'), MultipartError, what);
    }
  });

  it('parses Rails-style form keys into nested objects', () => {
    assert.deepEqual(parseRailsForm('user%5Bfull_name%5D=Ann&user%5Bexternal_reference%5D%5Bservice_name%5D=jira&plain=1'), {
      user: { full_name: 'Ann', external_reference: { service_name: 'jira' } },
      plain: '1',
    });
  });

  it('answers 400 to a multipart body it cannot parse, and 422 to a chunked upload over 10 MB', async () => {
    const sandbox = await startSandbox();
    try {
      const path = `/users/${sandbox.adminUserId}/profile_photo`;
      const broken = await call(sandbox, path, { method: 'POST', body: 'garbage', headers: { 'content-type': 'multipart/form-data; boundary=zzz' } });
      assert.match(errorsOf(broken, 400)[0]!.message, /Malformed multipart\/form-data body/);

      // No Content-Length: the sandbox stops reading at the limit and still answers.
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) {
            controller.enqueue(Buffer.from('--zzz\r\nContent-Disposition: form-data; name="user[profile_photo_attachment_file]"; filename="a.png"\r\n\r\n'));
          }
          if (sent++ < 12) {
            controller.enqueue(chunk);
          } else {
            controller.enqueue(Buffer.from('\r\n--zzz--\r\n'));
            controller.close();
          }
        },
      });
      const response = await fetch(`${sandbox.baseUrl}${path}`, {
        method: 'POST',
        body: stream,
        headers: { authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'multipart/form-data; boundary=zzz' },
        duplex: 'half',
      } as RequestInit);
      assert.equal(response.status, 422);
      const body = (await response.json()) as { errors: { field: string }[] };
      assert.equal(body.errors[0]!.field, 'profile_photo_attachment_file');
    } finally {
      await sandbox.close();
    }
  });
});
