import { DomainException, ErrorCodes } from '@crm/platform';

/** A key field that is neither a record field nor a custom field in use for the kind. */
export class UnknownKeyFieldException extends DomainException {
  constructor(field: string, name: string, kind: string, known: readonly string[]) {
    super(ErrorCodes.BadUserInput, `${field}: "${name}" is not a key field of a ${kind} customer; use one of ${known.join(', ')}, or custom.<key> of a custom field in use for ${kind}.`, {
      reason: 'UNKNOWN_KEY_FIELD',
      field,
      keyField: name,
    });
  }
}

/** No such person or unit in the directory. */
export class DataQualitySubjectNotFoundException extends DomainException {
  constructor(field: string, id: string) {
    super(ErrorCodes.NotFound, `${field}: there is no ${field === 'unitId' ? 'unit' : 'person'} ${id}.`, { reason: 'DATA_QUALITY_SUBJECT_NOT_FOUND', field });
  }
}

/** A person or unit outside the actor's part of the organisation (ORG-2): reps see their own figures, managers their subtree's. */
export class DataQualityOutOfReachException extends DomainException {
  constructor(field: string, id: string) {
    super(ErrorCodes.Forbidden, `${field}: ${id} is not in your part of the organisation; reps see their own data quality, managers and team leads that of their unit's subtree.`, {
      reason: 'DATA_QUALITY_OUT_OF_REACH',
      field,
    });
  }
}
