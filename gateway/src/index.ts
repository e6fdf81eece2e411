export { loadPersistedDocuments } from './persisted-documents';
export { startGateway, type GatewayOptions, type RunningGateway } from './start-gateway';
