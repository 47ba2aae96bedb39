// Each crew's current work as the roster lists it: the open requests the
// crew holds, most urgent first, the first few and how many in all.
import { describe, expect, it } from 'vitest';

import {
  OpenRequests,
  type OpenRecord,
} from '../../../src/main/queue/open-requests';
import { createQueueReads } from '../../../src/main/queue/queue-reads';
import type { WorkStatus } from '../../../src/shared/sync-protocol';

const HOUR = 3_600_000;

function held(
  id: string,
  crew: string | null,
  dueInHours: number | null,
  workStatus: WorkStatus = 'assigned',
): OpenRecord {
  return {
    serviceRequestId: id,
    serviceName: 'Pothole',
    address: `${id} Main St`,
    description: null,
    neighborhood: null,
    queue: 'PWDx',
    department: 'PWD',
    requestedAt: 0,
    slaDueAt: dueInHours === null ? null : dueInHours * HOUR,
    lat: 42.3,
    long: -71.1,
    workStatus,
    assignedCrewId: crew,
  };
}

function readsOf(records: OpenRecord[]) {
  const index = new OpenRequests();
  for (const record of records) index.upsert(record);

  return createQueueReads(() => index);
}

describe("a crew's current assignments", () => {
  it('lists each crew its held requests soonest due first, no SLA last', () => {
    const reads = readsOf([
      held('LATE', 'C1', 48),
      held('NONE', 'C1', null),
      held('SOON', 'C1', 2, 'in_progress'),
      held('MID', 'C1', 10),
      held('OTHER', 'C2', 5),
    ]);

    const found = reads.crewAssignments(10);

    expect(found.map((crew) => crew.crewId)).toEqual(['C1', 'C2']);
    expect(found[0]!.rows.map((row) => row.serviceRequestId)).toEqual([
      'SOON',
      'MID',
      'LATE',
      'NONE',
    ]);
    expect(found[0]!.rows[0]).toMatchObject({
      serviceName: 'Pothole',
      address: 'SOON Main St',
      workStatus: 'in_progress',
      assignedCrewId: 'C1',
    });
    expect(found[1]).toMatchObject({ crewId: 'C2', total: 1 });
  });

  it('keeps the first rows up to the limit and counts them all', () => {
    const records = Array.from({ length: 12 }, (_, at) =>
      held(`R${String(at).padStart(2, '0')}`, 'BUSY', 12 - at),
    );
    const reads = readsOf(records);

    const [busy] = reads.crewAssignments(5);

    expect(busy!.total).toBe(12);
    expect(busy!.rows.map((row) => row.serviceRequestId)).toEqual([
      'R11',
      'R10',
      'R09',
      'R08',
      'R07',
    ]);
  });

  it('counts what the crew workloads count: assigned or in progress only', () => {
    const reads = readsOf([
      held('A', 'C1', 1),
      held('P', 'C1', 2, 'in_progress'),
      // Done with, or a crew left on a request put back to open.
      held('DONE', 'C1', 3, 'resolved'),
      held('BACK', 'C1', 4, 'open'),
      held('NOBODY', null, 5),
    ]);

    const found = reads.crewAssignments(5);

    expect(found).toHaveLength(1);
    expect(found[0]!.total).toBe(reads.activeAssignmentCounts().get('C1'));
    expect(found[0]!.rows.map((row) => row.serviceRequestId)).toEqual([
      'A',
      'P',
    ]);
  });

  it('lists no crew when nobody holds work', () => {
    expect(readsOf([held('R1', null, 1, 'open')]).crewAssignments(5)).toEqual(
      [],
    );
  });
});
