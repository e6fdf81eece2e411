export { assertValidPoint, convertPoint, COORDINATE_SYSTEMS, distanceMetres, type CoordinateSystem, type GeoPoint } from './coordinates';
