export { fields, parseId, parseInput } from './parse-input';
export { graphqlRequestGuard, type GraphQLRequestGuardOptions } from './graphql-request-guard';
export { knownEntityTypesPlugin } from './known-entity-types.plugin';
export { malformedStringReason, wellFormedStringsPlugin } from './well-formed-strings.plugin';
export { legacyJsonStatusPlugin } from './legacy-json-status.plugin';
export {
  birthDateOf,
  checkBusinessLicence,
  checkIdentityKey,
  checkLandline,
  checkMobile,
  checkResidentId,
  checkTaxNumber,
  checkUscc,
  IDENTITY_KEY_KINDS,
  KEY_RULES,
  PHONE_RULES,
  type KeyCheck,
  type KeyKind,
  type KeyRule,
  type PhoneCheck,
  type PhoneRule,
} from './cn-identity-keys';
