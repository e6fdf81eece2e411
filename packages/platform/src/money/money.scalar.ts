import { GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { InputException } from '../errors';
import { INVALID_MONEY, Money } from './money';

const SEND_A_STRING = 'send the amount as a string such as "1234.50"';

/**
 * `scalar Money`: CNY as a decimal string with exactly 2 decimals ("1234.50", "-0.10", "0.00").
 * Input must be a string: a JSON number or a numeric literal has already been through a binary
 * float in the client or could be read as one, and 0.1 + 0.2 is not 0.30 there.
 */
export const MoneyScalar = new GraphQLScalarType<Money, string>({
  name: 'Money',
  description:
    'An amount in CNY: a decimal string with exactly 2 decimal places, e.g. "1234.50". ' +
    'Send it as a string with at most 2 decimals; JSON numbers are refused because floats lose fen.',

  serialize(value: unknown): string {
    if (value instanceof Money) return value.toString();
    // node-postgres returns numeric columns as strings, so a resolver may hand one over unconverted.
    if (typeof value === 'string') return Money.fromNumeric(value).toString();
    // A resolver returning anything else is a defect, not the client's fault: no BAD_USER_INPUT.
    throw new TypeError(`Money cannot serialize ${typeof value} ${String(value)}: return a Money or a numeric(18,2) string, never a JS number`);
  },

  parseValue(value: unknown): Money {
    if (typeof value === 'string') return Money.of(value);
    if (typeof value === 'number') {
      throw new InputException(`Money: got the JSON number ${String(value)}; ${SEND_A_STRING}, because JSON numbers are floating point and lose fen`, undefined, INVALID_MONEY);
    }
    throw new InputException(`Money: got ${value === null ? 'null' : `a ${typeof value}`}; ${SEND_A_STRING}`, undefined, INVALID_MONEY);
  },

  parseLiteral(ast: ValueNode): Money {
    if (ast.kind === Kind.STRING) return Money.of(ast.value);
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
      throw new InputException(`Money: got the number literal ${ast.value}; write it as a string literal such as "1234.50", because numbers are read as floating point and lose fen`, undefined, INVALID_MONEY);
    }
    throw new InputException(`Money: got ${print(ast)}; ${SEND_A_STRING}`, undefined, INVALID_MONEY);
  },
});
