export { assertValidPoint, convertPoint, COORDINATE_SYSTEMS, distanceMetres, type CoordinateSystem, type GeoPoint } from './coordinates';
export { boundingBox, closeRing, contains, crossesItself, overlap, squareMetres, type LngLat } from './geo-outline';
