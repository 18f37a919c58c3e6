import { describe, expect, it } from '@jest/globals';
import { NodeState, planMerges } from './cluster-merge.js';

const inCluster = (type: NodeState['type'], id: string, clusterId: string, counts: [number, number, number], anchor: string): NodeState => ({
  type,
  id,
  clusterId,
  userCount: counts[0],
  fingerprintCount: counts[1],
  domainprintCount: counts[2],
  anchor,
});

describe('planMerges', () => {
  it('creates a cluster for a new user on a new device', () => {
    expect(planMerges([{ userId: 'u1', type: 'fingerprint', id: 'f1' }], [])).toEqual([
      {
        key: 0,
        target: null,
        sources: [],
        userCount: 1,
        fingerprintCount: 1,
        domainprintCount: 0,
        anchors: ['u1'],
        added: [
          { type: 'user', id: 'u1' },
          { type: 'fingerprint', id: 'f1' },
        ],
      },
    ]);
  });

  it('folds the smaller clusters into the biggest and adds the new nodes', () => {
    const states = [
      inCluster('user', 'u1', '7', [1, 1, 0], 'u1'),
      inCluster('fingerprint', 'f2', '12', [3, 2, 1], 'a0'),
      inCluster('user', 'u9', '3', [2, 1, 0], 'u8'),
    ];
    const links = [
      { userId: 'u1', type: 'fingerprint' as const, id: 'f2' },
      { userId: 'u9', type: 'domainprint' as const, id: 'd_new' },
      { userId: 'u_new', type: 'fingerprint' as const, id: 'f2' },
      { userId: 'u_new', type: 'domainprint' as const, id: 'd_new' },
    ];
    expect(planMerges(links, states)).toEqual([
      {
        key: 0,
        target: '12',
        sources: ['3', '7'],
        userCount: 3 + 1 + 2 + 1,
        fingerprintCount: 2 + 1 + 1,
        domainprintCount: 1 + 1,
        anchors: ['a0', 'u8', 'u1', 'u_new'],
        added: [
          { type: 'domainprint', id: 'd_new' },
          { type: 'user', id: 'u_new' },
        ],
      },
    ]);
  });

  it('plans nothing for links inside one cluster, and keeps separate components apart', () => {
    const states = [inCluster('user', 'u1', '5', [1, 2, 0], 'u1'), inCluster('fingerprint', 'f1', '5', [1, 2, 0], 'u1')];
    expect(planMerges([{ userId: 'u1', type: 'fingerprint', id: 'f1' }], states)).toEqual([]);
    const plans = planMerges(
      [
        { userId: 'u1', type: 'fingerprint', id: 'f1' },
        { userId: 'u2', type: 'fingerprint', id: 'f2' },
      ],
      [],
    );
    expect(plans.map((plan) => plan.anchors)).toEqual([['u1'], ['u2']]);
  });

  it('breaks a size tie by the older (smaller) cluster id', () => {
    const states = [inCluster('user', 'u1', '10', [1, 1, 0], 'u1'), inCluster('fingerprint', 'f2', '9', [1, 1, 0], 'u2')];
    expect(planMerges([{ userId: 'u1', type: 'fingerprint', id: 'f2' }], states)[0]).toMatchObject({ target: '9', sources: ['10'] });
  });
});
