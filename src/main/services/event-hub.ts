import type { EventName, EventPayloads } from '../../shared/contract';

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

/** The contract's events, typed: the services emit, windows and sockets listen. */
export type EventHub = {
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
};

export function createEventHub(
  onListenerError: (event: EventName, error: unknown) => void,
): EventHub {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      listeners.set(event, set);

      return () => set.delete(untyped);
    },

    emit(event, payload) {
      // One failing listener (a closed socket, say) must not starve the rest.
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          onListenerError(event, error);
        }
      }
    },
  };
}
