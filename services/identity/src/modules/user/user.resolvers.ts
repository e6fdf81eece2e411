import { auditTrailResolver, parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { setSupportedReps } from './assistants.service';
import { setEmploymentStatus } from './employment.service';
import { findPersonInReach } from './person-reach';
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
    userAuditTrail: auditTrailResolver('User', ({ em, actor }: Context, id) => findPersonInReach(em, actor, id)),
  },
  Mutation: {
    createUser: (_root, { input }, context) => createUser(context, input),
    updateUser: (_root, { input }, context) => updateUser(context, input),
    setSupportedReps: (_root, { input }, context) => setSupportedReps(context, input),
    setEmploymentStatus: (_root, { input }, context) => setEmploymentStatus(context, input),
  },
  User: {
    __resolveReference: (ref, { loaders }) => loaders.user.load(ref.id),
    orgUnit: async (user, _args, { loaders }) => (await loaders.orgUnit.load(user.orgUnitId))!,
    orgUnitAt: async (user, { at }, { em, loaders }) => {
      const unitId = await orgUnitIdAt(em, user.id, at);
      return unitId ? loaders.orgUnit.load(unitId) : null;
    },
  },
  OrgUnit: {
    members: (unit, args, { loaders }) => loaders.orgUnitMembers.connection(unit.id, args),
  },
};
