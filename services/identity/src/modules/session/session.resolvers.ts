import type { Resolvers } from '../../generated/graphql';
import { login, refreshSession } from './session.service';

export const sessionResolvers: Resolvers = {
  Mutation: {
    login: (_root, args, { em, auth }) => login(em, auth, args),
    refreshSession: (_root, args, { em, auth }) => refreshSession(em, auth, args),
  },
};

/** Root fields an anonymous caller may use. */
export const publicFields = ['login', 'refreshSession'];
