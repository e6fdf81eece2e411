import { area } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { featureCollection, point, polygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { kinks } from '@turf/kinks';

/** [longitude, latitude], GeoJSON's order. */
export type LngLat = [number, number];

/** Shared corners or edges are borders, not overlaps; below this many m² an intersection is rounding. */
const OVERLAP_TOLERANCE_M2 = 1;

/** The outline closed (last corner = first), as GeoJSON and the database keep it. */
export function closeRing(corners: LngLat[]): LngLat[] {
  const [first] = corners;
  const last = corners.at(-1);
  return first && last && first[0] === last[0] && first[1] === last[1] ? corners : [...corners, first!];
}

export const crossesItself = (ring: LngLat[]): boolean => kinks(polygon([ring])).features.length > 0;

export const squareMetres = (ring: LngLat[]): number => area(polygon([ring]));

export const contains = (ring: LngLat[], at: LngLat): boolean => booleanPointInPolygon(point(at), polygon([ring]));

export function overlap(a: LngLat[], b: LngLat[]): boolean {
  const shared = intersect(featureCollection([polygon([a]), polygon([b])]));
  return shared !== null && area(shared) > OVERLAP_TOLERANCE_M2;
}

/** PostgreSQL `box` text for the outline's bounding box, which the GiST index narrows lookups by. */
export function boundingBox(ring: LngLat[]): string {
  const lngs = ring.map(([lng]) => lng);
  const lats = ring.map(([, lat]) => lat);
  return `((${Math.min(...lngs)},${Math.min(...lats)}),(${Math.max(...lngs)},${Math.max(...lats)}))`;
}
