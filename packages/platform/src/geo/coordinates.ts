import { distance } from '@turf/distance';
import gcoord from 'gcoord';
import { InputException } from '../errors';

/**
 * WGS-84 is what GPS and PostGIS use; GCJ-02 is the obfuscated datum Chinese law requires of maps
 * (AMap/高德, Tencent, WeChat location); BD-09 is Baidu's further offset of GCJ-02. Declared once so
 * a GraphQL enum can be built from the same list.
 */
export const COORDINATE_SYSTEMS = ['WGS84', 'GCJ02', 'BD09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

/** A point always carries its datum: the same two numbers are hundreds of metres apart across datums. */
export interface GeoPoint {
  readonly longitude: number;
  readonly latitude: number;
  readonly system: CoordinateSystem;
}

const CRS = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

/**
 * The same place in another datum. GCJ-02 only shifts points inside China's bounding box, so
 * elsewhere WGS84 and GCJ02 coordinates are equal (BD-09 still adds Baidu's own offset).
 */
export function convertPoint(point: GeoPoint, to: CoordinateSystem): GeoPoint {
  assertValidPoint(point.longitude, point.latitude);
  if (point.system === to) return point;
  const [longitude, latitude] = gcoord.transform<[number, number]>([point.longitude, point.latitude], CRS[point.system], CRS[to]);
  return { longitude, latitude, system: to };
}

/**
 * Great-circle distance in metres. Both points go to WGS-84 first: distances are only meaningful
 * within one datum, and comparing a phone's GPS fix with a GCJ-02 customer address as raw numbers
 * would put someone standing at the door several hundred metres away.
 */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const from = convertPoint(a, 'WGS84');
  const to = convertPoint(b, 'WGS84');
  return distance([from.longitude, from.latitude], [to.longitude, to.latitude], { units: 'meters' });
}

/** Refuses what a client might send (NaN, swapped or out-of-range values) before it reaches a rule or a row. */
export function assertValidPoint(longitude: number, latitude: number): void {
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw new InputException(`longitude: must be a number from -180 to 180, got ${longitude}.`, 'longitude');
  }
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw new InputException(`latitude: must be a number from -90 to 90, got ${latitude}.`, 'latitude');
  }
}
