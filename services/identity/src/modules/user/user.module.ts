import { defineModule } from '@crm/platform';
import { userMigrations } from './migrations';
import { PositionSchema } from './position.entity';
import { UserSchema } from './user.entity';
import { userResolvers } from './user.resolvers';

/** People: who they are, their roles, where they sit (effective-dated positions), whom assistants support. */
export const userModule = defineModule({
  name: 'user',
  entities: [UserSchema, PositionSchema],
  migrations: userMigrations,
  resolvers: [userResolvers],
});
