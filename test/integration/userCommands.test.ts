import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KantataTestApi } from '../../src/testApi';
import { coloredSquarePng } from '../sandbox/png';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension } from './support/extensionUnderTest';
import { ScriptedUserEditPrompts } from './support/scriptedUserEditPrompts';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { rowOf } from './support/teammatesRows';

describe('the user-editing commands', () => {
  let api: KantataTestApi;
  let sandbox: Sandbox;
  let folder: string;
  const writes = () => sandbox.requests.filter((request) => request.method !== 'GET');
  const me = () => ({ userId: sandbox.adminUserId });

  async function run(command: string, prompts: ScriptedUserEditPrompts, target: unknown = me()): Promise<unknown> {
    api.setUserEditPrompts(prompts);
    return vscode.commands.executeCommand(command, target);
  }

  before(async () => {
    api = await activateExtension();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-photos-'));
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  beforeEach(async () => {
    sandbox = await startSandbox();
    await afterLoad(api, () => signInTo(api, sandbox));
  });

  afterEach(async () => {
    api.setUserEditPrompts(undefined);
    await signOutAndReset(api);
    await sandbox.close();
  });

  describe('Kantata: Update User…', () => {
    it('sends one PUT with only the changed field, then shows the new value everywhere without a reload', async () => {
      const prompts = new ScriptedUserEditPrompts({ fields: ['fullName', 'headline'], values: { fullName: ['Alex Rivera'], headline: ['Staff Consultant'] } });
      assert.equal(await run('kantata.updateUser', prompts), 'updated');
      assert.deepEqual(writes().map((request) => [request.method, request.path, request.body]), [
        ['PUT', `/api/v1/users/${sandbox.adminUserId}`, { user: { headline: 'Staff Consultant' } }],
      ]);
      assert.deepEqual(prompts.infos, ['Updated Alex Rivera']);
      assert.equal(api.teammates.users?.find((user) => user.id === sandbox.adminUserId)?.headline, 'Staff Consultant');
      const state = api.session.state;
      assert.equal(state.kind === 'signedIn' && state.user?.headline, 'Staff Consultant');
      const node = rowOf(api, sandbox.adminUserId);
      assert.ok(node);
      assert.match(String(api.teammatesTree.item(node).description), /Staff Consultant/);
      assert.equal(sandbox.requests.filter((request) => request.path === '/api/v1/users').length, 1, 'the list was reloaded');
    });

    it('nothing changed: nothing is sent', async () => {
      const prompts = new ScriptedUserEditPrompts({ fields: ['fullName'], values: { fullName: ['  Alex Rivera '] } });
      assert.equal(await run('kantata.updateUser', prompts), 'unchanged');
      assert.deepEqual(writes(), []);
      assert.match(prompts.infos[0] ?? '', /^Nothing changed/);
    });

    it('a 422 reopens the box with the typed value and the server\'s message; the corrected value is sent', async () => {
      const current = api.teammates.users?.find((user) => user.id === sandbox.adminUserId)?.emailAddress;
      const prompts = new ScriptedUserEditPrompts({ fields: ['emailAddress'], values: { emailAddress: ['alex@@example', 'alex.rivera@example.com'] } });
      assert.equal(await run('kantata.updateUser', prompts), 'updated');
      assert.deepEqual(prompts.asked.map(({ value, error }) => ({ value, error })), [
        { value: current, error: undefined },
        { value: 'alex@@example', error: 'is invalid' },
      ]);
      assert.deepEqual(prompts.emailConfirmations, ['alex@@example', 'alex.rivera@example.com']);
      assert.deepEqual(writes().map((request) => request.status), [422, 200]);
    });

    it('a blank name comes back as the server\'s "can\'t be blank", under what was typed', async () => {
      const prompts = new ScriptedUserEditPrompts({ fields: ['fullName'], values: { fullName: [' ', 'Alex R. Rivera'] } });
      // The real box refuses a blank name as it is typed; sent anyway, the server's answer is shown the same way.
      assert.equal(await run('kantata.updateUser', prompts), 'updated');
      assert.deepEqual(prompts.asked[1], { field: 'fullName', value: ' ', error: "can't be blank" });
    });

    it('403: you may not edit someone else as a member', async () => {
      await signOutAndReset(api);
      await afterLoad(api, () => signInTo(api, sandbox, sandbox.memberToken));
      const prompts = new ScriptedUserEditPrompts({ fields: ['headline'], values: { headline: ['Boss'] } });
      const target = rowOf(api, sandbox.adminUserId);
      assert.ok(target);
      assert.equal(await run('kantata.updateUser', prompts, target), 'failed');
      assert.deepEqual(prompts.errors, ["You don't have permission to edit Alex Rivera: ask a Kantata account administrator to make the change."]);
    });

    it('404: someone Kantata no longer knows', async () => {
      const prompts = new ScriptedUserEditPrompts({ fields: ['headline'], values: { headline: ['x'] } });
      assert.equal(await run('kantata.updateUser', prompts, { userId: '999999' }), 'failed');
      assert.match(prompts.errors[0] ?? '', /couldn't find/);
      assert.deepEqual(writes(), []);
    });

    it('a network failure offers the same edit again, and nothing typed is lost', async () => {
      sandbox.injectFault({ method: 'PUT', kind: 'reset', times: 1 });
      const prompts = new ScriptedUserEditPrompts({ fields: ['headline'], values: { headline: ['Principal'] }, errorAnswers: ['Try Again'] });
      assert.equal(await run('kantata.updateUser', prompts), 'updated');
      assert.match(prompts.errors[0] ?? '', /^Couldn't update Alex Rivera: /);
      const puts = sandbox.requests.filter((request) => request.method === 'PUT');
      assert.equal(puts.length, 2);
      assert.deepEqual(puts[1]?.body, { user: { headline: 'Principal' } });
    });

    it('a 429 is waited out and retried by itself', async () => {
      sandbox.injectFault({ method: 'PUT', kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
      const prompts = new ScriptedUserEditPrompts({ fields: ['headline'], values: { headline: ['Patient'] } });
      assert.equal(await run('kantata.updateUser', prompts), 'updated');
      assert.deepEqual(sandbox.requests.filter((request) => request.method === 'PUT').map((request) => request.status), [429, 200]);
      assert.deepEqual(prompts.errors, []);
    });
  });

  describe('profile photos', () => {
    const write = (name: string, data: Uint8Array) => {
      const file = path.join(folder, name);
      fs.writeFileSync(file, data);
      return vscode.Uri.file(file);
    };

    it('refuses a file that is too big, not an image, missing, or not a regular file, without a request', async () => {
      const tooBig = write('huge.png', Buffer.concat([coloredSquarePng([1, 2, 3]), Buffer.alloc(10 * 1024 * 1024)]));
      const notImage = write('notes.png', Buffer.from('<html>not a picture</html>'));
      const missing = vscode.Uri.file(path.join(folder, 'gone.png'));
      // A FIFO nobody writes to: reading it would hang the command (and the extension host's file reads) for good.
      const pipe = path.join(folder, 'pipe.png');
      execFileSync('mkfifo', [pipe]);
      // 4 GB that take no disk: only stat may look at it, a read would fill the extension host's memory.
      const sparse = path.join(folder, 'sparse.png');
      fs.closeSync(fs.openSync(sparse, 'w'));
      fs.truncateSync(sparse, 4 * 1024 * 1024 * 1024);
      const directory = path.join(folder, 'album.png');
      fs.mkdirSync(directory);
      const messages: string[] = [];
      for (const photo of [tooBig, notImage, missing, vscode.Uri.file(pipe), vscode.Uri.file(sparse), vscode.Uri.file(directory)]) {
        const prompts = new ScriptedUserEditPrompts({ photo });
        assert.equal(await run('kantata.updateProfilePhoto', prompts), 'rejected');
        messages.push(...prompts.errors);
      }
      assert.match(messages[0] ?? '', /huge\.png is 10\.0 MB; a profile photo can be at most 10 MB\./);
      assert.equal(messages[1], 'notes.png is not a PNG, JPEG or GIF image.');
      assert.match(messages[2] ?? '', /gone\.png can't be read/);
      assert.equal(messages[3], 'pipe.png is not a file: choose a PNG, JPEG or GIF image.');
      assert.equal(messages[4], 'sparse.png is 4,096.0 MB; a profile photo can be at most 10 MB.');
      assert.equal(messages[5], 'album.png is not a file: choose a PNG, JPEG or GIF image.');
      assert.equal(messages.length, 6);
      assert.deepEqual(writes(), []);
    });

    it('uploads a real PNG named .gif as a PNG, and the new photo shows everywhere', async () => {
      const photo = write('holiday.gif', coloredSquarePng([200, 40, 90]));
      const before = api.teammates.users?.find((user) => user.id === sandbox.adminUserId)?.photoPath;
      const prompts = new ScriptedUserEditPrompts({ photo });
      assert.equal(await run('kantata.updateProfilePhoto', prompts), 'updated');
      const [upload] = writes();
      assert.equal(upload?.method, 'POST');
      assert.deepEqual(upload?.body, {
        fields: {},
        files: [{ field: 'user[profile_photo_attachment_file]', filename: 'holiday.png', contentType: 'image/png', size: fs.statSync(photo.fsPath).size }],
      });
      const after = api.teammates.users?.find((user) => user.id === sandbox.adminUserId)?.photoPath;
      assert.ok(after && after !== before, 'the tree still has the old photo');
      assert.match(after, /\.png$/);
      assert.deepEqual(prompts.infos, ["Updated Alex Rivera's profile photo"]);
    });

    it('resets a photo after confirmation; a declined confirmation sends nothing', async () => {
      const declined = new ScriptedUserEditPrompts({ confirmReset: false });
      assert.equal(await run('kantata.resetProfilePhoto', declined), 'cancelled');
      assert.deepEqual(writes(), []);
      await run('kantata.updateProfilePhoto', new ScriptedUserEditPrompts({ photo: write('me.png', coloredSquarePng([0, 0, 255])) }));
      const prompts = new ScriptedUserEditPrompts({});
      assert.equal(await run('kantata.resetProfilePhoto', prompts), 'updated');
      assert.deepEqual(writes().map((request) => `${request.method} ${request.status}`), ['POST 200', 'DELETE 204']);
      assert.equal(api.teammates.users?.find((user) => user.id === sandbox.adminUserId)?.photoPath, `${sandbox.origin}/photos/default.png`);
    });
  });

  it('signed out, each command says so instead of doing anything', async () => {
    await signOutAndReset(api);
    const prompts = new ScriptedUserEditPrompts({ fields: ['headline'], values: { headline: ['x'] } });
    api.setUserEditPrompts(prompts);
    for (const command of ['kantata.updateUser', 'kantata.updateProfilePhoto', 'kantata.resetProfilePhoto']) {
      assert.equal(await vscode.commands.executeCommand(command, me()), 'cancelled', command);
    }
    assert.deepEqual(prompts.asked, []);
    assert.deepEqual(sandbox.requests.filter((request) => request.method !== 'GET'), []);
  });
});
