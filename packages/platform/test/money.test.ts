import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';
import { EntitySchema, type MikroORM } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import Decimal from 'decimal.js';
import { GraphQLNonNull, GraphQLObjectType, GraphQLSchema, graphql, type ExecutionResult } from 'graphql';
import gql from 'graphql-tag';
import { createLogger, createOrm, maskInternalErrors } from '../src';
import { MONEY_COLUMN, MONEY_RULES, Money, MoneyScalar, MoneyType } from '../src';

const m = (text: string) => Money.of(text);
const strings = (amounts: Money[]) => amounts.map(String);

/** What a refused input must look like to a client: BAD_USER_INPUT and a message with the rule. */
const badInput = (message: string | RegExp) =>
  expect.objectContaining({
    message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
    extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_MONEY' }),
  });

describe('Money arithmetic is exact', () => {
  it('adds 0.1 and 0.2 to exactly 0.30', () => {
    expect(m('0.1').plus(m('0.2')).toString()).toBe('0.30');
  });

  it('adds 1,000 × 0.01 to exactly 10.00, one by one and with sum', () => {
    const cents = Array.from({ length: 1_000 }, () => m('0.01'));
    expect(cents.reduce((total, cent) => total.plus(cent), Money.zero).toString()).toBe('10.00');
    expect(Money.sum(cents).toString()).toBe('10.00');
    expect(Money.sum([]).toString()).toBe('0.00');
  });

  it('subtracts and negates without drift', () => {
    expect(m('100.00').minus(m('99.99')).toString()).toBe('0.01');
    expect(m('0.10').minus(m('0.20')).toString()).toBe('-0.10');
    expect(m('12.30').negated().toString()).toBe('-12.30');
    expect(Money.zero.negated().toString()).toBe('0.00');
  });

  it('multiplies by an integer quantity exactly', () => {
    expect(m('19.99').times(3).toString()).toBe('59.97');
    expect(m('0.01').times(1_000_000).toString()).toBe('10000.00');
  });

  it('is immutable', () => {
    const price = m('10.00');
    price.plus(m('5.00'));
    price.times(2);
    expect(price.toString()).toBe('10.00');
    expect(Object.isFrozen(price)).toBe(true);
  });
});

describe('the one rounding rule: to the fen, half away from zero', () => {
  it('states the rules once', () => {
    expect(MONEY_RULES).toEqual({ moneyDecimals: 2, rateDecimals: 4, rounding: Decimal.ROUND_HALF_UP, integerDigits: 16 });
  });

  it('rounds a discount: 99.99 × 0.85 = 84.9915 → 84.99', () => {
    expect(m('99.99').times('0.85').toString()).toBe('84.99');
  });

  it('rounds an exact half fen up, where a float or banker’s rounding would give 2.52', () => {
    // 10.10 × 0.25 = 2.525 exactly; as a float it is 2.52499…, and half-even would keep the 2.
    expect(m('10.10').times('0.25').toString()).toBe('2.53');
    expect(m('-10.10').times('0.25').toString()).toBe('-2.53');
    expect(m('0.10').times('0.05').toString()).toBe('0.01');
    expect(m('0.10').times('0.04').toString()).toBe('0.00');
  });

  it('rounds quotients the same way', () => {
    expect(m('100.00').dividedBy(3).toString()).toBe('33.33');
    expect(m('200.00').dividedBy(3).toString()).toBe('66.67');
    expect(m('0.05').dividedBy(2).toString()).toBe('0.03');
    expect(m('-0.05').dividedBy(2).toString()).toBe('-0.03');
    expect(m('84.99').dividedBy('0.85').toString()).toBe('99.99');
  });

  it('gives rates with 4 decimals, half up, and none over a zero base', () => {
    expect(m('25.00').ratio(m('100.00'))).toBe('0.2500');
    expect(m('1.00').ratio(m('3.00'))).toBe('0.3333');
    expect(m('2.00').ratio(m('3.00'))).toBe('0.6667');
    expect(m('1.00').ratio(m('32.00'))).toBe('0.0313'); // 0.03125 exactly
    expect(m('-1.00').ratio(m('32.00'))).toBe('-0.0313');
    expect(m('0.01').ratio(m('9999999.99'))).toBe('0.0000');
    expect(m('-0.01').ratio(m('9999999.99'))).toBe('0.0000');
    expect(m('150.00').ratio(m('100.00'))).toBe('1.5000');
    expect(m('5.00').ratio(Money.zero)).toBeNull();
  });

  it('refuses a fractional JS number as a factor, naming the exact alternative', () => {
    expect(() => m('10.00').times(0.85)).toThrow(new TypeError('factor 0.85 is not an integer JS number: pass a rate as a decimal string such as "0.85" so it stays exact'));
  });

  it.each([
    [() => m('10.00').times('abc'), 'Money: factor "abc" is not a decimal number: send a string such as "0.85" or "3"'],
    [() => m('10.00').times('8.5e-1'), 'Money: factor "8.5e-1" is not a decimal number'],
    [() => m('10.00').times('0.123456789012345678901'), 'Money: factor "0.123456789012345678901" has more than 20 significant digits'],
    [() => m('10.00').dividedBy(0), 'Money: cannot divide an amount by zero'],
    [() => m('10.00').dividedBy('0.00'), 'Money: cannot divide an amount by zero'],
  ])('refuses a bad factor or divisor as BAD_USER_INPUT (%#)', (operation, message) => {
    expect(operation).toThrow(badInput(message));
  });
});

describe('splitting and allocating add up exactly', () => {
  it('splits into near-equal parts, the leftover fen going to the first parts', () => {
    expect(strings(m('100.00').split(3))).toEqual(['33.34', '33.33', '33.33']);
    expect(strings(m('0.01').split(3))).toEqual(['0.01', '0.00', '0.00']);
    expect(strings(m('-0.05').split(3))).toEqual(['-0.02', '-0.02', '-0.01']);
    expect(strings(m('7.00').split(1))).toEqual(['7.00']);
  });

  it('allocates a discount over order lines in proportion to their amounts', () => {
    const lines = [m('30.00'), m('30.00'), m('40.00')];
    expect(strings(m('10.00').allocate(lines))).toEqual(['3.00', '3.00', '4.00']);
  });

  it('gives the leftover fen to the largest remainders, not to the first parts', () => {
    // 0.05 by 1 : 2 is 1.67 fen and 3.33 fen: the first part has the larger remainder.
    expect(strings(m('0.05').allocate([m('1.00'), m('2.00')]))).toEqual(['0.02', '0.03']);
    // 0.10 by 1 : 1 : 8 is 1, 1, 8 fen exactly; by 0.15 : 0.15 : 0.7 it is 1.5, 1.5, 7 fen.
    expect(strings(m('0.10').allocate([1, 1, 8]))).toEqual(['0.01', '0.01', '0.08']);
    expect(strings(m('0.10').allocate(['0.15', '0.15', '0.7']))).toEqual(['0.02', '0.01', '0.07']);
  });

  it('lets a zero-weight part get nothing', () => {
    expect(strings(m('10.00').allocate([m('0.00'), m('5.00')]))).toEqual(['0.00', '10.00']);
  });

  it.each([
    ['1000.00', ['33.33', '33.33', '33.34']],
    ['0.99', ['1', '1', '1', '1', '1', '1', '1']],
    ['-123456.78', ['0.01', '999999.99', '17', '0.5']],
    ['9999999999999999.99', ['1', '2', '3', '4', '5', '6', '7']],
    ['0.00', ['1', '2']],
  ])('allocates %s over %j with parts that sum to it', (amount, weights) => {
    const parts = m(amount).allocate(weights);
    expect(parts).toHaveLength(weights.length);
    expect(Money.sum(parts).toString()).toBe(m(amount).toString());
  });

  it('keeps every equal split within one fen of the others', () => {
    for (const n of [2, 3, 7, 11, 97]) {
      const parts = m('1000.01').split(n);
      expect(Money.sum(parts).toString()).toBe('1000.01');
      const sorted = [...parts].sort((a, b) => a.compare(b));
      expect(sorted[sorted.length - 1]!.minus(sorted[0]!).compare(m('0.01'))).toBeLessThanOrEqual(0);
    }
  });

  it.each([
    [() => m('1.00').split(0), 'Money: cannot split into 0 parts: the number of parts must be a whole number from 1 to 10000'],
    [() => m('1.00').split(2.5), 'Money: cannot split into 2.5 parts'],
    [() => m('1.00').split(10_001), 'Money: cannot split into 10001 parts'],
    [() => m('1.00').allocate([]), 'Money: cannot allocate over 0 parts'],
    [() => m('1.00').allocate([m('-1.00'), m('2.00')]), 'Money: cannot allocate by negative weights'],
    [() => m('1.00').allocate([0, '0.00']), 'Money: cannot allocate when every weight is zero'],
  ])('refuses a split it cannot make as BAD_USER_INPUT (%#)', (operation, message) => {
    expect(operation).toThrow(badInput(message));
  });
});

describe('Money formatting and comparison', () => {
  it.each([
    ['1234.5', '1234.50'],
    ['1234', '1234.00'],
    ['-0.1', '-0.10'],
    ['0', '0.00'],
    ['-0', '0.00'],
    ['-0.00', '0.00'],
    ['9999999999999999.99', '9999999999999999.99'],
  ])('writes %s as %s, always with 2 decimals', (input, output) => {
    const amount = m(input);
    expect(amount.toString()).toBe(output);
    expect(amount.toJSON()).toBe(output);
    expect(amount.toNumeric()).toBe(output);
    expect(`${amount}`).toBe(output);
  });

  it('serialises to JSON as a string, never a number', () => {
    expect(JSON.stringify({ total: m('1234.5') })).toBe('{"total":"1234.50"}');
  });

  it('does not call negative zero negative', () => {
    expect(m('-0.00').isNegative()).toBe(false);
    expect(m('-0.00').isZero()).toBe(true);
    expect(m('-0.01').isNegative()).toBe(true);
    expect(m('0.01').isZero()).toBe(false);
  });

  it('compares by value, whatever the notation', () => {
    expect(m('1.5').equals(m('1.50'))).toBe(true);
    expect(m('1.5').equals(m('1.51'))).toBe(false);
    expect(m('1.50').compare(m('1.5'))).toBe(0);
    expect(m('-2.00').compare(m('1.00'))).toBe(-1);
    expect(m('10.00').compare(m('9.99'))).toBe(1);
    expect([m('3.00'), m('-1.00'), m('2.50')].sort((a, b) => a.compare(b)).map(String)).toEqual(['-1.00', '2.50', '3.00']);
  });
});

describe('bad input is refused with BAD_USER_INPUT and the rule it breaks', () => {
  it.each([
    ['12.345', '"12.345" has more than 2 decimal places: CNY amounts are kept to the fen (0.01), so round it first, e.g. "1234.50"'],
    ['-0.001', '"-0.001" has more than 2 decimal places'],
    ['1e9999', '"1e9999" uses exponent notation: write the amount out in full, such as "1234.50"'],
    ['1E3', '"1E3" uses exponent notation'],
    ['abc', '"abc" is not an amount: send a decimal string in CNY with at most 2 decimal places and an optional leading "-", such as "1234.50"'],
    ['¥100', '"¥100" is not an amount'],
    ['', '"" is empty: send an amount such as "1234.50", or "0.00" for none'],
    ['1,000.00', '"1,000.00" uses thousands separators: send "1000.00", not "1,000.00"'],
    ['1 000.00', '"1 000.00" uses thousands separators'],
    [' 1.00', '" 1.00" has spaces around it: send the digits alone, such as "1234.50"'],
    ['1.00\n', '"1.00\\n" contains control characters'],
    ['NaN', '"NaN" is not a finite amount: send digits such as "1234.50"'],
    ['Infinity', '"Infinity" is not a finite amount'],
    ['-Infinity', '"-Infinity" is not a finite amount'],
    ['1\u0000', '"1\\u0000" contains control characters: send only digits, an optional leading "-" and a "." such as "1234.50"'],
    ['12.50\u0000; drop table', '"12.50\\u0000; drop table" contains control characters'],
    ['+1.00', '"+1.00" has a "+" sign: send positive amounts without one, such as "1234.50"'],
    ['01.00', '"01.00" has leading zeros'],
    ['.5', '".5" is not an amount'],
    ['5.', '"5." is not an amount'],
    ['10000000000000000', '"10000000000000000" is out of range: amounts must be smaller than 10000000000000000 (10^16) in absolute value'],
    ['-10000000000000000.00', '"-10000000000000000.00" is out of range'],
    ['9'.repeat(400), `"${'9'.repeat(40)}…" is out of range`],
  ])('refuses %j', (input, message) => {
    expect(() => Money.of(input)).toThrow(badInput(`Money: ${message}`));
  });

  it('names the field it was given and never echoes a raw NUL byte', () => {
    let refused: unknown;
    try {
      Money.of('12.345\u0000', 'amount');
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({
      message: 'amount: "12.345\\u0000" contains control characters: send only digits, an optional leading "-" and a "." such as "1234.50"',
      extensions: { code: 'BAD_USER_INPUT', field: 'amount' },
    });
  });

  it('shortens a long input in the message', () => {
    expect(() => Money.of(`${'1'.repeat(60)}x`)).toThrow(badInput(`"${'1'.repeat(40)}…" is not an amount`));
  });

  it('refuses a result out of range as BAD_USER_INPUT', () => {
    const largest = m('9999999999999999.99');
    expect(() => largest.plus(m('0.01'))).toThrow(badInput('Money: 10000000000000000.00 is out of range'));
    expect(() => largest.negated().minus(m('0.01'))).toThrow(badInput('Money: -10000000000000000.00 is out of range'));
    expect(() => m('5000000000000000.00').times(2)).toThrow(badInput('is out of range'));
    expect(() => m('1.00').dividedBy('0.0000000000000001')).toThrow(badInput('is out of range'));
  });
});

describe('values read from PostgreSQL', () => {
  it.each([
    ['1234.50', '1234.50'],
    ['1234.5000', '1234.50'],
    ['0', '0.00'],
    ['-0.10', '-0.10'],
    ['9999999999999999.99', '9999999999999999.99'],
  ])('reads numeric %s as %s', (dbValue, amount) => {
    expect(Money.fromNumeric(dbValue).toString()).toBe(amount);
  });

  it.each([
    ['1234.505', 'Money.fromNumeric: 1234.505 does not fit numeric(18,2); store money in MONEY_COLUMN and round computed values in SQL'],
    ['10000000000000000', 'Money.fromNumeric: 10000000000000000 does not fit numeric(18,2)'],
    ['NaN', 'Money.fromNumeric: "NaN" is not a numeric value (expected a numeric(18,2) column)'],
    ['1e3', 'Money.fromNumeric: "1e3" is not a numeric value'],
  ])('treats %s as a defect, not as the client’s input', (dbValue, message) => {
    let thrown: unknown;
    try {
      Money.fromNumeric(dbValue);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toContain(message);
    expect(thrown).not.toHaveProperty('extensions');
  });
});

describe('the Money GraphQL scalar', () => {
  const discount = (_source: unknown, args: { amount: Money }) => args.amount.times('0.85');
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        discounted: { type: new GraphQLNonNull(MoneyScalar), args: { amount: { type: new GraphQLNonNull(MoneyScalar) } }, resolve: discount },
        fromDatabase: { type: MoneyScalar, resolve: () => '1234.5000' },
        floatFromResolver: { type: MoneyScalar, resolve: () => 12.5 },
      },
    }),
  });
  const run = (source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> => graphql({ schema, source, variableValues });

  it('takes a string variable and a string literal and answers a 2-decimal string', async () => {
    expect(await run('query ($a: Money!) { discounted(amount: $a) }', { a: '99.99' })).toEqual({ data: { discounted: '84.99' } });
    expect(await run('{ discounted(amount: "10.1") }')).toEqual({ data: { discounted: '8.59' } });
  });

  it('serialises a numeric string a resolver read from PostgreSQL', async () => {
    expect(await run('{ fromDatabase }')).toEqual({ data: { fromDatabase: '1234.50' } });
    expect(MoneyScalar.serialize(m('7'))).toBe('7.00');
    expect(MoneyScalar.serialize('-0.10')).toBe('-0.10');
  });

  it('treats a JS number from a resolver as a defect (no client code, so it is masked and logged)', async () => {
    const result = await run('{ floatFromResolver }');
    expect(result.data).toEqual({ floatFromResolver: null });
    expect(result.errors?.[0]?.message).toBe('Money cannot serialize number 12.5: return a Money or a numeric(18,2) string, never a JS number');
    expect(result.errors?.[0]?.extensions.code).toBeUndefined();
  });

  it.each([
    [12.5, 'Variable "$a" got invalid value 12.5; Money: got the JSON number 12.5; send the amount as a string such as "1234.50", because JSON numbers are floating point and lose fen'],
    [1234, 'Money: got the JSON number 1234; send the amount as a string'],
    [Number.POSITIVE_INFINITY, 'Money: got the JSON number Infinity; send the amount as a string'],
    [true, 'Money: got a boolean; send the amount as a string such as "1234.50"'],
    [{ amount: '1.00' }, 'Money: got a object; send the amount as a string'],
    ['12.345', 'Variable "$a" got invalid value "12.345"; Money: "12.345" has more than 2 decimal places'],
    ['1e9999', 'Money: "1e9999" uses exponent notation'],
    ['1,000.00', 'Money: "1,000.00" uses thousands separators'],
    ['12.50\u0000', 'Money: "12.50\\u0000" contains control characters'],
  ])('refuses the variable %p with BAD_USER_INPUT', async (value, message) => {
    const result = await run('query ($a: Money!) { discounted(amount: $a) }', { a: value });
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([badInput(message)]);
  });

  it.each([
    ['12', 'Money: got the number literal 12; write it as a string literal such as "1234.50", because numbers are read as floating point and lose fen'],
    ['12.5', 'Money: got the number literal 12.5; write it as a string literal'],
    ['1e9999', 'Money: got the number literal 1e9999'],
    ['"12.345"', 'Money: "12.345" has more than 2 decimal places'],
    ['" 1.00"', 'Money: " 1.00" has spaces around it'],
    ['true', 'Money: got true; send the amount as a string such as "1234.50"'],
  ])('refuses the literal %s with BAD_USER_INPUT', async (literal, message) => {
    const result = await run(`{ discounted(amount: ${literal}) }`);
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([badInput(message)]);
  });
});

describe('the Money scalar in a subgraph served by Apollo Server', () => {
  // Wired the way start-subgraph wires scalars and errors: a resolver map entry next to the SDL's
  // `scalar Money`, and the platform's formatError.
  const server = new ApolloServer({
    formatError: maskInternalErrors(createLogger('money-test', 'fatal')),
    schema: buildSubgraphSchema([
      {
        typeDefs: gql`
          scalar Money
          type Query {
            discounted(amount: Money!): Money!
          }
        `,
        resolvers: { Money: MoneyScalar, Query: { discounted: (_source: unknown, args: { amount: Money }) => args.amount.times('0.85') } },
      },
    ]),
  });
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('parses and serialises through the subgraph schema', async () => {
    expect((await run('query ($a: Money!) { discounted(amount: $a) }', { a: '99.99' })).data).toEqual({ discounted: '84.99' });
  });

  it('refuses a JSON number variable with BAD_USER_INPUT', async () => {
    const result = await run('query ($a: Money!) { discounted(amount: $a) }', { a: 12.5 });
    expect(result.errors).toEqual([badInput('Money: got the JSON number 12.5; send the amount as a string such as "1234.50"')]);
  });

  it('refuses a number literal with BAD_USER_INPUT, though graphql-js reports it as a validation error', async () => {
    const result = await run('{ discounted(amount: 12.5) }');
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Money: got the number literal 12.5; write it as a string literal such as "1234.50", because numbers are read as floating point and lose fen',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });
});

describe('MoneyType, the MikroORM mapping', () => {
  const type = new MoneyType();

  it('declares numeric(18,2)', () => {
    expect(MONEY_COLUMN).toBe('numeric(18,2)');
    expect(type.getColumnType()).toBe('numeric(18,2)');
  });

  it('converts Money to a numeric string and back', () => {
    const stored = type.convertToDatabaseValue(m('1234.5'));
    expect(stored).toBe('1234.50');
    expect(type.convertToJSValue(stored)?.toString()).toBe('1234.50');
    expect(type.convertToJSValue('-0.10')?.toString()).toBe('-0.10');
    expect(type.convertToDatabaseValue(null)).toBeNull();
    expect(type.convertToJSValue(null)).toBeNull();
    expect(type.toJSON(m('5'))).toBe('5.00');
  });

  it('holds string query conditions to the input rules', () => {
    expect(type.convertToDatabaseValue('100')).toBe('100.00');
    expect(() => type.convertToDatabaseValue('100.001')).toThrow(badInput('Money: "100.001" has more than 2 decimal places'));
  });

  describe('against PostgreSQL', () => {
    interface MoneyTestOrder {
      id: number;
      total: Money;
      discount: Money | null;
    }
    const OrderSchema = new EntitySchema<MoneyTestOrder>({
      name: 'MoneyTestOrder',
      tableName: 'money_test_order',
      properties: {
        id: { type: 'integer', primary: true },
        total: { type: MoneyType, columnType: MONEY_COLUMN },
        discount: { type: MoneyType, columnType: MONEY_COLUMN, nullable: true },
      },
    });
    class MoneyTestMigration extends Migration {
      override async up(): Promise<void> {
        this.addSql(`create table money_test_order (id integer primary key, total ${MONEY_COLUMN} not null, discount ${MONEY_COLUMN})`);
      }
    }
    const statements: string[] = [];
    let orm: MikroORM;

    beforeAll(async () => {
      orm = await createOrm({
        name: 'money-test',
        databaseUrl: testDatabaseUrl(`${uniqueDatabasePrefix()}money`),
        entities: [OrderSchema],
        migrations: [{ name: 'MoneyTestMigration', class: MoneyTestMigration }],
        logger: createLogger('money-test', 'error'),
        onQuery: (sql) => statements.push(sql),
      });
    });

    afterAll(async () => {
      await orm?.close();
    });

    it('stores Money in numeric(18,2) and reads back the same Money, with no float on the way', async () => {
      const em = orm.em.fork();
      em.create(OrderSchema, { id: 1, total: m('9999999999999999.99'), discount: null });
      em.create(OrderSchema, { id: 2, total: m('0.1'), discount: m('-0.05') });
      em.create(OrderSchema, { id: 3, total: m('0.2'), discount: m('0') });
      await em.flush();

      const read = await orm.em.fork().find(OrderSchema, {}, { orderBy: { id: 'asc' } });
      expect(read.map((o) => [o.total.toString(), o.discount?.toString() ?? null])).toEqual([
        ['9999999999999999.99', null],
        ['0.10', '-0.05'],
        ['0.20', '0.00'],
      ]);
      expect(read[0]!.total).toBeInstanceOf(Money);

      const [row] = await orm.em.getConnection().execute<{ total: string }[]>('select sum(total) as total from money_test_order where id > 1');
      expect(Money.fromNumeric(row!.total).toString()).toBe('0.30');
    });

    it('finds by a Money condition and sees no change in an amount read back unchanged', async () => {
      const em = orm.em.fork();
      const found = await em.find(OrderSchema, { total: { $gte: m('0.15') }, id: { $lt: 10 } }, { orderBy: { id: 'asc' } });
      expect(found.map((o) => o.id)).toEqual([1, 3]);

      statements.length = 0;
      await em.flush();
      expect(statements.filter((sql) => /\bupdate\b/i.test(sql))).toEqual([]);

      found[1]!.total = found[1]!.total.plus(m('0.01'));
      await em.flush();
      expect(statements.filter((sql) => /\bupdate\b/i.test(sql))).toHaveLength(1);
      const reread = await orm.em.fork().findOneOrFail(OrderSchema, { id: 3 });
      expect(reread.total.toString()).toBe('0.21');
    });
  });
});
