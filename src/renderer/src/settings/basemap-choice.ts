// The basemap form's draft and the source it stands for. Pure, so the
// rules are tested without a DOM; the services check the file itself.
import type { BasemapSource } from '../../../shared/contract';

export type BasemapKind = BasemapSource['kind'];

export type BasemapDraft = { kind: BasemapKind; path: string; url: string };

export const BASEMAP_KINDS: { kind: BasemapKind; label: string }[] = [
  { kind: 'bundled', label: 'Bundled Boston map (works offline)' },
  { kind: 'pmtiles', label: 'PMTiles file on this computer' },
  { kind: 'mbtiles', label: 'MBTiles file on this computer' },
  { kind: 'style-url', label: 'Map style URL' },
];

export function draftOf(source: BasemapSource): BasemapDraft {
  return {
    kind: source.kind,
    path:
      source.kind === 'pmtiles' || source.kind === 'mbtiles' ? source.path : '',
    url: source.kind === 'style-url' ? source.url : '',
  };
}

export function sourceOf(draft: BasemapDraft): BasemapSource {
  switch (draft.kind) {
    case 'bundled':
      return { kind: 'bundled' };
    case 'pmtiles':
    case 'mbtiles':
      return { kind: draft.kind, path: draft.path.trim() };
    case 'style-url':
      return { kind: 'style-url', url: draft.url.trim() };
  }
}

/**
 * Whether the page must reload to draw the new choice: a style URL on
 * another host is let in by the page's security policy, which is fixed
 * when the page loads.
 */
export function needsReload(
  before: BasemapSource,
  after: BasemapSource,
): boolean {
  if (after.kind !== 'style-url') return false;
  const originOf = (url: string) => {
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  };

  return (
    before.kind !== 'style-url' || originOf(before.url) !== originOf(after.url)
  );
}
