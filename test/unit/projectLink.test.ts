import * as assert from 'node:assert/strict';
import { parseProjectReference, projectIdOfSetting } from '../../src/teammates/projectLink';

const idOf = (input: string) => {
  const reference = parseProjectReference(input);
  return 'projectId' in reference ? reference.projectId : undefined;
};
const problemOf = (input: string) => {
  const reference = parseProjectReference(input);
  return 'problem' in reference ? reference.problem : undefined;
};

describe('project link parsing', () => {
  it('takes a project number, trimmed, with or without #, leading zeros dropped', () => {
    assert.equal(idOf('12345'), '12345');
    assert.equal(idOf('  7 '), '7');
    assert.equal(idOf('#42'), '42');
    assert.equal(idOf('00012'), '12');
    assert.equal(idOf('123456789012345'), '123456789012345');
  });

  it('takes Kantata links of each form: app, company, kantata.com, a tab fragment, a sub-page, /projects/', () => {
    assert.equal(idOf('https://app.mavenlink.com/workspaces/12345'), '12345');
    assert.equal(idOf('https://acme.mavenlink.com/workspaces/12345/#tracker'), '12345');
    assert.equal(idOf('https://acme.kantata.com/workspaces/12345'), '12345');
    assert.equal(idOf('https://acme.kantata.com/workspaces/12345/tracker?view=list'), '12345');
    assert.equal(idOf('https://app.mavenlink.com/workspaces/12345?tab=people'), '12345');
    assert.equal(idOf('https://app.mavenlink.com/#/workspaces/678'), '678');
    assert.equal(idOf('https://api.mavenlink.com/api/v1/projects/99'), '99');
    assert.equal(idOf(' https://app.mavenlink.com/workspaces/5 '), '5');
  });

  it('refuses junk with a message saying what is wanted', () => {
    for (const junk of ['', '   ', 'abc', '12a', '1,2', '-5', '1.5', 'workspaces/12', 'ftp://app.mavenlink.com/workspaces/12', 'javascript:alert(1)']) {
      assert.ok(problemOf(junk), `accepted ${JSON.stringify(junk)}`);
    }
    assert.match(problemOf('') ?? '', /project number/);
    assert.match(problemOf('https://app.mavenlink.com/dashboard') ?? '', /\/workspaces\/<number>/);
    assert.ok(problemOf('https://app.mavenlink.com/workspaces/12abc'));
    assert.ok(problemOf('https://app.mavenlink.com/workspaces/'));
    assert.ok(problemOf('https://app.mavenlink.com/myworkspaces/12'));
  });

  it('refuses 0 and numbers too long for a Kantata id', () => {
    assert.match(problemOf('0') ?? '', /0 is no project/);
    assert.match(problemOf('0000') ?? '', /0 is no project/);
    assert.match(problemOf('1234567890123456') ?? '', /too long/);
    assert.match(problemOf('https://app.mavenlink.com/workspaces/99999999999999999999') ?? '', /too long/);
  });

  it('reads the setting: digits or a link give the project, anything else none', () => {
    assert.equal(projectIdOfSetting('12345'), '12345');
    assert.equal(projectIdOfSetting('https://acme.kantata.com/workspaces/3'), '3');
    for (const none of [undefined, null, 12, '', '  ', 'abc', '0']) {
      assert.equal(projectIdOfSetting(none), undefined, JSON.stringify(none));
    }
  });
});
