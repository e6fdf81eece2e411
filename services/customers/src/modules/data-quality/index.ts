export { dataQualityModule } from './data-quality.module';
export { createDataQualityLoaders, type DataQualityLoaders } from './data-quality.loaders';
