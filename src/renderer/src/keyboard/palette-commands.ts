// The command palette's list, made from what the screen holds now: the
// fixed commands, then one "Assign <crew>" per crew on shift, and the
// status moves the selected request allows.
import { allowedMoves } from '../dispatch/status-moves';
import type { AppState } from '../store/app-state';
import type { PaletteCommand } from './palette-filter';
import { SHORTCUTS, type CommandId } from './shortcuts';

export type PaletteContext = {
  run: (command: CommandId) => void;
  toggleTheme: () => void;
};

type PaletteState = Pick<
  AppState,
  | 'crews'
  | 'now'
  | 'selectedId'
  | 'markedIds'
  | 'dispatch'
  | 'assign'
  | 'setStatus'
>;

export function paletteCommands(
  state: PaletteState,
  context: PaletteContext,
): PaletteCommand[] {
  const commands: PaletteCommand[] = SHORTCUTS.filter(
    (shortcut) => shortcut.command !== 'palette',
  ).map((shortcut) => ({
    id: `command-${shortcut.command}`,
    label: shortcut.what,
    hint: shortcut.keys,
    run: () => context.run(shortcut.command),
  }));
  commands.push({
    id: 'command-theme',
    label: 'Switch between the dark and light theme',
    run: context.toggleTheme,
  });

  // Ticked requests first: a lasso or ticks mean "these", else the selection.
  const targets =
    state.markedIds.length > 0
      ? state.markedIds
      : state.selectedId !== null
        ? [state.selectedId]
        : [];
  const what =
    targets.length === 1
      ? `request ${targets[0]}`
      : `${targets.length} ticked requests`;
  if (targets.length > 0) {
    const onShift = state.crews.filter(
      (crew) =>
        crew.status !== 'off_shift' &&
        state.now >= crew.shiftStart &&
        state.now < crew.shiftEnd,
    );
    for (const crew of onShift) {
      commands.push({
        id: `assign-${crew.crewId}`,
        label: `Assign ${crew.name} to ${what}`,
        run: () => void state.assign([...targets], crew.crewId),
      });
    }
  }

  const selected = state.selectedId;
  if (selected !== null && state.dispatch?.serviceRequestId === selected) {
    for (const target of allowedMoves(state.dispatch.workStatus)) {
      // Resolving and closing need a reason: the status form asks for it.
      if (target === 'resolved' || target === 'closed') continue;
      commands.push({
        id: `status-${target}`,
        label:
          target === 'in_progress'
            ? `Start work on request ${selected}`
            : `Put request ${selected} back in the queue`,
        run: () => void state.setStatus(selected, target, null),
      });
    }
  }

  return commands;
}
