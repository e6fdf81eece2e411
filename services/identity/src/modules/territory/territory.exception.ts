import { DomainException, ErrorCodes } from '@crm/platform';

export class UnknownDivisionException extends DomainException {
  constructor(code: string) {
    super(ErrorCodes.BadUserInput, `divisionCode: ${code} is not a GB/T 2260 administrative division code.`, {
      reason: 'UNKNOWN_DIVISION',
      field: 'divisionCode',
    });
  }
}

export class TerritoryTakenException extends DomainException {
  constructor(divisionName: string, unitName: string) {
    super(ErrorCodes.Conflict, `${divisionName} already belongs to ${unitName}; unbind it there first.`, { reason: 'TERRITORY_TAKEN' });
  }
}

export class InvalidTerritoryAreaException extends DomainException {
  constructor(problem: string) {
    super(ErrorCodes.BadUserInput, `boundary: ${problem}; draw an outline with at least 3 distinct corners that does not cross itself.`, {
      reason: 'INVALID_TERRITORY_AREA',
      field: 'boundary',
    });
  }
}

export class TerritoryAreaOverlapException extends DomainException {
  constructor(clashes: { areaName: string; unitName: string }[]) {
    const named = clashes.map((c) => `${c.areaName} of ${c.unitName}`).join(', ');
    super(ErrorCodes.Conflict, `boundary: overlaps ${named}, outside this unit's line of the tree; redraw one of them.`, {
      reason: 'TERRITORY_AREA_OVERLAP',
      field: 'boundary',
    });
  }
}
