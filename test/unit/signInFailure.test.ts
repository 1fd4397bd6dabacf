import * as assert from 'node:assert/strict';
import { SecretStorageError } from '../../src/accounts/accountStore';
import { describeSignInFailure, REJECTED_TOKEN_MESSAGE } from '../../src/accounts/signInFailure';
import { parseBaseUrl } from '../../src/kantata/baseUrl';
import { KantataError } from '../../src/kantata/errors';
import { badResponse, errorFromTransport } from '../../src/kantata/httpErrors';

describe('what the sign-in box says when a token is not accepted', () => {
  it('only a 401 from Kantata calls the token rejected', () => {
    const unauthorized = new KantataError({ kind: 'unauthorized', userMessage: 'x', remedies: ['signIn'], status: 401 });
    assert.equal(describeSignInFailure(unauthorized), REJECTED_TOKEN_MESSAGE);
    const others = [
      errorFromTransport('ECONNREFUSED', '127.0.0.1:9', 'connect ECONNREFUSED'),
      errorFromTransport('ENOTFOUND', 'kantata.invalid', 'getaddrinfo ENOTFOUND'),
      new KantataError({ kind: 'timeout', userMessage: "Kantata didn't answer within 30 seconds.", remedies: ['retry', 'openSettings'] }),
      badResponse('example.com', 'not JSON'),
      new KantataError({ kind: 'server', userMessage: 'Kantata had a problem (HTTP 500).', remedies: ['retry'], status: 500 }),
      new SecretStorageError('save', new Error('Cannot create an item in a locked collection')),
      new Error('boom'),
    ];
    for (const error of others) {
      assert.doesNotMatch(describeSignInFailure(error), /rejected/i, String(error));
    }
  });

  it('offers a retry when one can help, and points at the base URL setting when it can be wrong', () => {
    const refused = describeSignInFailure(errorFromTransport('ECONNREFUSED', '127.0.0.1:9', 'connect ECONNREFUSED'));
    assert.match(refused, /^Couldn't connect to 127\.0\.0\.1:9/);
    assert.match(refused, /Press Enter to try again\.$/);
    assert.equal(refused.match(/base URL setting/g)?.length, 1, 'the setting is mentioned once');
    const timeout = describeSignInFailure(
      new KantataError({ kind: 'timeout', userMessage: "Kantata didn't answer within 30 seconds.", remedies: ['retry', 'openSettings'] }),
    );
    assert.match(timeout, /Press Enter to try again\. Check the Kantata base URL setting \(gear button\)\.$/);
  });

  it('explains a base URL the client refuses', () => {
    let error: unknown;
    try {
      parseBaseUrl('http://kantata.example.com/api/v1');
    } catch (thrown) {
      error = thrown;
    }
    assert.match(describeSignInFailure(error), /must start with https:\/\//);
  });

  it('explains a keyring failure with its fix', () => {
    const message = describeSignInFailure(new SecretStorageError('save', new Error('Cannot create an item in a locked collection')));
    assert.match(message, /couldn't be stored/);
    assert.match(message, /GNOME Keyring or KWallet/);
    assert.match(message, /--password-store=basic/);
  });
});
