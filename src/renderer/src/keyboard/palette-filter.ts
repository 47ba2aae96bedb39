// The command palette's commands and how typing narrows them.

export type PaletteCommand = {
  id: string;
  label: string;
  hint?: string;
  run: () => void;
};

/**
 * Commands in which every typed word starts a word of the label; those
 * with more whole-word hits first, so "crew c" puts Crew C above Crew A.
 */
export function filterCommands(
  commands: readonly PaletteCommand[],
  typed: string,
): PaletteCommand[] {
  // Typed and label words split alike, so "(jamaica" finds "(Jamaica Plain)".
  const typedWords = wordsOf(typed).filter(Boolean);
  if (typedWords.length === 0) return [...commands];

  const scored = [];
  for (const command of commands) {
    const words = wordsOf(command.label);
    const found = typedWords.every((typedWord) =>
      words.some((word) => word.startsWith(typedWord)),
    );
    if (!found) continue;
    const whole = typedWords.filter((w) => words.includes(w)).length;
    scored.push({ command, whole });
  }

  return scored.sort((a, b) => b.whole - a.whole).map((entry) => entry.command);
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
}
