import type { Resolvers } from './generated/graphql';
import { complaintResolvers } from './modules/complaint';

export const resolvers: Resolvers[] = [complaintResolvers];
