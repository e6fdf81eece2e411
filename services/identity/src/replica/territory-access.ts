import type { EntityManager } from '@mikro-orm/core';
import { DomainException, ErrorCodes, type Actor } from '@crm/platform';
import { territoryOwnerOf, type TerritoryLocation, type TerritoryTables } from './territory-resolution';

/** Who may give a record to someone outside the territory that owns its location: a manager above both. */
const OVERRIDING_ROLES = ['ADMIN', 'MANAGER'];

export class OutOfTerritoryException extends DomainException {
  constructor(where: string, owningUnitId: string, owningUnitPath: string) {
    super(
      ErrorCodes.Forbidden,
      `${where} belongs to the territory of unit ${owningUnitPath}; its owner must work in that unit. A manager above both may assign it anyway, giving a territoryOverrideReason.`,
      { reason: 'OUT_OF_TERRITORY', owningUnitId, owningUnitPath },
    );
  }
}

export class TerritoryOverrideNotAllowedException extends DomainException {
  constructor(owningUnitPath: string) {
    super(
      ErrorCodes.Forbidden,
      `Only a manager above both unit ${owningUnitPath} and the new owner may assign outside the territory; ask one to do it.`,
      { reason: 'TERRITORY_OVERRIDE_NOT_ALLOWED', owningUnitPath },
    );
  }
}

export interface TerritoryCheck {
  /** Null where no unit's territory covers the location. */
  owningUnitId: string | null;
  /** True when the owner is outside it and a manager above both overrode, with a reason to audit. */
  overridden: boolean;
}

const within = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

/**
 * ORG-3: a record located in a unit's territory is owned by someone in that unit's subtree. Outside
 * it, only a manager whose subtree holds both the unit and the new owner may assign it, with a
 * reason, which the caller audits. A location no territory covers is anyone's.
 */
export async function requireOwnerInTerritory(
  em: EntityManager,
  tables: TerritoryTables,
  actor: Actor,
  owner: { orgPath: string },
  location: TerritoryLocation & { describe: string },
  overrideReason: string | null,
): Promise<TerritoryCheck> {
  const owningUnitId = await territoryOwnerOf(em, tables, location);
  if (!owningUnitId) return { owningUnitId: null, overridden: false };
  const [unit] = (await em.getConnection().execute(`select path::text as path from ${tables.units} where id = ?`, [owningUnitId], 'all', em.getTransactionContext())) as { path: string }[];
  const owningUnitPath = unit?.path ?? owningUnitId;
  if (unit && within(owner.orgPath, unit.path)) return { owningUnitId, overridden: false };
  if (!overrideReason) throw new OutOfTerritoryException(location.describe, owningUnitId, owningUnitPath);
  const aboveBoth = actor.roles.some((role) => OVERRIDING_ROLES.includes(role)) && within(owningUnitPath, actor.orgPath) && within(owner.orgPath, actor.orgPath);
  if (!aboveBoth) throw new TerritoryOverrideNotAllowedException(owningUnitPath);
  return { owningUnitId, overridden: true };
}
