// The crews' last known positions as map features: drawn as their own
// marks, apart from the requests, so neither is taken for the other.
import type { Crew, CrewStatus } from '../../../shared/sync-protocol';

export type CrewPointFeature = {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { id: string; name: string; status: CrewStatus };
};

export type CrewPointCollection = {
  type: 'FeatureCollection';
  features: CrewPointFeature[];
};

type Placed = Pick<Crew, 'crewId' | 'name' | 'status' | 'lastLat' | 'lastLong'>;

/**
 * One feature per crew that reported a position; a crew with none (off
 * shift, say) is left off the map rather than drawn at its depot.
 */
export function crewFeatures(crews: readonly Placed[]): CrewPointCollection {
  const features: CrewPointFeature[] = [];
  for (const crew of crews) {
    const { lastLat: lat, lastLong: long } = crew;
    if (lat === null || long === null) continue;
    if (!Number.isFinite(lat) || !Number.isFinite(long)) continue;

    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [long, lat] },
      properties: { id: crew.crewId, name: crew.name, status: crew.status },
    });
  }

  return { type: 'FeatureCollection', features };
}
