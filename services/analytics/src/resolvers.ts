import type { Resolvers } from './generated/graphql';
import { customerCountResolvers } from './modules/customer-count';

export const resolvers: Resolvers[] = [customerCountResolvers];
