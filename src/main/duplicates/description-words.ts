// The telling words of a request's description. Boston's descriptions are
// mostly the type's own name ("Graffiti Removal") or intake filler
// ("PRINTED", "Other: Complaint"); what is left ("Ward 22 2211", "pole
// replacement") is what two reports of one problem can share.

const FILLER = new Set([
  'a',
  'an',
  'and',
  'at',
  'by',
  'comment',
  'complaint',
  'for',
  'from',
  'in',
  'is',
  'it',
  'of',
  'on',
  'or',
  'other',
  'please',
  'printed',
  'request',
  'requests',
  'the',
  'to',
  'with',
]);

const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string | null): string[] {
  if (text === null) return [];

  return (
    text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(WORD) ?? []
  );
}

/** The description's words, less filler and the words of its type name. */
export function descriptionWords(
  description: string | null,
  type: string,
): string[] {
  const typeWords = new Set(words(type));
  const telling = words(description).filter(
    (word) => !FILLER.has(word) && !typeWords.has(word),
  );

  return [...new Set(telling)];
}

/**
 * Shared words over the shorter description's words (the overlap
 * coefficient): a terse "PublicWorks: Complaint" wholly inside a longer
 * "PublicWorks: Missed Trash" matches fully. 0 when either has none.
 */
export function wordOverlap(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;

  // Descriptions have a handful of telling words: a loop beats a Set.
  let shared = 0;
  for (const word of b) if (a.includes(word)) shared++;

  return shared / Math.min(a.length, b.length);
}
