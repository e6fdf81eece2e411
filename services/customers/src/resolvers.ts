import type { Resolvers } from './generated/graphql';
import { customerResolvers } from './modules/customer';

export const resolvers: Resolvers[] = [customerResolvers];
