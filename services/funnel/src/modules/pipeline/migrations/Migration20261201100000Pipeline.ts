import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_PIPELINE_ID } from '../pipeline.defaults';

/** Stage pipelines (FUN-2), and the default one, so opportunities work before an admin sets any up. */
export class Migration20261201100000Pipeline extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table pipeline (
      id uuid primary key,
      name varchar(100) not null,
      business_line varchar(100) not null,
      stages jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(
      this.getKnex().raw(`insert into pipeline (id, name, business_line, stages, created_at, updated_at) values (?, '默认销售流程', '通用', ?::jsonb, now(), now())`, [
        DEFAULT_PIPELINE_ID,
        JSON.stringify(DEFAULT_STAGES),
      ]),
    );
  }
}

/** Seed 003's stages: 初步沟通 → 确定意向 → 商务洽谈; won and lost are outcomes, not stages. */
const DEFAULT_STAGES = [
  { id: '0192f000-0000-7000-8000-00000000a001', name: '初步沟通', winProbability: 10, requiredFields: [], retired: false },
  { id: '0192f000-0000-7000-8000-00000000a002', name: '确定意向', winProbability: 40, requiredFields: ['AMOUNT'], retired: false },
  { id: '0192f000-0000-7000-8000-00000000a003', name: '商务洽谈', winProbability: 70, requiredFields: ['AMOUNT', 'EXPECTED_CLOSE_DATE', 'DECISION_MAKER'], retired: false },
];
