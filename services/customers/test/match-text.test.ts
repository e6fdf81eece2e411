import { addressMatchText, companyMatchText } from '../src/modules/customer/match-text';

/**
 * CUS-3's match text: what is left of a name or an address to compare once the parts every record
 * has are gone. Places come off only where they stand as places; a county's name used as a brand
 * or a road is kept, or unrelated companies would match on what remains ("电子", "路88号").
 */
describe('company names', () => {
  it.each([
    ['上海信航贸易有限公司', '信航贸易'],
    ['信航贸易（上海）有限公司', '信航贸易'],
    ['广东省深圳市鼎晖新能源科技有限公司', '鼎晖新能源科技'],
    ['中国华泰集团股份有限公司', '华泰'],
    ['浦东新区金桥电子有限公司', '金桥电子'],
  ])('%s → %s', (name, expected) => {
    expect(companyMatchText(name)).toBe(expected);
  });

  it.each([
    // 永兴, 博兴 and 永泰 are counties in Hunan, Shandong and Fujian, not places inside Hangzhou.
    ['杭州永兴电子集团有限公司', '永兴电子'],
    ['广州博兴电子集团有限公司', '博兴电子'],
    ['永泰电子有限公司', '永泰电子'],
  ])('keeps a county name used as a brand: %s → %s', (name, expected) => {
    expect(companyMatchText(name)).toBe(expected);
  });
});

describe('addresses', () => {
  it.each([
    ['上海市徐汇区漕溪北路88号', '漕溪北路88号'],
    ['徐汇区漕溪北路 88 号', '漕溪北路88号'],
    ['浙江省杭州市西湖区文三路398号', '文三路398号'],
    // 中山 (a city), 和平 and 朝阳 (districts elsewhere) are road names here.
    ['上海市黄浦区中山路12号', '中山路12号'],
    ['天津市南开区和平路5号', '和平路5号'],
    ['上海市杨浦区朝阳路7号', '朝阳路7号'],
  ])('%s → %s', (address, expected) => {
    expect(addressMatchText(address)).toBe(expected);
  });
});
