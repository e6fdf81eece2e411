export { ErrorCodes, type ErrorCode } from './error-codes';
export { DomainException, ForbiddenException, NotFoundException, InputException, NotReadyException, UnauthenticatedException } from './domain.exception';
export { maskInternalErrors } from './format-error';
export { badRequestBody } from './bad-request-body';
