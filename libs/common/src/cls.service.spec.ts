import { describe, expect, it } from '@jest/globals';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ClsService } from './cls.service.js';

interface Store {
  id?: string;
  tenant?: string;
}

const cls = new ClsService<Store>();

describe('ClsService', () => {
  it('outside any context: reads find nothing, the whole store and writes fail loudly', () => {
    expect(cls.isActive()).toBe(false);
    expect(cls.get('id')).toBeUndefined();
    expect(() => cls.get()).toThrow('No context is active');
    expect(() => cls.set('id', 'x')).toThrow("No context is active to set 'id' in");
  });

  it('runWith uses the given store, not the one around it', () => {
    const seen = cls.runWith({ id: 'outer', tenant: 'acme' }, () => cls.runWith({ id: 'inner' }, () => cls.get()));
    expect(seen).toEqual({ id: 'inner' });
  });

  it('run works on a copy of the active context: it sees the values, its writes stay its own', () => {
    const outer: Store = { id: 'outer', tenant: 'acme' };
    const inner = cls.runWith(outer, () =>
      cls.run(() => {
        cls.set('tenant', 'globex');
        return cls.get();
      }),
    );
    expect(inner).toEqual({ id: 'outer', tenant: 'globex' });
    expect(outer).toEqual({ id: 'outer', tenant: 'acme' });
    expect(cls.run(() => cls.get())).toEqual({});
  });

  it('keeps concurrent contexts apart across awaits', async () => {
    const seen = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        cls.runWith({ id: `r${i}` }, async () => {
          for (let turn = 0; turn < i % 5; turn += 1) await nextTurn();
          cls.set('tenant', `t${i}`);
          await nextTurn();
          return `${cls.get('id')}/${cls.get('tenant')}`;
        }),
      ),
    );
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => `r${i}/t${i}`));
  });

  it('shares one storage between instances, so code outside injection sees the request', () => {
    expect(cls.runWith({ id: 'shared' }, () => new ClsService<Store>().get('id'))).toBe('shared');
  });
});
