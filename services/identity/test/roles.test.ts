import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROLES } from '@crm/platform';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { Role } from '../src/generated/graphql';

/** Roles are declared once, in the platform; identity's SDL offers them to clients and must list exactly the same. */
describe('the Role enum', () => {
  const sdl = readFileSync(path.resolve(__dirname, '../../../schema/identity.graphql'), 'utf8');
  const roleEnum = parse(sdl).definitions.find(
    (definition): definition is EnumTypeDefinitionNode => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'Role',
  );

  it("lists in identity's composed SDL exactly the platform's ROLES, in the same order", () => {
    expect(roleEnum?.values?.map((value) => value.name.value)).toEqual([...ROLES]);
  });

  it('generates the same values for the resolvers and input validation (codegen orders them by name)', () => {
    expect(Object.values(Role).sort()).toEqual([...ROLES].sort());
  });
});
