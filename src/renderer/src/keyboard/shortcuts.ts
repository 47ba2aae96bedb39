// The console's keyboard shortcuts: one table, read by the key handler and
// by the `?` help, so the two cannot disagree.

export type CommandId =
  | 'palette'
  | 'help'
  | 'focus-queue'
  | 'focus-search'
  | 'assign'
  | 'status'
  | 'note'
  | 'show-request'
  | 'show-crews'
  | 'show-sla'
  | 'show-conflicts'
  | 'clear-ticks'
  | 'close-detail';

export type Shortcut = {
  keys: string;
  command: CommandId;
  what: string;
  /** Matches a keydown event. */
  matches: (event: KeyLike) => boolean;
};

export type KeyLike = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
};

const plain = (key: string) => (event: KeyLike) =>
  event.key === key && !event.ctrlKey && !event.metaKey && !event.altKey;

export const SHORTCUTS: Shortcut[] = [
  {
    keys: 'Ctrl+K',
    command: 'palette',
    what: 'Open the command palette',
    matches: (e) => e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey),
  },
  {
    keys: '?',
    command: 'help',
    what: 'Show these shortcuts',
    matches: plain('?'),
  },
  {
    keys: 'q',
    command: 'focus-queue',
    what: 'Go to the queue',
    matches: plain('q'),
  },
  {
    keys: '/',
    command: 'focus-search',
    what: 'Search the queue',
    matches: plain('/'),
  },
  {
    keys: 'a',
    command: 'assign',
    what: 'Assign a crew to the selected request',
    matches: plain('a'),
  },
  {
    keys: 's',
    command: 'status',
    what: 'Change the selected request’s status',
    matches: plain('s'),
  },
  {
    keys: 'n',
    command: 'note',
    what: 'Add a note to the selected request',
    matches: plain('n'),
  },
  {
    keys: 'd',
    command: 'show-request',
    what: 'Show the request details',
    matches: plain('d'),
  },
  {
    keys: 'r',
    command: 'show-crews',
    what: 'Show the crew roster',
    matches: plain('r'),
  },
  {
    keys: 'l',
    command: 'show-sla',
    what: 'Show the SLA view',
    matches: plain('l'),
  },
  {
    keys: 'c',
    command: 'show-conflicts',
    what: 'Show the conflicts',
    matches: plain('c'),
  },
  {
    keys: 'x',
    command: 'clear-ticks',
    what: 'Untick every ticked request',
    matches: plain('x'),
  },
  {
    keys: 'Escape',
    command: 'close-detail',
    what: 'Close the request details',
    matches: plain('Escape'),
  },
];

/** In the queue itself (not global): listed in the help all the same. */
export const QUEUE_KEYS: { keys: string; what: string }[] = [
  { keys: '↑ ↓', what: 'Move through the queue' },
  {
    keys: 'Page Up / Page Down, Home / End',
    what: 'Move a page, or to the ends',
  },
  { keys: 'Space', what: 'Tick or untick the selected request' },
  { keys: 'Ctrl+click', what: 'Tick or untick a request' },
];

/** The command a key press asks for, if any. */
export function commandFor(event: KeyLike, typing: boolean): CommandId | null {
  for (const shortcut of SHORTCUTS) {
    if (!shortcut.matches(event)) continue;
    // Ctrl+K works anywhere; the rest only outside text fields.
    if (typing && shortcut.command !== 'palette') return null;
    return shortcut.command;
  }
  return null;
}
