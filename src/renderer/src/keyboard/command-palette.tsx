// Ctrl+K: every command by name, filtered as you type, run with Enter.
// Crew assignments for the selected or ticked requests are commands too.
import { useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';

import { filterCommands, type PaletteCommand } from './palette-filter';

export function CommandPalette(props: {
  commands: PaletteCommand[];
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(
    () => filterCommands(props.commands, typed),
    [props.commands, typed],
  );
  const current = Math.min(active, Math.max(0, shown.length - 1));

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    props.onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: Math.min(shown.length - 1, current + 1),
      ArrowUp: Math.max(0, current - 1),
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key]!);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(shown[current]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
    }
  };

  return (
    <div className="modal-backdrop" onClick={props.onClose}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        data-testid="command-palette"
        onClick={(event) => event.stopPropagation()}
      >
        <input
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={
            shown[current] ? `palette-${shown[current].id}` : undefined
          }
          aria-label="Type a command"
          placeholder="Type a command…"
          autoFocus
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul className="palette-list" id="palette-list" role="listbox">
          {shown.length === 0 ? (
            <li className="muted palette-empty">No command matches.</li>
          ) : (
            shown.map((command, index) => (
              <li
                key={command.id}
                id={`palette-${command.id}`}
                role="option"
                aria-selected={index === current}
                onClick={() => run(command)}
              >
                <span>{command.label}</span>
                {command.hint ? (
                  <kbd className="palette-hint">{command.hint}</kbd>
                ) : null}
              </li>
            ))
          )}
        </ul>
      </div>
    </div>
  );
}
