// Typed search text as an FTS5 query that cannot be a syntax error: every
// word becomes a quoted prefix term, so operators, quotes, brackets and
// stars a user types are only ever words or separators.

/** More words than this add nothing but cost; the rest are ignored. */
const MAX_TERMS = 8;

/** Longest word kept; longer ones are cut (no address word is this long). */
const MAX_TERM_LENGTH = 40;

// The characters FTS5's unicode61 tokenizer keeps in a token.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The words of the text, lower-cased, each once, in typed order. */
export function searchWords(text: string): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  const unique = [...new Set(words.map((w) => w.slice(0, MAX_TERM_LENGTH)))];

  return unique.slice(0, MAX_TERMS);
}

/**
 * The FTS5 MATCH expression for typed text: all words, each as a prefix
 * ("main st" finds "Main Street"); null when the text has no words.
 */
export function searchMatchExpression(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;

  // A word holds only letters, digits and marks, so it never contains the
  // double quote that would end the string.
  return words.map((word) => `"${word}"*`).join(' ');
}
