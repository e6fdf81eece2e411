import type { Resolvers } from '../../generated/graphql';
import { login, refreshSession } from './session.service';

export const sessionResolvers: Resolvers = {
  Mutation: {
    login: (_root, args, context) => login(context, context.auth, args, context.clientAddress),
    refreshSession: (_root, args, context) => refreshSession(context, context.auth, args),
  },
};

/** Root fields an anonymous caller may use. */
export const publicFields = ['login', 'refreshSession'];
