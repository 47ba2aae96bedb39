// Reads the update feed's latest.yml as electron-builder writes it: the
// version, and each file with its sha512 (base64) and size. Only that
// small, fixed shape is understood; anything else is a readable error.

export type FeedFile = { url: string; sha512: string; size: number | null };

export type FeedRelease = {
  version: string;
  files: FeedFile[];
  releaseDate: string | null;
};

export class FeedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedFormatError';
  }
}

const unquote = (value: string) => {
  const trimmed = value.trim();
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(trimmed);
  if (quoted === null) return trimmed;

  return (quoted[1] ?? quoted[2] ?? '').replace(/''/g, "'");
};

export function parseLatestYml(text: string): FeedRelease {
  const top = new Map<string, string>();
  const files: Record<string, string>[] = [];
  let inFiles = false;

  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;

    const entry = /^(\s*)(- )?([A-Za-z0-9_]+):\s*(.*)$/.exec(raw);
    if (entry === null) continue;
    const indent = entry[1] ?? '';
    const dash = entry[2];
    const key = entry[3] ?? '';
    const value = entry[4] ?? '';

    if (indent === '' && dash === undefined) {
      inFiles = key === 'files' && value === '';
      top.set(key, unquote(value));
      continue;
    }
    if (!inFiles) continue;
    if (dash !== undefined) files.push({});
    const file = files.at(-1);
    if (file !== undefined) file[key] = unquote(value);
  }

  const version = top.get('version');
  if (version === undefined || version === '') {
    throw new FeedFormatError(
      'The update feed has no version in latest.yml; ask IT to publish it ' +
        'again with electron-builder.',
    );
  }

  const listed: FeedFile[] = [];
  for (const { url, sha512, size } of files) {
    if (!url || !sha512) continue;
    listed.push({
      url,
      sha512,
      size: size === undefined ? null : Number(size),
    });
  }
  // Older feeds name one file at the top level only.
  const legacyPath = top.get('path');
  const legacySha = top.get('sha512');
  if (listed.length === 0 && legacyPath && legacySha) {
    listed.push({ url: legacyPath, sha512: legacySha, size: null });
  }
  if (listed.length === 0) {
    throw new FeedFormatError(
      `The update feed's latest.yml for ${version} names no file with a ` +
        'sha512 checksum, so nothing from it can be verified or installed.',
    );
  }

  return {
    version,
    files: listed,
    releaseDate: top.get('releaseDate') ?? null,
  };
}
