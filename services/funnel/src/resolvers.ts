import type { Resolvers } from './generated/graphql';
import { leadResolvers } from './modules/lead';

export const resolvers: Resolvers[] = [leadResolvers];
