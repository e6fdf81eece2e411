export { pipelineModule } from './pipeline.module';
export { Pipeline, activeStages, findStage, type PipelineStage } from './pipeline.entity';
export { createPipelineLoaders } from './pipeline.loaders';
export { DEFAULT_PIPELINE_ID } from './pipeline.defaults';
export { PipelineNotFoundException, InvalidPipelineException } from './pipeline.exception';
