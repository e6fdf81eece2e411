export { dataQualityModule } from './data-quality.module';
export { dataQualityProjector } from './data-quality.projector';
