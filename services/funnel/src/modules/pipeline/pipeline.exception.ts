import { DomainException, ErrorCodes } from '@crm/platform';

/** Why a pipeline's stages are refused; stable, clients branch on them. */
export type PipelineRefusal = 'STAGE_PROBABILITY_OUT_OF_RANGE' | 'STAGES_OUT_OF_ORDER' | 'DUPLICATE_STAGE_NAME' | 'UNKNOWN_STAGE';

export class InvalidPipelineException extends DomainException {
  constructor(field: string, reason: PipelineRefusal, message: string) {
    super(ErrorCodes.BadUserInput, `${field}: ${message}`, { reason, field });
  }
}

export class PipelineNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No pipeline ${id}.`, { reason: 'PIPELINE_NOT_FOUND', field: 'pipelineId' });
  }
}
