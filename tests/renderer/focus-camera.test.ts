import { describe, expect, it } from 'vitest';

import { needsFocus } from '../../src/renderer/src/map/focus-camera';

// About a kilometre and a half across, at street zoom.
const street = {
  west: -71.07,
  east: -71.05,
  south: 42.34,
  north: 42.36,
  zoom: 15.5,
};

describe('moving the map to a request chosen in the queue', () => {
  it('keeps the map still when the request is well in view at street zoom', () => {
    expect(needsFocus(street, { long: -71.06, lat: 42.35 })).toBe(false);
    expect(needsFocus(street, { long: -71.0535, lat: 42.3565 })).toBe(false);
  });

  it('moves when the request is off screen or near an edge', () => {
    expect(needsFocus(street, { long: -71.1, lat: 42.35 })).toBe(true);
    expect(needsFocus(street, { long: -71.0505, lat: 42.35 })).toBe(true);
    expect(needsFocus(street, { long: -71.06, lat: 42.3405 })).toBe(true);
  });

  it('zooms in from a city-wide view, even onto a point in view', () => {
    expect(
      needsFocus({ ...street, zoom: 11.4 }, { long: -71.06, lat: 42.35 }),
    ).toBe(true);
    expect(
      needsFocus({ ...street, zoom: 14.6 }, { long: -71.06, lat: 42.35 }),
    ).toBe(false);
  });
});
