import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, visit, type ASTNode, type DirectiveNode, type FieldNode, type ValueNode } from 'graphql';
import { DomainException, ErrorCodes } from '../errors';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored or compared as text: a NUL (which PostgreSQL refuses in text) or
 * UTF-16 that is not well formed (a lone surrogate, which no encoding can carry). Undefined if fine.
 */
export function malformedStringReason(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
  // String.prototype.isWellFormed() is ES2024, beyond the compiler's lib.
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

function refuse(where: string, reason: string): never {
  throw new DomainException(ErrorCodes.BadUserInput, `${where} ${reason}, which no text input accepts.`, {
    reason: 'MALFORMED_STRING',
    field: where,
    httpStatus: 400,
  });
}

/** Every string in a JSON value (object keys included), with its path below `path`. */
function checkJson(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const reason = malformedStringReason(value);
    if (reason) refuse(path, reason);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkJson(item, `${path}[${index}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = malformedStringReason(key);
      if (keyReason) refuse(`a field name in ${path}`, keyReason);
      checkJson(item, `${path}.${key}`);
    }
  }
}

function checkLiteral(value: ValueNode, path: string): void {
  if (value.kind === Kind.STRING) {
    const reason = malformedStringReason(value.value);
    if (reason) refuse(path, reason);
  } else if (value.kind === Kind.LIST) {
    value.values.forEach((item, index) => checkLiteral(item, `${path}[${index}]`));
  } else if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) checkLiteral(field.value, `${path}.${field.name.value}`);
  }
}

/**
 * Refuses, before anything executes, an operation handing the API a string no text column can hold:
 * in its variables (however deep inside input objects and lists) or in a literal argument of its
 * document. The caller gets BAD_USER_INPUT (HTTP 400) naming the variable or argument, instead of
 * the value reaching PostgreSQL and failing there as an internal error.
 */
export function wellFormedStringsPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (request.variables) {
            for (const [name, value] of Object.entries(request.variables)) checkJson(value, `$${name}`);
          }
          visit(document, {
            Argument(node, _key, _parent, _path, ancestors) {
              // The field or directive the argument belongs to: the nearest such ancestor.
              const owner = ancestors.findLast((a): a is FieldNode | DirectiveNode => !Array.isArray(a) && ((a as ASTNode).kind === Kind.FIELD || (a as ASTNode).kind === Kind.DIRECTIVE));
              const ownerName = owner ? `${owner.kind === Kind.DIRECTIVE ? '@' : ''}${owner.name.value}` : '';
              checkLiteral(node.value, `${ownerName}(${node.name.value})`);
            },
          });
        },
      };
    },
  };
}
