/** The weekly digest's schedule firing, as a job scheduler's job would run it. */
import { DIGEST_KIND } from '../../flows/digest.js';
import type { JobRun } from '../../src/core/jobs.js';

/** The digest schedule firing for an alliance; `key` is the one a BullMQ job scheduler's job has. */
export const digestFiring = (allianceId: string, key: string): JobRun => ({
  allianceId,
  flow: 'digest',
  kind: DIGEST_KIND,
  data: {},
  key,
  type: 'schedule',
});
