export { divisionChain, findDivision, leafDivisionsUnder, type Division } from './divisions';
export { boundingBox, closeRing, contains, crossesItself, overlap, squareMetres, type LngLat } from './geo-outline';
export { territoryOwnerOf, type TerritoryLocation, type TerritoryTables } from './territory-resolution';
