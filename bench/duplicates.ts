// CUS-3's benchmark: `checkDuplicates` through the gateway among 1,000,000 customers, as a rep
// waits for it before saving. The customers are inserted with SQL in their final form (the match
// text createCustomer would compute: a name core without places and legal forms, an address
// without province and district), with the indexes the migrations create.
import { drive, signIn, type Timing } from './api';
import type { BenchStack } from './pipeline';

export const DUPLICATE_CUSTOMERS = 1_000_000;

const WORDS = '信航星海云帆远景安泰宏达永辉新越华腾金桥东方盛世鼎信恒通瑞丰博远天成中和嘉禾凯达佳联伟业卓越瀚海明德诚信'.match(/../g)!;
const TRADES = ['贸易', '科技', '物流', '医疗器械', '机械', '电子', '化工', '建材', '食品', '咨询'];
const PLACES = ['上海', '北京', '杭州', '南京', '广州', '深圳', '成都', '重庆', '天津'];

/** A million companies: two random words and a trade make the core (信航贸易), so names collide as often as real ones do. */
export async function insertCustomers(bench: BenchStack, ownerIds: readonly string[]): Promise<void> {
  await bench.query(
    'customers',
    `insert into customer (id, name, kind, match_name, match_address, name_initials, address, owner_id, created_by_id, created_at)
     select gen_random_uuid(), place || core || '有限公司', 'COMPANY', core, street, '', place || street, owner, owner, now()
       from generate_series(1, $1::int) n,
            lateral (select ($2::text[])[1 + (random() * ${WORDS.length - 1})::int] || ($2::text[])[1 + (random() * ${WORDS.length - 1})::int]
                          || chr(19968 + (random() * 20000)::int) || ($3::text[])[1 + (random() * ${TRADES.length - 1})::int] as core,
                            ($4::text[])[1 + (random() * ${PLACES.length - 1})::int] as place,
                            chr(19968 + (random() * 20000)::int) || chr(19968 + (random() * 20000)::int) || '路' || (1 + (random() * 999)::int) || '号' as street,
                            ($5::uuid[])[1 + (random() * ${ownerIds.length - 1})::int] as owner
                     where n is not null) r`,
    [DUPLICATE_CUSTOMERS, `{${WORDS}}`, `{${TRADES}}`, `{${PLACES}}`, `{${ownerIds.join(',')}}`],
  );
  await bench.query('customers', 'analyze customer');
}

const CHECK = 'query Check($input: CheckDuplicatesInput!) { checkDuplicates(input: $input) { sameKey { score } likely { score reasons ownerName } } }';

/** One rep checking names as they type them: half the spellings of companies that exist, half new ones. */
export async function measureDuplicateCheck(bench: BenchStack, seconds: number): Promise<Timing> {
  const url = bench.stack.gateway.url;
  const token = await signIn(url, 'rep1.east.shanghai.team1@demo.crm');
  const existing = await bench.query<{ name: string; address: string }>('customers', 'select name, address from customer where address is not null order by random() limit 500');
  let i = 0;
  const input = () => {
    i += 1;
    const known = existing[i % existing.length]!;
    // Another spelling of a known company (bracketed place, another legal form), or a new one.
    const name = i % 2 ? known.name.replace(/^(..)(.*)有限公司$/, '$2（$1）股份有限公司') : `新建${i}号公司`;
    return { name, kind: 'COMPANY', address: i % 2 ? known.address : null };
  };
  const check = async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CHECK, variables: { input: input() } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors[0]));
  };
  await drive(1, 2, check); // warm-up: plans, caches, JIT
  return drive(1, seconds, check);
}
