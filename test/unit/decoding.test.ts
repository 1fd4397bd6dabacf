import * as assert from 'node:assert/strict';
import { decodeEnvelope } from '../../src/kantata/envelope';
import { decodeCapacity, decodeSingleUser, decodeUserPage } from '../../src/kantata/decoders';
import { fromDayNumber, toDayNumber } from '../../src/kantata/isoDate';
import { checkJsonDepth, DecodeError, MAX_JSON_DEPTH } from '../../src/kantata/decode';

function envelope(extra: Record<string, unknown>, results: unknown[]) {
  return { count: results.length, meta: { count: results.length, page_count: 1, page_number: 1, page_size: 20 }, results, ...extra };
}

describe('decoding Kantata responses', () => {
  it('walks results in order, resolves included associations and normalises ids', () => {
    const body = envelope(
      {
        users: {
          '12': {
            id: '12',
            full_name: 'Ada Lovelace',
            email_address: 'ada@example.com',
            headline: 'Engineer',
            photo_path: 'https://example.com/a.png',
            role_id: 3, // an integer id, as some resources send them
            manager_id: '7',
            skill_membership_ids: ['100'],
            custom_field_value_ids: ['500', '501'],
            account_membership_id: '900',
            bio: 'Writes programs',
            unknown_future_field: { anything: true },
          },
          '7': { full_name: 'Grace Hopper', email_address: 'grace@example.com', headline: null, photo_path: '' },
          '5': { id: 5, full_name: 'Alan Turing', email_address: 'alan@example.com', headline: 'Mathematician' },
        },
        roles: { '3': { name: 'Engineer', created_at: '2020-01-01T00:00:00Z' } },
        skills: { '40': { name: 'TypeScript', max_level: '5' } },
        skill_memberships: { '100': { skill_id: 40, level: 4, max_level: 5, cached_skill_name: 'TypeScript' } },
        custom_field_values: {
          '500': { custom_field_name: 'Office', display_value: 'Lisbon', value: 'Lisbon', custom_field_id: '61' },
          // 501 left out, as Kantata leaves out values the requester may not see
        },
        account_memberships: { '900': { permission: 'administrator', is_administrator: true } },
      },
      [
        { key: 'users', id: '5' },
        { key: 'users', id: 12 },
      ],
    );
    const page = decodeUserPage(decodeEnvelope(body));
    assert.deepEqual(
      page.items.map((u) => u.id),
      ['5', '12'],
    );
    const ada = page.items[1]!;
    assert.equal(ada.fullName, 'Ada Lovelace');
    assert.equal(ada.roleId, '3');
    assert.deepEqual(ada.role, { id: '3', name: 'Engineer' });
    assert.equal(ada.manager?.fullName, 'Grace Hopper');
    assert.equal(ada.manager?.headline, '');
    assert.equal(ada.manager?.photoPath, undefined);
    assert.equal(ada.skillMemberships?.[0]?.skill?.name, 'TypeScript');
    assert.equal(ada.skillMemberships?.[0]?.skill?.maxLevel, 5);
    assert.equal(ada.skillMemberships?.[0]?.level, 4);
    assert.deepEqual(
      ada.customFieldValues?.map((v) => v.name),
      ['Office'],
    );
    assert.equal(ada.accountMembership?.permission, 'administrator');
    assert.equal(ada.bio, 'Writes programs');
    assert.equal(page.items[0]?.role, undefined, 'no role_id, no role');
    assert.equal(page.count, 2);
  });

  it('tolerates a missing meta and missing optional fields', () => {
    const user = decodeSingleUser(
      decodeEnvelope({ count: 1, results: [{ key: 'users', id: '1' }], users: { '1': { full_name: 'Only Name' } } }),
    );
    assert.equal(user.fullName, 'Only Name');
    assert.equal(user.emailAddress, '');
    assert.equal(user.skills, undefined);
  });

  const badBodies: [string, unknown, RegExp][] = [
    ['not an object', [1, 2], /response: expected an object/],
    ['no results', { count: 0 }, /response\.results: expected an array/],
    ['a result pointing nowhere', envelope({ users: {} }, [{ key: 'users', id: '9' }]), /refers to users 9/],
    ['a non-numeric id', envelope({ users: { x: {} } }, [{ key: 'users', id: 'x' }]), /expected an id/],
    [
      'a name of the wrong type',
      envelope({ users: { '1': { full_name: 42 } } }, [{ key: 'users', id: '1' }]),
      /users\.1\.full_name: expected a string, got number 42/,
    ],
    [
      'a missing name',
      envelope({ users: { '1': { email_address: 'a@b.c' } } }, [{ key: 'users', id: '1' }]),
      /users\.1\.full_name: is missing/,
    ],
    [
      'a wrong id inside the object',
      envelope({ users: { '1': { id: '2', full_name: 'A' } } }, [{ key: 'users', id: '1' }]),
      /filed under 1/,
    ],
    [
      'a result of another kind',
      envelope({ roles: { '1': { name: 'A' } } }, [{ key: 'roles', id: '1' }]),
      /expected a result of kind "users"/,
    ],
    ['a negative count', { count: -1, results: [] }, /count: expected a whole number/],
  ];
  for (const [name, body, pattern] of badBodies) {
    it(`rejects ${name} with a message that says what was wrong`, () => {
      assert.throws(
        () => decodeUserPage(decodeEnvelope(body)),
        (error: unknown) => error instanceof DecodeError && pattern.test(error.message),
      );
    });
  }

  it('refuses JSON nested deeper than any Kantata answer, walking it without recursion', () => {
    const nested = (levels: number, leaf: unknown = 1): unknown => {
      let value = leaf;
      for (let level = 0; level < levels; level++) {
        value = level % 2 ? [value] : { a: value };
      }
      return value;
    };
    for (const value of [null, 1, 'text', [], {}, nested(MAX_JSON_DEPTH), nested(MAX_JSON_DEPTH - 1, [])]) {
      assert.doesNotThrow(() => checkJsonDepth(value));
    }
    // A million levels: a recursive walk would overflow the stack long before.
    for (const value of [nested(MAX_JSON_DEPTH + 1), nested(MAX_JSON_DEPTH, []), nested(1_000_000), { users: { '1': { list: [1, nested(MAX_JSON_DEPTH)] } } }]) {
      assert.throws(() => checkJsonDepth(value), (error: unknown) => error instanceof DecodeError && /nested more than 64 levels deep/.test(error.message));
    }
  });

  it('decodes capacity into days in date order, whatever the key form', () => {
    const capacity = decodeCapacity({
      start_date: '2024-03-01',
      end_date: '2024-03-03',
      hours: { '2024-03-03': 0, '2024-03-01T00:00:00Z': 8, '2024-03-02': '4.5' },
    }, { startDate: '2024-03-01', endDate: '2024-03-03' });
    assert.deepEqual(capacity.days, [
      { date: '2024-03-01', hours: 8 },
      { date: '2024-03-02', hours: 4.5 },
      { date: '2024-03-03', hours: 0 },
    ]);
    assert.throws(() => decodeCapacity({ start_date: '2024-03-01', end_date: '2024-03-01', hours: { soon: 1 } }, { startDate: '2024-03-01', endDate: '2024-03-01' }), /date key/);
    assert.throws(() => decodeCapacity({ start_date: '2024-03-01', end_date: '2024-03-01', hours: { '2024-03-01': -1 } }, { startDate: '2024-03-01', endDate: '2024-03-01' }), /number of hours/);
    assert.throws(() => decodeCapacity({ start_date: '2024-03-01', end_date: '2024-03-01' }, { startDate: '2024-03-01', endDate: '2024-03-01' }), /hours: expected an object/);
  });

  it('keeps only the asked days of a capacity answer, whatever range it claims, and notes the mismatch for the log', function () {
    this.timeout(60_000); // a guard against a hang, not a speed check (a busy machine is slow)
    const asked = { startDate: '2026-03-02', endDate: '2026-03-15' };
    // Asked for two weeks, the server answers two centuries: 73,049 days, 1900-01-01 to 2099-12-31.
    const hours: Record<string, unknown> = {};
    const first = toDayNumber('1900-01-01');
    for (let day = first; day <= toDayNumber('2099-12-31'); day++) {
      hours[fromDayNumber(day)] = 8;
    }
    hours['1950-06-01'] = -1; // a bad figure on a day nobody asked about is not read at all
    const notes: string[] = [];
    const capacity = decodeCapacity({ start_date: '1900-01-01', end_date: '2099-12-31', hours }, asked, (note) => notes.push(note));
    assert.equal(Object.keys(hours).length, 73_049);
    assert.deepEqual([capacity.startDate, capacity.endDate], ['2026-03-02', '2026-03-15']);
    assert.deepEqual(
      capacity.days.map((day) => day.date),
      Array.from({ length: 14 }, (_, index) => fromDayNumber(toDayNumber('2026-03-02') + index)),
    );
    assert.ok(capacity.days.every((day) => day.hours === 8));
    assert.deepEqual(notes, ['the capacity answer covers 1900-01-01 to 2099-12-31 with 73049 dated entries, 73035 of them outside the asked 2026-03-02 to 2026-03-15: only the asked days are kept']);

    // A shorter answer than asked: the asked range still, its missing days left to count as zero.
    notes.length = 0;
    const short = decodeCapacity({ start_date: '2026-03-02', end_date: '2026-03-03', hours: { '2026-03-02': 8, '2026-03-03': 4 } }, asked, (note) => notes.push(note));
    assert.deepEqual([short.startDate, short.endDate, short.days.length], ['2026-03-02', '2026-03-15', 2]);
    assert.equal(notes.length, 1);
    // Its own range right, but days beyond it.
    notes.length = 0;
    decodeCapacity({ start_date: '2026-03-02', end_date: '2026-03-15', hours: { '2026-03-01': 8, '2026-03-02': 8 } }, asked, (note) => notes.push(note));
    assert.match(notes[0] ?? '', /2 dated entries, 1 of them outside/);
    // The answer that was asked for says nothing.
    notes.length = 0;
    decodeCapacity({ start_date: '2026-03-02', end_date: '2026-03-15', hours: { '2026-03-02': 8 } }, asked, (note) => notes.push(note));
    assert.deepEqual(notes, []);
    // Its own dates are still checked.
    assert.throws(() => decodeCapacity({ start_date: '1900-02-30', end_date: '2026-03-15', hours: {} }, asked), /start_date: expected a date/);
  });
});
