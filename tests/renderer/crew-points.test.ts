import { describe, expect, it } from 'vitest';

import { crewFeatures } from '../../src/renderer/src/map/crew-points';

const crew = (
  crewId: string,
  lastLat: number | null,
  lastLong: number | null,
) => ({
  crewId,
  name: `Crew ${crewId}`,
  status: 'en_route' as const,
  lastLat,
  lastLong,
});

describe('the crews on the map', () => {
  it('puts each crew that reported a position at it, as long, lat', () => {
    const { features } = crewFeatures([crew('C1', 42.35, -71.06)]);

    expect(features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [-71.06, 42.35] },
        properties: { id: 'C1', name: 'Crew C1', status: 'en_route' },
      },
    ]);
  });

  it('leaves off a crew with no position rather than drawing it at its depot', () => {
    const { features } = crewFeatures([
      crew('GONE', null, null),
      crew('HALF', 42.35, null),
      crew('BAD', Number.NaN, -71.06),
      crew('HERE', 42.3, -71.1),
    ]);

    expect(features.map((feature) => feature.properties.id)).toEqual(['HERE']);
  });
});
