// Where each keyboard command puts the focus. Queried after the next
// paint, since the command may first switch the side panel's tab.

const SELECTORS = {
  queue: '[data-testid="queue"]',
  search: 'input[type="search"]',
  assign:
    '[data-testid="crew-suggestions"] button:not(:disabled), [data-testid="assign-section"] select',
  status: '.status-moves button',
  note: '.note-form textarea',
} as const;

export type FocusTarget = keyof typeof SELECTORS;

/** Focuses the target once the screen has caught up; false if absent. */
export function focusSoon(target: FocusTarget): Promise<boolean> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const element = document.querySelector<HTMLElement>(SELECTORS[target]);
      element?.focus();
      resolve(element !== null);
    });
  });
}
