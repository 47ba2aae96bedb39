// Word-prefix search over a request's address, type and description, held
// in memory: each request keeps one folded string of its words, and a typed
// word matches when it starts one of them ("main st" finds "Main Street").
// Typed text is only ever words, so no character a user types is syntax.

/** More words than this add nothing but cost; the rest are ignored. */
const MAX_TERMS = 8;

/** Longest word kept; longer ones are cut (no address word is this long). */
const MAX_TERM_LENGTH = 40;

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/** Lower case without accents: "Café" and "CAFE" fold alike. */
function fold(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** The words of typed text, folded, each once, in typed order. */
export function searchWords(text: string): string[] {
  const words = fold(text).match(WORD) ?? [];
  const unique = [...new Set(words.map((w) => w.slice(0, MAX_TERM_LENGTH)))];

  return unique.slice(0, MAX_TERMS);
}

/**
 * The searchable form of a request's texts: its folded words, each after a
 * space, so " word" marks where a word starts.
 */
export function searchableText(...texts: (string | null)[]): string {
  let words = '';
  for (const text of texts) {
    if (!text) continue;
    for (const word of fold(text).match(WORD) ?? []) words += ` ${word}`;
  }

  return words;
}

/** True when every word starts some word of the searchable text. */
export function matchesWords(searchable: string, words: string[]): boolean {
  for (const word of words) {
    if (!searchable.includes(` ${word}`)) return false;
  }

  return true;
}
