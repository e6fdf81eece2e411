export { User, UserSchema, type EmploymentStatus, type Role } from './user.entity';
export { requirePersonInReach } from './person-reach';
export { UserNotFoundException } from './user.exception';
export { hashPassword, verifyPassword } from './password';
export { Position, PositionSchema } from './position.entity';
export { changePosition } from './position.service';
export { recordUserEvent } from './user-events';
export { createUserLoaders } from './user.loaders';
export { userResolvers } from './user.resolvers';
