import { parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { activeStages } from './pipeline.entity';
import { createPipeline, listPipelines, updatePipeline } from './pipeline.service';

export const pipelineResolvers: Resolvers = {
  Query: {
    pipelines: (_root, args, { em, actor }) => {
      requireActor(actor);
      return listPipelines(em, parsePageArgs(args));
    },
    pipeline: (_root, { id }, { loaders, actor }) => {
      requireActor(actor);
      return loaders.pipeline.load(parseId(id));
    },
  },
  Mutation: {
    createPipeline: (_root, { input }, context) => createPipeline(context, input),
    updatePipeline: (_root, { input }, context) => updatePipeline(context, input),
  },
  Pipeline: {
    __resolveReference: (ref, { loaders }) => loaders.pipeline.load(ref.id),
    stages: (pipeline) => activeStages(pipeline),
    retiredStages: (pipeline) => pipeline.stages.filter((stage) => stage.retired),
  },
};
