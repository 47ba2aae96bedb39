import type { QueueFilter } from '../../../shared/contract';
import type { ActiveFilter } from './app-state';

/** The contract's filter for the active choices; empty choices keep all. */
export function toQueueFilter(filter: ActiveFilter): QueueFilter {
  return {
    ...(filter.types.length > 0 ? { types: filter.types } : {}),
    ...(filter.neighborhoods.length > 0
      ? { neighborhoods: filter.neighborhoods }
      : {}),
  };
}
