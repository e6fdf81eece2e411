import { parsePageArgs, toConnection } from '../src';

const ids = ['0199a000-0000-7000-8000-000000000003', '0199a000-0000-7000-8000-000000000002', '0199a000-0000-7000-8000-000000000001'];

describe('cursor pagination', () => {
  it('hands out a cursor that resumes after the last row of the page', () => {
    const page = parsePageArgs({ first: 2 });
    const connection = toConnection(ids.map((id) => ({ id })), page);
    expect(connection.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(parsePageArgs({ first: 2, after: connection.pageInfo.endCursor })).toEqual({ first: 2, afterId: ids[1] });
  });

  it('says there is no next page when the fetch returned no extra row', () => {
    const connection = toConnection(ids.map((id) => ({ id })), parsePageArgs({ first: 3 }));
    expect(connection.pageInfo).toEqual({ hasNextPage: false, endCursor: connection.edges[2]!.cursor });
  });

  it.each([
    [{ first: 0 }, 'first: must be at least 1'],
    [{ first: 101 }, 'first: must be at most 100'],
    [{ after: 'garbage' }, 'after: not a cursor this API issued; pass pageInfo.endCursor of the previous page'],
    [{ after: Buffer.from('id:not-a-uuid').toString('base64url') }, 'after: not a cursor this API issued; pass pageInfo.endCursor of the previous page'],
  ])('refuses %j as BAD_USER_INPUT', (args, message) => {
    expect(() => parsePageArgs(args)).toThrow(expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });
});
