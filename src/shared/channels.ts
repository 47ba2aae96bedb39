// The run-time names the contract's methods and events travel under. Kept
// free of any dependency so the sandboxed preload can bundle it.

export const eventNames = [
  'requestsChanged',
  'syncStatusChanged',
  'conflictsChanged',
  'slaAlert',
  'updateState',
] as const;

export type EventName = (typeof eventNames)[number];

export function isEventName(name: unknown): name is EventName {
  return (eventNames as readonly unknown[]).includes(name);
}

/** The IPC channel a method or event travels on. */
export const channelOf = (name: string) => `streetdesk:${name}`;
