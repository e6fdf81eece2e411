export { ErrorCodes, type ErrorCode } from './error-codes';
export { DomainException, InputException, UnauthenticatedException } from './domain.exception';
export { maskInternalErrors } from './format-error';
