// The windows the console opened itself. The IPC layer serves only their
// webContents, and events are pushed only to them.
import type { BrowserWindow, WebContents } from 'electron';

export type WindowRegistry = {
  add(window: BrowserWindow): void;
  /** True when `contents` belongs to a live window we created. */
  owns(contents: WebContents): boolean;
  all(): BrowserWindow[];
};

export function createWindowRegistry(): WindowRegistry {
  const windows = new Map<number, BrowserWindow>();

  return {
    add(window) {
      const id = window.webContents.id;
      windows.set(id, window);
      window.on('closed', () => windows.delete(id));
    },
    owns(contents) {
      const window = windows.get(contents.id);
      return window !== undefined && window.webContents === contents;
    },
    all() {
      return [...windows.values()].filter((window) => !window.isDestroyed());
    },
  };
}
