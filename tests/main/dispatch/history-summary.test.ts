import { describe, expect, it } from 'vitest';

import { summarizeHistory } from '../../../src/main/dispatch/history-summary';

const names: Record<string, string> = { c1: 'Crew One', c2: 'Crew Two' };
const crewName = (id: string) => names[id] ?? id;

describe('history in words', () => {
  it.each([
    ['assigned', { crewId: 'c1', previousCrewId: null }, 'assigned Crew One'],
    [
      'assigned',
      { crewId: 'c2', previousCrewId: 'c1' },
      'reassigned from Crew One to Crew Two',
    ],
    ['assigned', { crewId: 'gone' }, 'assigned gone'],
    ['unassigned', { previousCrewId: 'c1' }, 'unassigned Crew One'],
    [
      'status_changed',
      { from: 'in_progress', to: 'closed', reason: 'Pothole filled' },
      'status in progress → closed: Pothole filled',
    ],
    [
      'status_changed',
      { from: 'open', to: 'in_progress', reason: null },
      'status open → in progress',
    ],
    ['note_added', { visibility: 'public' }, 'added a public note'],
    ['note_added', { visibility: 'internal' }, 'added an internal note'],
    ['merged_into', { targetId: 'R9' }, 'merged into R9'],
    [
      'merged',
      { duplicateIds: ['R2', 'R3'] },
      'merged R2, R3 into this request',
    ],
    ['crew_moved', {}, 'crew moved'],
  ])('%s %j reads "%s"', (action, detail, expected) => {
    expect(summarizeHistory(action, detail, crewName)).toBe(expected);
  });

  it('copes with detail fields of the wrong type', () => {
    expect(
      summarizeHistory(
        'assigned',
        { crewId: 42, previousCrewId: {} },
        crewName,
      ),
    ).toBe('assigned a crew');
    expect(summarizeHistory('merged', { duplicateIds: 'R2' }, crewName)).toBe(
      'merged duplicates into this request',
    );
    expect(summarizeHistory('status_changed', { to: ['x'] }, crewName)).toBe(
      'status unknown → unknown',
    );
  });
});
