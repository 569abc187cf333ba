/**
 * The HTTP fuzz (fuzz-http-suite.ts) in its long form, for `npm run test:reliability`:
 * 300 inputs per property (FUZZ_HTTP_LONG_RUNS to change).
 */
import { fuzzHttp } from './fuzz-http-suite.js';

fuzzHttp(Number(process.env.FUZZ_HTTP_LONG_RUNS ?? 300));
