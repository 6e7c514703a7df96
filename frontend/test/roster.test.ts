import { describe, expect, it } from 'vitest';
import { OnlineRoster } from '../src/protocol/roster';

describe('OnlineRoster', () => {
  it('aSnapshotReplacesTheListAndItIsSorted', () => {
    const roster = new OnlineRoster();
    roster.replace(['zed', 'old'], 2);
    roster.replace(['carol', 'alice', 'bob'], 3);
    expect(roster.view()).toEqual({ users: ['alice', 'bob', 'carol'], total: 3 });
  });

  it('aChangeAddsTheJoinedAndRemovesTheLeft', () => {
    const roster = new OnlineRoster();
    roster.replace(['alice', 'bob'], 2);
    roster.apply({ type: 'change', joined: ['carol'], left: ['bob'], total: 2 });
    expect(roster.view()).toEqual({ users: ['alice', 'carol'], total: 2 });
  });

  it('keepsTheServersTotalWhenOnlyPartOfTheListIsKnown', () => {
    const roster = new OnlineRoster();
    roster.replace(['alice'], 1500);
    roster.apply({ type: 'change', joined: ['bob'], left: [], total: 1501 });
    expect(roster.view()).toEqual({ users: ['alice', 'bob'], total: 1501 });
  });

  it('neverReportsFewerOnlineThanItLists', () => {
    const roster = new OnlineRoster();
    roster.replace(['alice', 'bob'], 1);
    expect(roster.view().total).toBe(2);
  });

  it('clearEmptiesIt', () => {
    const roster = new OnlineRoster();
    roster.replace(['alice'], 1);
    roster.clear();
    expect(roster.view()).toEqual({ users: [], total: 0 });
  });
});
