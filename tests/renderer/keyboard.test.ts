import { describe, expect, it, vi } from 'vitest';

import { filterCommands } from '../../src/renderer/src/keyboard/palette-filter';
import { paletteCommands } from '../../src/renderer/src/keyboard/palette-commands';
import {
  SHORTCUTS,
  commandFor,
} from '../../src/renderer/src/keyboard/shortcuts';
import type { CrewListItem } from '../../src/shared/contract';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('maps keys to commands outside text fields', () => {
    expect(commandFor(key('a'), false)).toBe('assign');
    expect(commandFor(key('?'), false)).toBe('help');
    expect(commandFor(key('k', { ctrlKey: true }), false)).toBe('palette');
    expect(commandFor(key('K', { metaKey: true }), false)).toBe('palette');
    expect(commandFor(key('z'), false)).toBeNull();
  });

  it('leaves letters to text fields, except the palette', () => {
    expect(commandFor(key('a'), true)).toBeNull();
    expect(commandFor(key('/'), true)).toBeNull();
    expect(commandFor(key('Escape'), true)).toBeNull();
    expect(commandFor(key('k', { ctrlKey: true }), true)).toBe('palette');
  });

  it('does not take a letter typed with Ctrl or Alt', () => {
    expect(commandFor(key('a', { ctrlKey: true }), false)).toBeNull();
    expect(commandFor(key('a', { altKey: true }), false)).toBeNull();
  });

  it('gives every shortcut its own keys and command', () => {
    expect(new Set(SHORTCUTS.map((s) => s.keys)).size).toBe(SHORTCUTS.length);
    expect(new Set(SHORTCUTS.map((s) => s.command)).size).toBe(
      SHORTCUTS.length,
    );
  });
});

const NOW = 1_000_000;
const crew = (id: string, status: CrewListItem['status']): CrewListItem => ({
  crewId: id,
  name: `Crew ${id}`,
  depot: 'Yard',
  depotLat: 42.3,
  depotLong: -71,
  lastLat: null,
  lastLong: null,
  status,
  queues: ['Q'],
  shiftStart: NOW - 10,
  shiftEnd: NOW + 10,
  version: 1,
  pending: false,
  activeAssignments: 0,
});

describe('the command palette', () => {
  const base = {
    crews: [
      crew('A', 'available'),
      crew('B', 'off_shift'),
      crew('C', 'on_site'),
    ],
    now: NOW,
    selectedId: 'R1',
    markedIds: [] as string[],
    dispatch: {
      serviceRequestId: 'R1',
      workStatus: 'assigned' as const,
      assignedCrewId: 'A',
      mergedInto: null,
      version: 3,
      pending: false,
    },
    assign: vi.fn(() => Promise.resolve(true)),
    setStatus: vi.fn(() => Promise.resolve(true)),
  };
  const context = { run: vi.fn(), toggleTheme: vi.fn() };

  it('offers on-shift crews for the selection and runs the assignment', () => {
    const commands = paletteCommands(base, context);
    const labels = commands.map((c) => c.label);

    expect(labels).toContain('Assign Crew A to request R1');
    expect(labels).toContain('Assign Crew C to request R1');
    expect(labels.some((l) => l.includes('Crew B'))).toBe(false);
    expect(labels).toContain('Start work on request R1');

    commands.find((c) => c.label === 'Assign Crew C to request R1')!.run();
    expect(base.assign).toHaveBeenCalledWith(['R1'], 'C');
  });

  it('assigns the ticked requests when some are ticked', () => {
    const commands = paletteCommands(
      { ...base, markedIds: ['R7', 'R8'] },
      context,
    );
    commands
      .find((c) => c.label === 'Assign Crew A to 2 ticked requests')!
      .run();

    expect(base.assign).toHaveBeenCalledWith(['R7', 'R8'], 'A');
  });

  it('filters by the start of words, whole-word hits first', () => {
    const commands = paletteCommands(base, context);

    const found = filterCommands(commands, 'assign crew c').map((c) => c.label);
    expect(found[0]).toBe('Assign Crew C to request R1');
    expect(found).toContain('Assign Crew A to request R1');
    expect(filterCommands(commands, 'sta wor').map((c) => c.label)).toEqual([
      'Start work on request R1',
    ]);
    expect(filterCommands(commands, '  ')).toHaveLength(commands.length);
    // Punctuation in what is typed splits words as it does in the labels.
    expect(
      filterCommands(commands, 'assign crew-c (request r1)').map(
        (c) => c.label,
      )[0],
    ).toBe('Assign Crew C to request R1');
    expect(filterCommands(commands, 'no such thing')).toEqual([]);
  });
});
