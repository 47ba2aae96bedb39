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

/** What the map draws today for a saved source, in words. */
export function basemapNote(source: BasemapSource): string | null {
  if (source.kind === 'bundled') return null;

  // TODO: draw PMTiles/MBTiles (needs tile serving over app://) and style
  // URLs (needs the CSP to allow that host); until then the choice is kept
  // and the map stays on the bundled Boston basemap.
  return (
    'Saved. This version still draws the bundled Boston map; the chosen ' +
    'source is used once StreetDesk can serve it.'
  );
}
