import { Migration } from '@mikro-orm/migrations';

/**
 * FUN-3: scoring rules, with defaults so scores mean something before an admin tunes them; the
 * interactions funnel keeps from customers' events for intent; and each lead's and opportunity's
 * score, indexed for lists ordered by it.
 */
export class Migration20261205100000Scoring extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table scoring_rule (
      id uuid primary key,
      factor varchar(30) not null,
      match_values jsonb not null,
      min_count int,
      within_days int,
      points int not null,
      label varchar(60) not null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create table scoring_interaction (
      interaction_id uuid primary key,
      customer_id uuid not null,
      kind varchar(20) not null,
      occurred_at timestamptz not null)`);
    this.addSql('create index scoring_interaction_customer_idx on scoring_interaction (customer_id, occurred_at)');
    this.addSql(`create table record_score (
      record_type varchar(20) not null,
      record_id uuid not null,
      score int not null,
      fit int not null,
      intent int not null,
      explanation jsonb not null,
      computed_at timestamptz not null,
      primary key (record_type, record_id))`);
    this.addSql('create index record_score_rank_idx on record_score (record_type, score desc, record_id desc)');
    for (const rule of DEFAULT_RULES) {
      this.addSql(
        this.getKnex().raw(
          `insert into scoring_rule (id, factor, match_values, min_count, within_days, points, label, created_at, updated_at) values (?, ?, ?::jsonb, ?, ?, ?, ?, now(), now())`,
          [rule.id, rule.factor, JSON.stringify(rule.values ?? []), rule.minCount ?? null, rule.withinDays ?? null, rule.points, rule.label],
        ),
      );
    }
  }
}

/** Seed 003's signals: a lead that asked itself, a bigger company, a fresh inquiry, visits and follow-ups, a deal moving. */
const DEFAULT_RULES = [
  { id: '0192f000-0000-7000-8000-00000000c001', factor: 'SOURCE', values: ['WEB_INQUIRY', 'EVENT'], points: 20, label: '主动咨询或展会来源' },
  { id: '0192f000-0000-7000-8000-00000000c002', factor: 'SOURCE', values: ['BUSINESS_CARD'], points: 10, label: '名片来源' },
  { id: '0192f000-0000-7000-8000-00000000c003', factor: 'COMPANY_SIZE', values: ['MEDIUM', 'LARGE'], points: 20, label: '中大型企业' },
  { id: '0192f000-0000-7000-8000-00000000c004', factor: 'COMPANY_SIZE', values: ['SMALL'], points: 10, label: '小型企业' },
  { id: '0192f000-0000-7000-8000-00000000c005', factor: 'INQUIRY_RECENCY', withinDays: 7, points: 15, label: '7天内咨询' },
  { id: '0192f000-0000-7000-8000-00000000c006', factor: 'INQUIRY_RECENCY', withinDays: 30, points: 10, label: '30天内咨询' },
  { id: '0192f000-0000-7000-8000-00000000c007', factor: 'RECENT_INTERACTIONS', minCount: 2, withinDays: 14, points: 15, label: '两周内跟进2次以上' },
  { id: '0192f000-0000-7000-8000-00000000c008', factor: 'VISITS', minCount: 1, withinDays: 30, points: 20, label: '30天内上门拜访' },
  { id: '0192f000-0000-7000-8000-00000000c009', factor: 'STAGE_MOVES', minCount: 1, withinDays: 30, points: 15, label: '30天内推进阶段' },
];
