import { entityLoader } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Pipeline } from './pipeline.entity';

/** Pipelines are no one's: everyone signed in reads them. */
export function createPipelineLoaders(em: EntityManager) {
  return { pipeline: entityLoader(em, Pipeline) };
}
