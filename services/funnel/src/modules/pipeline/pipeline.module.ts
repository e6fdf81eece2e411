import { defineModule } from '@crm/platform';
import { pipelineMigrations } from './migrations';
import { PipelineSchema } from './pipeline.entity';
import { pipelineResolvers } from './pipeline.resolvers';

/** FUN-2: the stage pipelines admins define per business line, which opportunities move through. */
export const pipelineModule = defineModule({
  name: 'pipeline',
  entities: [PipelineSchema],
  migrations: pipelineMigrations,
  resolvers: [pipelineResolvers],
});
