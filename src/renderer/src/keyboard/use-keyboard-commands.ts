// One keydown listener for the whole window: turns shortcut keys into
// commands, and leaves typing alone.
import { useEffect } from 'react';

import { commandFor, type CommandId } from './shortcuts';
import { isTypingTarget } from './typing-target';

export function useKeyboardCommands(
  run: (command: CommandId) => void,
  enabled: boolean,
): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const command = commandFor(event, isTypingTarget(event.target));
      if (command === null) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKeyDown);

    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run, enabled]);
}
