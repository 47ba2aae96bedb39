// A theme switch recolours the map in place: each basemap layer's paint is
// set to the other theme's, so the requests' sources and layers, the
// selection and the camera stay as they are. Making the map again, or
// handing it a whole new style, would empty the request sources until the
// next layer arrived.
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';

type PaintName = Parameters<MapLibreMap['setPaintProperty']>[1];
type PaintValue = Parameters<MapLibreMap['setPaintProperty']>[2];

export type PaintChange = {
  layer: string;
  property: PaintName;
  /** undefined puts the property back to MapLibre's default. */
  value: PaintValue;
};

type Paint = Record<string, unknown>;

const paintOf = (layer: { paint?: unknown }): Paint =>
  (layer.paint ?? {}) as Paint;

/**
 * The paint properties that turn a map drawn with `from` into one drawn with
 * `to`, for the layers both have. Layers, sources and layout are left alone:
 * the two styles must differ in paint only, as the themes' styles do.
 */
export function paintChanges(
  from: StyleSpecification,
  to: StyleSpecification,
): PaintChange[] {
  const before = new Map(from.layers.map((layer) => [layer.id, layer]));
  const changes: PaintChange[] = [];

  for (const layer of to.layers) {
    const old = before.get(layer.id);
    if (old === undefined) continue;

    const was = paintOf(old);
    const now = paintOf(layer);
    const properties = new Set([...Object.keys(was), ...Object.keys(now)]);
    for (const property of properties) {
      if (JSON.stringify(was[property]) === JSON.stringify(now[property])) {
        continue;
      }
      changes.push({
        layer: layer.id,
        property: property as PaintName,
        value: now[property] as PaintValue,
      });
    }
  }

  return changes;
}

/** Recolours a map drawn with `from` in the colours of `to`. */
export function restyleMap(
  map: MapLibreMap,
  from: StyleSpecification,
  to: StyleSpecification,
): void {
  for (const { layer, property, value } of paintChanges(from, to)) {
    map.setPaintProperty(layer, property, value);
  }
  if (typeof to.sprite === 'string' && to.sprite !== from.sprite) {
    map.setSprite(to.sprite);
  }
}
