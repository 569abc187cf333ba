/**
 * The HTTP fuzz (fuzz-http-suite.ts) in its short form, for `npm test`: FUZZ_HTTP_RUNS inputs
 * per property (default 25; the long form, fuzz-http.long.test.ts, sends 300).
 */
import { fuzzHttp } from './fuzz-http-suite.js';

fuzzHttp(Number(process.env.FUZZ_HTTP_RUNS ?? 25));
