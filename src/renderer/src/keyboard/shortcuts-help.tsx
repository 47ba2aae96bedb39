// `?`: every shortcut, from the same table the key handler reads.
import { useEffect, useRef } from 'react';

import { QUEUE_KEYS, SHORTCUTS } from './shortcuts';

export function ShortcutsHelp(props: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);

  const rows = [
    ...SHORTCUTS.map(({ keys, what }) => ({ keys, what })),
    ...QUEUE_KEYS,
  ];

  return (
    <div className="modal-backdrop" onClick={props.onClose}>
      <div
        className="help-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-help"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // Closes this dialog only: the window's own Escape (close the
          // request details) must not see the same key press.
          event.preventDefault();
          props.onClose();
        }}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {rows.map((row) => (
              <tr key={row.keys}>
                <th scope="row">
                  <kbd>{row.keys}</kbd>
                </th>
                <td>{row.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          ref={closeButton}
          type="button"
          className="quiet-button"
          onClick={props.onClose}
        >
          Close
        </button>
      </div>
    </div>
  );
}
