import * as assert from 'node:assert/strict';
import { isKantataError } from '../../src/kantata/errors';
import { RequestSlots, yieldToEventLoop } from '../../src/kantata/requestSlots';

describe('RequestSlots', () => {
  it('grants `size` slots at once, then one per release, first come first served', async () => {
    const slots = new RequestSlots(2);
    const granted: string[] = [];
    const ask = (name: string) => slots.acquire().then(() => void granted.push(name));
    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map(ask));
    await yieldToEventLoop();
    assert.deepEqual(granted, ['a', 'b']);
    slots.release();
    await yieldToEventLoop();
    assert.deepEqual(granted, ['a', 'b', 'c']);
    slots.release();
    slots.release();
    await all;
    assert.deepEqual(granted, ['a', 'b', 'c', 'd', 'e']);
  });

  it('a waiter whose signal aborts is cancelled and does not take a slot', async () => {
    const slots = new RequestSlots(1);
    await slots.acquire();
    const controller = new AbortController();
    const cancelled = slots.acquire(controller.signal);
    let laterGranted = false;
    const later = slots.acquire().then(() => {
      laterGranted = true;
    });
    controller.abort();
    await assert.rejects(cancelled, (error: unknown) => isKantataError(error) && error.kind === 'cancelled');
    slots.release();
    await later;
    assert.ok(laterGranted, 'the slot went to the cancelled waiter');
    await assert.rejects(slots.acquire(controller.signal), (error: unknown) => isKantataError(error) && error.kind === 'cancelled');
  });

  it('a released slot with nobody waiting is free again', async () => {
    const slots = new RequestSlots(1);
    await slots.acquire();
    slots.release();
    await slots.acquire(); // would wait forever if the slot were lost
  });
});
