export { MONEY_RULES, Money, type Factor } from './money';
export { MoneyScalar } from './money.scalar';
export { MONEY_COLUMN, MoneyType } from './money.column';
export { chineseUppercase } from './chinese-uppercase';
