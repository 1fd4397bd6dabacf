import * as assert from 'node:assert/strict';
import { compareShapes } from '../support/shapeCompare';

/** The comparison behind the Prism test must be able to fail: these shapes differ on purpose. */
describe('sandbox: the JSON shape comparison', () => {
  const prismLike = {
    count: -2147483648,
    meta: { count: 0, page_count: 0, page_number: 0, page_size: 0 },
    results: [{ key: 'string', id: 'string' }],
    users: {
      property1: { full_name: 'string', email_address: 'string', skill_ids: ['string'], bio: 'string' },
      property2: { full_name: 'string', email_address: 'string', skill_ids: ['string'], bio: 'string' },
    },
  };

  it('accepts the same shape with other values, other map keys, and omitted optional keys', () => {
    const sandboxLike = {
      count: 2,
      meta: { count: 2, page_count: 1, page_number: 1, page_size: 20 },
      results: [{ key: 'users', id: '7' }, { key: 'users', id: '9' }],
      users: { 7: { full_name: 'Ann', email_address: 'a@x', skill_ids: [] }, 9: { full_name: 'Bo', email_address: 'b@x', skill_ids: ['3'], bio: 'Hi' } },
    };
    const result = compareShapes(prismLike, sandboxLike);
    assert.deepEqual(result.differences, []);
    assert.deepEqual(result.omitted, ['$.users.*.bio']);
  });

  it('reports a value of another type', () => {
    const result = compareShapes(prismLike, { ...prismLike, count: '2', meta: { ...prismLike.meta, page_size: null } });
    assert.deepEqual(result.differences, ['$.count: string where the reference has number', '$.meta.page_size: null where the reference has number']);
  });

  it('reports a key the reference does not have, unless allowed', () => {
    const extra = { ...prismLike, users: { 5: { id: '5', full_name: 'A', email_address: 'e', skill_ids: [], nickname: 'Al' } } };
    assert.deepEqual(compareShapes(prismLike, extra).differences, ['$.users.*.id: not in the reference (type string)', '$.users.*.nickname: not in the reference (type string)']);
    assert.deepEqual(compareShapes(prismLike, extra, { allowExtra: (_path, key) => key === 'id' }).differences, ['$.users.*.nickname: not in the reference (type string)']);
  });

  it('reports wrong array items, and an object where a map is expected', () => {
    const wrongItems = { ...prismLike, results: [{ key: 'users', id: 7 }], users: { 1: { full_name: 'A', email_address: 'e', skill_ids: [3] } } };
    assert.deepEqual(compareShapes(prismLike, wrongItems).differences, ['$.results[].id: number where the reference has string', '$.users.*.skill_ids[]: number where the reference has string']);
    const notAMap = { ...prismLike, users: { ann: { full_name: 'A' } } };
    assert.deepEqual(compareShapes(prismLike, notAMap).differences, ['$.users: an object where the reference has a keyed map']);
    assert.deepEqual(compareShapes(prismLike, { ...prismLike, results: {} }).differences, ['$.results: object where the reference has array']);
  });
});
