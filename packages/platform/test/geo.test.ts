import { assertValidPoint, convertPoint, COORDINATE_SYSTEMS, distanceMetres, type GeoPoint } from '../src/geo';

const TIANANMEN: GeoPoint = { longitude: 116.391275, latitude: 39.906217, system: 'WGS84' };
const PEOPLES_SQUARE: GeoPoint = { longitude: 121.4737, latitude: 31.2304, system: 'WGS84' };
const DEGREES = 1e-5;

function expectNear(actual: GeoPoint, expected: GeoPoint): void {
  expect(actual.system).toBe(expected.system);
  expect(Math.abs(actual.longitude - expected.longitude)).toBeLessThan(DEGREES);
  expect(Math.abs(actual.latitude - expected.latitude)).toBeLessThan(DEGREES);
}

describe('convertPoint', () => {
  it('lists the systems once, for a GraphQL enum', () => {
    expect(COORDINATE_SYSTEMS).toEqual(['WGS84', 'GCJ02', 'BD09']);
  });

  it('shifts Tiananmen into GCJ-02 and BD-09 and back', () => {
    const gcj = convertPoint(TIANANMEN, 'GCJ02');
    const bd = convertPoint(TIANANMEN, 'BD09');
    expectNear(gcj, { longitude: 116.397516, latitude: 39.907618, system: 'GCJ02' });
    expectNear(bd, { longitude: 116.40389, latitude: 39.913962, system: 'BD09' });
    expectNear(convertPoint(gcj, 'WGS84'), TIANANMEN);
    expectNear(convertPoint(bd, 'WGS84'), TIANANMEN);
    expectNear(convertPoint(gcj, 'BD09'), bd);
    expectNear(convertPoint(bd, 'GCJ02'), gcj);
  });

  it('returns a point already in the target system unchanged', () => {
    expect(convertPoint(TIANANMEN, 'WGS84')).toEqual(TIANANMEN);
  });

  it('leaves points outside China alone in GCJ-02, which only obfuscates inside it', () => {
    const london: GeoPoint = { longitude: -0.1276, latitude: 51.5072, system: 'WGS84' };
    expect(convertPoint(london, 'GCJ02')).toEqual({ ...london, system: 'GCJ02' });
  });
});

describe('distanceMetres', () => {
  it("measures People's Square to Tiananmen as about 1,067 km", () => {
    const km = distanceMetres(PEOPLES_SQUARE, TIANANMEN) / 1000;
    expect(Math.abs(km - 1067) / 1067).toBeLessThan(0.01);
  });

  it('puts one place in two datums 0 m apart, where comparing the raw numbers says ~555 m', () => {
    const gcj = convertPoint(TIANANMEN, 'GCJ02');
    expect(distanceMetres(TIANANMEN, gcj)).toBeLessThan(0.5);
    // The mistake conversion prevents: GCJ-02 numbers read as if they were WGS-84.
    const naive = distanceMetres(TIANANMEN, { ...gcj, system: 'WGS84' });
    expect(naive).toBeGreaterThan(500);
    expect(naive).toBeLessThan(600);
  });

  it('puts a BD-09 point over a kilometre off when compared naively, and 0 m after conversion', () => {
    const bd = convertPoint(TIANANMEN, 'BD09');
    expect(distanceMetres(bd, TIANANMEN)).toBeLessThan(0.5);
    expect(distanceMetres({ ...bd, system: 'WGS84' }, TIANANMEN)).toBeGreaterThan(1000);
  });
});

describe('assertValidPoint', () => {
  it('accepts the extremes of the globe', () => {
    expect(() => assertValidPoint(180, -90)).not.toThrow();
    expect(() => assertValidPoint(-180, 90)).not.toThrow();
  });

  it.each([
    [Number.NaN, 39.9, 'longitude', 'longitude: must be a number from -180 to 180, got NaN.'],
    [180.000001, 39.9, 'longitude', 'longitude: must be a number from -180 to 180, got 180.000001.'],
    [Number.POSITIVE_INFINITY, 39.9, 'longitude', 'longitude: must be a number from -180 to 180, got Infinity.'],
    [116.4, Number.NaN, 'latitude', 'latitude: must be a number from -90 to 90, got NaN.'],
    [39.9, 116.4, 'latitude', 'latitude: must be a number from -90 to 90, got 116.4.'],
    [116.4, -90.5, 'latitude', 'latitude: must be a number from -90 to 90, got -90.5.'],
  ])('refuses (%p, %p) naming %s', (longitude, latitude, field, message) => {
    expect(() => assertValidPoint(longitude, latitude)).toThrow(
      expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', field } }),
    );
  });

  it('guards conversion and distance too, so NaN never becomes a silent distance', () => {
    const broken: GeoPoint = { longitude: Number.NaN, latitude: 39.9, system: 'GCJ02' };
    expect(() => convertPoint(broken, 'WGS84')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'longitude' } }));
    expect(() => distanceMetres(broken, TIANANMEN)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'longitude' } }));
  });
});
