import { SignJWT, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, jwtVerify, type KeyLike } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { UnauthenticatedException } from '../errors';
import type { Actor } from './actor';
import { ROLES } from './roles';

const ALG = 'EdDSA';
const ISSUER = 'crm-identity';
const AUDIENCE = 'crm-api';
const ACCESS_TOKEN_TTL = '1h';
/** Tokens verified recently, kept until they expire: the people signed in during the last hour. */
const VERIFIED_TOKENS_KEPT = 10_000;

const claimsSchema = z.object({
  sub: z.uuid(),
  org: z.uuid(),
  org_path: z.string(),
  roles: z.array(z.enum(ROLES)),
  supports: z.array(z.uuid()).default([]),
});

export interface AuthKeyPem {
  publicKey: string;
  privateKey?: string;
}

/**
 * Access tokens are signed by identity with an Ed25519 private key and verified everywhere else
 * with the public key, so no other service can mint them.
 */
export class AuthKeys {
  /**
   * A token is immutable and valid until its `exp`, so its signature need be checked once: every
   * request checks it in the gateway and again in each subgraph it reaches. What the token's
   * holder may do now is still looked up per request (`currentActor`).
   */
  private readonly verified = new LRUCache<string, Actor>({ max: VERIFIED_TOKENS_KEPT });

  private constructor(
    private readonly publicKey: KeyLike,
    private readonly privateKey?: KeyLike,
  ) {}

  static async fromPem(pem: AuthKeyPem): Promise<AuthKeys> {
    return new AuthKeys(
      await importSPKI(pem.publicKey, ALG),
      pem.privateKey ? await importPKCS8(pem.privateKey, ALG) : undefined,
    );
  }

  static async generatePem(): Promise<Required<AuthKeyPem>> {
    const { publicKey, privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    return { publicKey: await exportSPKI(publicKey), privateKey: await exportPKCS8(privateKey) };
  }

  async issueAccessToken(actor: Actor): Promise<{ token: string; expiresAt: Date }> {
    if (!this.privateKey) throw new Error('This service holds no signing key; only identity issues tokens.');
    const token = await new SignJWT({ org: actor.orgUnitId, org_path: actor.orgPath, roles: [...actor.roles], supports: [...(actor.supports ?? [])] })
      .setProtectedHeader({ alg: ALG })
      .setSubject(actor.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(ACCESS_TOKEN_TTL)
      .sign(this.privateKey);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verifyAccessToken(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALG] });
      const claims = claimsSchema.parse(payload);
      const actor: Actor = { userId: claims.sub, orgUnitId: claims.org, orgPath: claims.org_path, roles: claims.roles, supports: claims.supports };
      // jwtVerify has checked `exp`; kept until then, by the same clock jose reads.
      if (payload.exp) this.verified.set(token, actor, { ttl: payload.exp * 1000 - Date.now() });
      return actor;
    } catch {
      throw new UnauthenticatedException('The access token is invalid or expired; sign in again.');
    }
  }

  /** Reads `Authorization: Bearer …`; no header means an anonymous request, a bad one is refused. */
  async actorFromHeader(header: string | undefined): Promise<Actor | null> {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthenticatedException('The Authorization header must be "Bearer <access token>".');
    return this.verifyAccessToken(match[1]);
  }
}
