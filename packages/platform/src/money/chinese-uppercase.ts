import type { Money } from './money';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
/** The mark closing each group of four digits, lowest first: a Money has at most 16 digits before the point. */
const GROUP_MARKS = ['', '万', '亿', '万'];

/**
 * The yuan as written on a cheque or an invoice: every digit with its place (壹拾, never 拾), a run
 * of zeros inside the number as one 零, none at the end of a group; 万亿 when the 亿 group is empty.
 */
function yuanInWords(digits: string): string {
  let words = '';
  let zeroPending = false;
  for (let index = 0; index < digits.length; index++) {
    const place = digits.length - 1 - index;
    const digit = Number(digits[index]);
    if (digit === 0) zeroPending = words !== '';
    else {
      words += `${zeroPending ? '零' : ''}${DIGITS[digit]}${PLACES[place % 4]}`;
      zeroPending = false;
    }
    if (place % 4 === 0) words += groupMark(digits, place);
  }
  return words;
}

/** The group's mark if any of its digits is not zero; 亿 alone closes an empty 亿 group under a 万亿 one. */
function groupMark(digits: string, place: number): string {
  const group = digits.slice(Math.max(0, digits.length - place - 4), digits.length - place);
  if (/[1-9]/.test(group)) return GROUP_MARKS[place / 4]!;
  return place === 8 && digits.length > 12 ? '亿' : '';
}

/**
 * An amount in Chinese capital numerals (大写金额), as printed on quotes and invoices:
 * 12345.67 is 壹万贰仟叁佰肆拾伍元陆角柒分, 100.00 is 壹佰元整, 0.05 is 伍分. 整 closes an amount
 * without jiao or fen; 零 stands for a zero jiao before fen (325.04 is 叁佰贰拾伍元零肆分). Read
 * from the amount's exact decimal string, so no digit passes through a float.
 */
export function chineseUppercase(amount: Money): string {
  const text = amount.toString();
  const sign = text.startsWith('-') ? '负' : '';
  const [yuan, fen] = text.replace('-', '').split('.') as [string, string];
  const jiaoDigit = Number(fen[0]);
  const fenDigit = Number(fen[1]);
  const yuanWords = yuan === '0' ? '' : `${yuanInWords(yuan)}元`;
  if (!jiaoDigit && !fenDigit) return `${sign}${yuanWords || '零元'}整`;
  const jiao = jiaoDigit ? `${DIGITS[jiaoDigit]}角` : yuanWords ? '零' : '';
  return `${sign}${yuanWords}${jiao}${fenDigit ? `${DIGITS[fenDigit]}分` : ''}`;
}
