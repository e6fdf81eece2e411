export { fields, parseId, parseInput } from './parse-input';
