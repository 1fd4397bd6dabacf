// The texts of the Teammates tree's grouping, the project link, Find by Skill, People in This File and Update
// User, read in German from the bundle the .vsix ships: a lookup that misses (a key the export mangled, a
// message changed without its German) gives English here and fails.
import * as assert from 'node:assert/strict';
import { checkPhotoFile, fieldLabel, tooLargeMessage, validateField } from '../../src/editing/userFieldRules';
import { commitsText, shortCommitsText } from '../../src/filePeople/fileAuthors';
import type { User } from '../../src/kantata/types';
import { buildSkillCatalogue, levelChoices, peopleText, resultsTitle, skillChoiceText, skillKindText, type SkillEntry } from '../../src/skills/skillCatalogue';
import { parseProjectReference } from '../../src/teammates/projectLink';
import { groupTeammates } from '../../src/teammates/teammateGrouping';
import { inGerman } from '../support/inGerman';

const problemOf = (input: string) => {
  const reference = parseProjectReference(input);
  return 'problem' in reference ? reference.problem : undefined;
};

describe('in German: teammates, skills, file people and editing', () => {
  inGerman();

  it('groups: the groups that are ours are named in German, Kantata’s own names stay as they are', () => {
    const users: User[] = [
      { id: '1', fullName: 'Ada', emailAddress: '', headline: '', role: { id: '7', name: 'Engineer' } },
      { id: '2', fullName: 'Bo', emailAddress: '', headline: '' },
    ];
    assert.deepEqual(groupTeammates(users, 'role').map((group) => group.label), ['Engineer', 'Keine Rolle']);
    assert.deepEqual(groupTeammates(users, 'country').map((group) => group.label), ['Kein Land']);
    assert.deepEqual(groupTeammates(users, 'classification').map((group) => group.label), ['Keine Klassifizierung']);
    assert.equal(groupTeammates(users, 'none')[0]?.label, 'Alle');
  });

  it('the project link says what is wrong in German, numbers and links as typed', () => {
    assert.equal(problemOf(''), 'Geben Sie eine Projektnummer ein, oder fügen Sie einen Link zum Projekt in Kantata ein.');
    assert.equal(problemOf('0'), 'Eine Projektnummer ist 1 oder größer; 0 ist kein Projekt.');
    assert.equal(problemOf('1234567890123456'), 'Diese Nummer ist für ein Kantata-Projekt zu lang (höchstens 15 Ziffern).');
    // The message with a typographic apostrophe: the export once turned `\u2019` into another character.
    assert.match(problemOf('abc') ?? '', /^Weder eine Projektnummer noch ein Link: .*Adresse des Projekts aus Kantata ein\.$/);
    assert.match(problemOf('https://app.mavenlink.com/dashboard') ?? '', /Sein Pfad sollte \/workspaces\/<Nummer> enthalten/);
  });

  it('Find by Skill: people counts with German digit grouping, levels and titles', () => {
    assert.equal(peopleText(1), '1 Person');
    assert.equal(peopleText(3), '3 Personen');
    assert.equal(peopleText(1234), '1.234 Personen');
    const typescript = { id: '11', name: 'TypeScript', maxLevel: 5 };
    const scrum = { id: '12', name: 'Scrum Master', maxLevel: 1 };
    const holder = (id: string, level: number): User => ({ id, fullName: id, emailAddress: '', headline: '', skillsWithLevels: [{ skill: typescript, level }, { skill: scrum, level: undefined }] });
    const [certification, skill] = buildSkillCatalogue([holder('1', 2), holder('2', 5), holder('3', 4)]) as [SkillEntry, SkillEntry];
    assert.deepEqual([skillKindText(certification), skillKindText(skill)], ['Zertifizierung', 'Stufen 1–5']);
    assert.deepEqual(levelChoices(skill).map((choice) => `${choice.label}: ${peopleText(choice.people)}`), [
      'Jede Stufe: 3 Personen',
      'Stufe 2 oder höher: 3 Personen',
      'Stufe 3 oder höher: 2 Personen',
      'Stufe 4 oder höher: 2 Personen',
      'Stufe 5: 1 Person',
    ]);
    assert.equal(skillChoiceText(skill, 4), 'TypeScript (Stufe ≥ 4)');
    assert.equal(resultsTitle('TypeScript (Stufe ≥ 4)', 2), 'TypeScript (Stufe ≥ 4): 2 Personen');
    assert.equal(resultsTitle('Scrum Master', 1), 'Scrum Master: 1 Person');
  });

  it('People in This File: commits counted and dated in German', () => {
    const lastChange = new Date(2024, 11, 2, 12);
    assert.equal(commitsText({ commits: 1, lastChange: undefined }), '1 Commit');
    assert.equal(commitsText({ commits: 1234, lastChange }), '1.234 Commits, zuletzt am 02.12.2024');
    assert.equal(shortCommitsText({ commits: 3, lastChange }, new Date(2024, 11, 20)), '3 Commits, 2. Dez.');
    assert.equal(shortCommitsText({ commits: 1, lastChange }, new Date(2025, 0, 5)), '1 Commit, 02.12.2024');
  });

  it('Update User: field names and the checks made while typing, in German', () => {
    assert.deepEqual([fieldLabel('fullName'), fieldLabel('headline'), fieldLabel('emailAddress')], ['Vollständiger Name', 'Überschrift', 'E-Mail-Adresse']);
    assert.equal(validateField('fullName', '  '), 'Der Name darf nicht leer sein.');
    assert.equal(validateField('emailAddress', ''), 'Die E-Mail-Adresse darf nicht leer sein.');
    assert.equal(validateField('emailAddress', 'kim@'), '„kim@“ ist keine E-Mail-Adresse.');
    assert.equal(validateField('fullName', 'x'.repeat(1000)), 'Vollständiger Name darf höchstens 255 Zeichen lang sein (die Eingabe hat 1.000).');
    assert.equal(tooLargeMessage('big.png', 12.5 * 1024 * 1024), 'big.png ist 12,5 MB groß; ein Profilfoto darf höchstens 10 MB groß sein.');
    assert.deepEqual(checkPhotoFile('a.png', new Uint8Array()), { ok: false, message: 'a.png ist leer.' });
    assert.deepEqual(checkPhotoFile('x.jpg', Buffer.from('<svg/>')), { ok: false, message: 'x.jpg ist kein PNG-, JPEG- oder GIF-Bild.' });
  });
});

describe('in English again after a German suite', () => {
  it('the same texts read in English (the code’s own)', () => {
    assert.equal(peopleText(1234), '1,234 people');
    assert.equal(validateField('fullName', ''), "The name can't be blank.");
    assert.equal(commitsText({ commits: 2, lastChange: new Date(2024, 11, 2, 12) }), '2 commits, last on Dec 2, 2024');
    assert.equal(groupTeammates([{ id: '1', fullName: 'Bo', emailAddress: '', headline: '' }], 'role')[0]?.label, 'No role');
  });
});
