import { mergeResolvers } from '../src/subgraph/merge-resolvers';

describe('merging modules resolver maps', () => {
  it('combines the fields of one type from several modules', () => {
    const a = () => 'a';
    const b = () => 'b';
    expect(mergeResolvers([{ Query: { a } }, { Query: { b } }])).toEqual({ Query: { a, b } });
  });

  it('refuses two modules resolving the same field', () => {
    expect(() => mergeResolvers([{ Query: { a: () => 1 } }, { Query: { a: () => 2 } }])).toThrow('Two modules resolve Query.a');
  });
});
