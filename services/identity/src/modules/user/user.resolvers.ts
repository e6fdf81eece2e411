import { parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { setSupportedReps } from './assistants.service';
import { setEmploymentStatus } from './employment.service';
import { orgUnitIdAt } from './position.service';
import { UserNotFoundException } from './user.exception';
import { createUser, listUsers, updateUser } from './user.service';

export const userResolvers: Resolvers = {
  Query: {
    me: async (_root, _args, { loaders, actor }) => {
      const { userId } = requireActor(actor);
      return (await loaders.user.load(userId)) ?? Promise.reject(new UserNotFoundException(userId));
    },
    user: (_root, { id }, { loaders }) => loaders.user.load(parseId(id)),
    users: (_root, args, { em }) => listUsers(em, parsePageArgs(args)),
  },
  Mutation: {
    createUser: (_root, { input }, { em, actor }) => createUser(em, requireActor(actor), input),
    updateUser: (_root, { input }, { em, actor }) => updateUser(em, requireActor(actor), input),
    setSupportedReps: (_root, { input }, { em, actor }) => setSupportedReps(em, requireActor(actor), input),
    setEmploymentStatus: (_root, { input }, { em, actor }) => setEmploymentStatus(em, requireActor(actor), input),
  },
  User: {
    __resolveReference: (ref, { loaders }) => loaders.user.load(ref.id),
    orgUnit: async (user, _args, { loaders }) => (await loaders.orgUnit.load(user.orgUnitId))!,
    orgUnitAt: async (user, { at }, { em, loaders }) => {
      const unitId = await orgUnitIdAt(em, user.id, at);
      return unitId ? loaders.orgUnit.load(unitId) : null;
    },
  },
};
