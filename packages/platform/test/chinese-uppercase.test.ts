import { chineseUppercase, Money } from '../src';

const words = (amount: string) => chineseUppercase(Money.of(amount));

/** 大写金额 as 《支付结算办法》 writes them: the cases a printed quote or invoice meets. */
describe('chineseUppercase', () => {
  it.each([
    ['12345.67', '壹万贰仟叁佰肆拾伍元陆角柒分'],
    ['100', '壹佰元整'],
    ['16.00', '壹拾陆元整'],
    ['110.00', '壹佰壹拾元整'],
    ['0.00', '零元整'],
    ['0.05', '伍分'],
    ['0.50', '伍角'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    ['1680.30', '壹仟陆佰捌拾元叁角'],
    ['1005.00', '壹仟零伍元整'],
    ['100005.00', '壹拾万零伍元整'],
    ['10500.00', '壹万零伍佰元整'],
    ['10050000.01', '壹仟零伍万元零壹分'],
    ['120000000.00', '壹亿贰仟万元整'],
    ['100000005.00', '壹亿零伍元整'],
    ['-89.90', '负捌拾玖元玖角'],
  ])('writes %s as %s', (amount, expected) => {
    expect(words(amount)).toBe(expected);
  });

  it('writes 万亿, with 亿 closing an empty 亿 group', () => {
    expect(words('1000000000000.00')).toBe('壹万亿元整');
    expect(words('1000000000005.00')).toBe('壹万亿零伍元整');
    expect(words('1000500000000.00')).toBe('壹万零伍亿元整');
    expect(words('1000005000000.00')).toBe('壹万亿零伍佰万元整');
  });

  it('writes the largest amounts exactly, digit by digit', () => {
    expect(words('123456789012345.67')).toBe('壹佰贰拾叁万肆仟伍佰陆拾柒亿捌仟玖佰零壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(words('9999999999999999.99')).toBe('玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
  });
});
