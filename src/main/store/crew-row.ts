// How a Crew (the wire record) maps to the `crews` view's columns.
import type { Crew } from '../../shared/sync-protocol';

export const crewColumns = [
  'id',
  'name',
  'depot',
  'depot_lat',
  'depot_long',
  'last_lat',
  'last_long',
  'status',
  'queues_served',
  'shift_starts_at',
  'shift_ends_at',
  'version',
  'pending',
] as const;

export function crewValues(crew: Crew, pending: boolean) {
  return [
    crew.crewId,
    crew.name,
    crew.depot,
    crew.depotLat,
    crew.depotLong,
    crew.lastLat,
    crew.lastLong,
    crew.status,
    JSON.stringify(crew.queues),
    crew.shiftStart,
    crew.shiftEnd,
    crew.version,
    pending ? 1 : 0,
  ];
}

export type CrewRow = {
  id: string;
  name: string;
  depot: string;
  depot_lat: number;
  depot_long: number;
  last_lat: number | null;
  last_long: number | null;
  status: Crew['status'];
  queues_served: string;
  shift_starts_at: number;
  shift_ends_at: number;
  version: number;
  pending: 0 | 1;
};

export function fromCrewRow(row: CrewRow): Crew & { pending: boolean } {
  return {
    crewId: row.id,
    name: row.name,
    depot: row.depot,
    depotLat: row.depot_lat,
    depotLong: row.depot_long,
    lastLat: row.last_lat,
    lastLong: row.last_long,
    status: row.status,
    queues: JSON.parse(row.queues_served) as string[],
    shiftStart: row.shift_starts_at,
    shiftEnd: row.shift_ends_at,
    version: row.version,
    pending: row.pending === 1,
  };
}
