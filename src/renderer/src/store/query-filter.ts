import type {
  QueueFilter,
  SavedFilter,
  SavedView,
} from '../../../shared/contract';
import type { ActiveFilter } from './app-state';

export const NO_FILTER: ActiveFilter = {
  types: [],
  neighborhoods: [],
  queues: [],
  departments: [],
  workStatuses: [],
  slaStates: [],
  slaAt: 0,
  assigned: null,
  crewIds: [],
  text: '',
};

/** The filter to save: what was chosen, without the moment. */
export function toSavedFilter(filter: ActiveFilter): SavedFilter {
  const list = <K extends keyof SavedFilter>(key: K, values: unknown[]) =>
    values.length > 0 ? { [key]: values } : {};
  const text = filter.text.trim();

  return {
    ...list('types', filter.types),
    ...list('neighborhoods', filter.neighborhoods),
    ...list('queues', filter.queues),
    ...list('departments', filter.departments),
    ...list('workStatuses', filter.workStatuses),
    ...list('slaStates', filter.slaStates),
    ...list('crewIds', filter.crewIds),
    ...(filter.assigned !== null ? { assigned: filter.assigned } : {}),
    ...(text !== '' ? { text } : {}),
  };
}

/** The contract's filter for the active choices; empty choices keep all. */
export function toQueueFilter(filter: ActiveFilter): QueueFilter {
  const saved = toSavedFilter(filter);

  return saved.slaStates ? { ...saved, now: filter.slaAt } : saved;
}

/** The active filter a saved view stands for, judged at `now`. */
export function fromSavedView(view: SavedView, now: number): ActiveFilter {
  const { filter } = view;

  return {
    types: filter.types ?? [],
    neighborhoods: filter.neighborhoods ?? [],
    queues: filter.queues ?? [],
    departments: filter.departments ?? [],
    workStatuses: filter.workStatuses ?? [],
    slaStates: filter.slaStates ?? [],
    slaAt: now,
    assigned: filter.assigned ?? null,
    crewIds: filter.crewIds ?? [],
    text: filter.text ?? '',
  };
}
