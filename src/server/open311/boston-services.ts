// The Open311 service list of a city whose data has no service catalogue:
// one service per distinct request type, grouped by the department that
// handles it. Boston's export names each type with subject > reason > type.
import { readBostonCsv } from '../../main/import/boston-csv-rows';
import type { StoredRequest } from '../../main/store/stored-request';
import type { Open311Service } from './open311-ports';

type ServiceSource = Pick<
  StoredRequest,
  'serviceCode' | 'serviceName' | 'department' | 'subject' | 'reason'
>;

type Tally = {
  name: string;
  groups: Map<string, number>;
  reasons: Map<string, number>;
};

function count(map: Map<string, number>, key: string | null | undefined) {
  if (key) map.set(key, (map.get(key) ?? 0) + 1);
}

function mostCommon(map: Map<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [key, n] of map) {
    if (n > bestCount || (n === bestCount && best !== null && key < best)) {
      best = key;
      bestCount = n;
    }
  }

  return best;
}

/**
 * One service per service code, sorted by name. The group is the
 * department most requests of the type went to; the keywords are the
 * reasons (Boston's category) they were filed under.
 */
export function servicesFromRequests(
  requests: Iterable<ServiceSource>,
): Open311Service[] {
  const tallies = new Map<string, Tally>();

  for (const request of requests) {
    let tally = tallies.get(request.serviceCode);
    if (tally === undefined) {
      tally = {
        name: request.serviceName,
        groups: new Map(),
        reasons: new Map(),
      };
      tallies.set(request.serviceCode, tally);
    }
    count(tally.groups, request.subject ?? request.department);
    count(tally.reasons, request.reason);
  }

  return [...tallies]
    .map(([serviceCode, tally]): Open311Service => {
      const group = mostCommon(tally.groups);
      const reason = mostCommon(tally.reasons);

      return {
        serviceCode,
        serviceName: tally.name,
        description: [reason, group].filter(Boolean).join(', ') || null,
        type: 'realtime',
        keywords: [...tally.reasons.keys()].sort(),
        group,
        attributes: [],
      };
    })
    .sort((a, b) => a.serviceName.localeCompare(b.serviceName, 'en'));
}

/** The services of a Boston 311 CSV export (rows it cannot read are skipped). */
export async function readBostonServices(
  csvPath: string,
): Promise<Open311Service[]> {
  const requests: ServiceSource[] = [];
  for await (const rows of readBostonCsv(csvPath)) {
    for (const row of rows) if (row.ok) requests.push(row.request);
  }

  return servicesFromRequests(requests);
}
