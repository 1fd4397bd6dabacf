// The API client's errors, the sign-in box's explanations and the settings' problems in German, as a user whose
// VS Code speaks German reads them: from the sandbox through the client (the real lookup, the real bundle), and
// from the error mapping for what the sandbox cannot stage. A message whose key no longer matches the bundle falls
// back to English, and these tests then fail.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { SecretStorageError } from '../../src/accounts/accountStore';
import { describeSignInFailure, REJECTED_TOKEN_MESSAGE } from '../../src/accounts/signInFailure';
import { parseBaseUrl } from '../../src/kantata/baseUrl';
import { KantataClient, KantataClientOptions } from '../../src/kantata/client';
import { asKantataError, cancelledError, KantataError, notSignedInError } from '../../src/kantata/errors';
import { errorFromResponse, errorFromTransport } from '../../src/kantata/httpErrors';
import { proxySettingProblem } from '../../src/kantata/networkAgents';
import { readCaFile } from '../../src/settings/caFiles';
import { Sandbox, startSandbox } from '../sandbox/server';
import { germanBundle, inGerman } from '../support/inGerman';
import { rejectsWith } from '../support/kantataErrors';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  assert.fail('expected it to throw');
}

describe('in German: what the API client says when a request fails (against the sandbox)', function () {
  this.timeout(30_000);
  inGerman();
  let sandbox: Sandbox;

  const client = (overrides: Partial<KantataClientOptions> & { token?: string } = {}) =>
    new KantataClient({ baseUrl: sandbox.baseUrl, getToken: async () => overrides.token ?? sandbox.adminToken, version: 't', retry: { maxAttempts: 1 }, ...overrides });

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });
  afterEach(() => sandbox.reset());

  it('401: the token is rejected', async () => {
    const error = await rejectsWith(client({ token: 'wrong-token' }).me(), 'unauthorized');
    assert.equal(error.userMessage, 'Kantata hat Ihr Token abgelehnt: Möglicherweise wurde es widerrufen. Melden Sie sich erneut an.');
  });

  it('403: no permission, with Kantata’s own message kept as it is', async () => {
    const error = await rejectsWith(client({ token: sandbox.memberToken }).updateUser(sandbox.adminUserId, { headline: 'x' }), 'forbidden');
    assert.match(error.userMessage, /^Dazu fehlt Ihnen in Kantata die Berechtigung: Wenden Sie sich an einen Kontoadministrator, wenn Sie sie benötigen\. Kantata meldete: \S/);
  });

  it('404: an unknown user', async () => {
    const error = await rejectsWith(client().getUser('999999999'), 'notFound');
    assert.equal(error.userMessage, 'Kantata konnte es nicht finden: Möglicherweise wurde es gelöscht, deaktiviert oder für Sie ausgeblendet.');
  });

  it('422: a refused change names what Kantata refused', async () => {
    const error = await rejectsWith(client().updateUser(sandbox.adminUserId, { fullName: ' ', emailAddress: 'nope' }), 'validation');
    assert.match(error.userMessage, /^Kantata hat die Änderung nicht angenommen: \S/);
  });

  it('429: too many requests, with the wait', async () => {
    sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 120 });
    const error = await rejectsWith(client().me(), 'rateLimited');
    assert.equal(error.userMessage, 'Kantata erhält zu viele Anfragen. Versuchen Sie es in 2 Minuten erneut.');
  });

  it('5xx: unavailable, and any other server problem', async () => {
    sandbox.injectFault({ kind: 'status', status: 503 });
    assert.equal((await rejectsWith(client().me(), 'server')).userMessage, 'Kantata ist gerade nicht verfügbar (HTTP 503). Versuchen Sie es gleich noch einmal.');
    sandbox.injectFault({ kind: 'status', status: 500 });
    assert.equal((await rejectsWith(client().me(), 'server')).userMessage, 'Bei Kantata ist ein Problem aufgetreten (HTTP 500). Versuchen Sie es gleich noch einmal.');
  });

  it('time-out: no answer in time', async () => {
    sandbox.injectFault({ kind: 'hang' });
    const error = await rejectsWith(client({ timeoutMs: 1000 }).me(), 'timeout');
    assert.equal(error.userMessage, 'Kantata hat nicht innerhalb von 1 Sekunde geantwortet. Versuchen Sie es erneut, oder lassen Sie in den Einstellungen mehr Zeit zu.');
  });

  it('network: a refused connection', async () => {
    const gone = await startSandbox();
    const baseUrl = gone.baseUrl;
    const host = new URL(baseUrl).host;
    await gone.close();
    const error = await rejectsWith(client({ baseUrl }).me(), 'network');
    assert.equal(
      error.userMessage,
      `Keine Verbindung zu ${host}: Die Verbindung wurde abgelehnt. Prüfen Sie die Einstellung für die Kantata-Basis-URL, oder versuchen Sie es später erneut.`,
    );
  });

  it('an answer that is not JSON, and a web page where the API should be', async () => {
    const host = new URL(sandbox.baseUrl).host;
    sandbox.injectFault({ kind: 'malformedJson' });
    const unreadable = await rejectsWith(client().me(), 'badResponse');
    assert.match(unreadable.userMessage, /^Kantata hat eine Antwort gesendet, die die Erweiterung nicht lesen konnte \(die Antwort ist kein gültiges JSON\)\. Prüfen Sie/);
    assert.match(unreadable.detail ?? '', /non-JSON/, 'the log keeps its English detail');
    sandbox.injectFault({ kind: 'body', body: '<html><body>Portal</body></html>', contentType: 'text/html' });
    const page = await rejectsWith(client().me(), 'badResponse');
    assert.equal(
      page.userMessage,
      `Der Server ${host} antwortet nicht wie die Kantata-API (HTTP 200 mit einer Webseite statt Daten). Prüfen Sie die Einstellung für die Kantata-Basis-URL.`,
    );
  });

  it('not signed in, and cancelled', async () => {
    const signedOut = new KantataClient({ baseUrl: sandbox.baseUrl, getToken: async () => undefined, version: 't' });
    assert.equal((await rejectsWith(signedOut.me(), 'unauthorized')).userMessage, 'Sie sind nicht bei Kantata angemeldet.');
    assert.equal((await rejectsWith(client().me(undefined, { signal: AbortSignal.abort() }), 'cancelled')).userMessage, 'Die Anfrage an Kantata wurde abgebrochen.');
  });
});

describe('in German: the error mapping, the sign-in box and the settings', () => {
  inGerman();

  it('statuses the sandbox does not stage: a 422 to a read, a redirect, a 429 without a wait', () => {
    const common = { text: '', host: 'kantata.example', contentType: undefined };
    assert.equal(
      errorFromResponse({ ...common, status: 422, method: 'GET', text: '{"errors":[{"message":"bad filter"}]}' }).userMessage,
      'Kantata konnte die Anfrage nicht verarbeiten (HTTP 422). Versuchen Sie es erneut; wenn das weiterhin passiert, prüfen Sie die Einstellung für die Kantata-Basis-URL. Kantata meldete: bad filter',
    );
    assert.match(errorFromResponse({ ...common, status: 302 }).userMessage, /^Der Server kantata\.example hat die Anfrage umgeleitet \(HTTP 302\); die Kantata-API tut das nicht\./);
    assert.equal(errorFromResponse({ ...common, status: 429 }).userMessage, 'Kantata erhält zu viele Anfragen. Warten Sie einen Moment, und versuchen Sie es dann erneut.');
    assert.equal(errorFromResponse({ ...common, status: 429, retryAfter: '1' }).userMessage, 'Kantata erhält zu viele Anfragen. Versuchen Sie es in 1 Sekunde erneut.');
  });

  it('network failures: an unknown host, a proxy, a certificate, anything else', () => {
    assert.equal(
      errorFromTransport('ENOTFOUND', 'kantata.invalid', 'getaddrinfo ENOTFOUND').userMessage,
      'Der Server kantata.invalid wurde nicht gefunden. Prüfen Sie Ihre Netzwerkverbindung und die Einstellung für die Kantata-Basis-URL.',
    );
    assert.equal(
      errorFromTransport('ECONNREFUSED', 'kantata.example', 'connect ECONNREFUSED', { proxyHost: 'proxy:3128' }).userMessage,
      'kantata.example war über den Proxy proxy:3128 nicht erreichbar (ECONNREFUSED). Prüfen Sie die Einstellung http.proxy oder die Variable HTTPS_PROXY.',
    );
    assert.match(
      errorFromTransport('SELF_SIGNED_CERT_IN_CHAIN', 'kantata.example', 'self-signed', { caCertificatesSetting: 'kantata.caCertificates' }).userMessage,
      /^Dem Zertifikat von kantata\.example wird nicht vertraut \(SELF_SIGNED_CERT_IN_CHAIN\)\..* der Einstellung kantata\.caCertificates hinzu\.$/,
    );
    assert.equal(
      errorFromTransport(undefined, 'kantata.example', 'socket hang up').userMessage,
      'Die Anfrage an kantata.example ist fehlgeschlagen: socket hang up. Prüfen Sie Ihre Verbindung, und versuchen Sie es erneut.',
    );
    assert.equal(asKantataError(new TypeError('x is undefined'), 'Das Laden der Teammitglieder').userMessage, 'Das Laden der Teammitglieder ist unerwartet fehlgeschlagen: TypeError: x is undefined');
  });

  it('the sign-in box: a rejected token, a retry, the base URL setting named once, a keyring failure', () => {
    const unauthorized = new KantataError({ kind: 'unauthorized', userMessage: 'x', remedies: ['signIn'], status: 401 });
    assert.equal(describeSignInFailure(unauthorized), 'Kantata hat dieses Token abgelehnt. Prüfen Sie, ob Sie es vollständig kopiert haben und ob es nicht widerrufen wurde.');
    assert.notEqual(describeSignInFailure(unauthorized), REJECTED_TOKEN_MESSAGE);
    const refused = describeSignInFailure(errorFromTransport('ECONNREFUSED', '127.0.0.1:9', 'connect ECONNREFUSED'));
    assert.match(refused, /Drücken Sie die Eingabetaste, um es erneut zu versuchen\.$/);
    assert.equal(refused.match(/Kantata-Basis-URL/g)?.length, 1, 'the setting is named once, whatever the language');
    const timedOut = describeSignInFailure(new KantataError({ kind: 'timeout', userMessage: 'Zu langsam.', remedies: ['retry', 'openSettings'] }));
    assert.match(timedOut, /Prüfen Sie die Einstellung für die Kantata-Basis-URL \(Zahnradschaltfläche\)\.$/);
    const keyring = describeSignInFailure(new SecretStorageError('save', new Error('locked collection')));
    assert.equal(
      keyring,
      'Kantata hat das Token angenommen, aber es konnte nicht gespeichert werden. VS Code konnte Ihr Kantata-Token nicht im Schlüsselbund des Systems speichern (locked collection). ' +
        'Installieren und entsperren Sie unter Linux einen Schlüsselbund wie GNOME Keyring oder KWallet, oder starten Sie VS Code mit --password-store=basic.',
    );
  });

  it('settings: a base URL, a proxy and a CA file that cannot be used', () => {
    const error = thrown(() => parseBaseUrl('http://kantata.example.com/api/v1'));
    assert.ok(error instanceof KantataError);
    assert.equal(error.userMessage, 'Die Kantata-Basis-URL „http://kantata.example.com/api/v1“ muss mit https:// beginnen (unverschlüsseltes http ist nur für Server auf diesem Computer erlaubt).');
    assert.match(proxySettingProblem('http:/127.0.0.1:3128', 'off') ?? '', /^Der Proxy „http:\/127\.0\.0\.1:3128“ ist keine http:\/\/- oder https:\/\/-Proxyadresse/);
    assert.deepEqual(readCaFile('relative/ca.pem'), { problem: 'relative/ca.pem ist kein vollständiger Pfad (schreiben Sie ihn etwa so: /etc/ssl/certs/company-ca.pem).' });
    assert.deepEqual(readCaFile('/nonexistent/kantata-ca.pem'), { problem: '/nonexistent/kantata-ca.pem existiert nicht.' });
  });

  it('every German string of the bundle is one `l10n.t` finds (the bundle is the one set)', () => {
    const bundle = germanBundle();
    assert.equal(l10n.t('Show Logs'), bundle['Show Logs']);
    assert.equal(notSignedInError().userMessage, bundle["You're not signed in to Kantata."]);
    assert.equal(cancelledError().userMessage, bundle['The request to Kantata was cancelled.']);
  });
});

describe('in English again after a German suite', () => {
  it('speaks English by default', () => {
    assert.equal(notSignedInError().userMessage, "You're not signed in to Kantata.");
    assert.equal(describeSignInFailure(new KantataError({ kind: 'unauthorized', userMessage: 'x' })), REJECTED_TOKEN_MESSAGE);
  });
});
