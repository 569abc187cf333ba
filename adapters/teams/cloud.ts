/**
 * The SDK's CloudAdapter, told that an inbound turn here never writes back through its own
 * context: our answers leave later, from the delivery queue, through `continueConversation`
 * (which makes its own connector client). So `process()` need not build a connector client,
 * and fetch an outbound token, for every activity it acknowledges: `process()` still runs in
 * full otherwise (activity checks, the serviceUrl claim check, invoke responses). Measured in
 * bench/teams.bench.ts: the token and client cost the acknowledgement path about 0.3 ms of
 * CPU per activity.
 */
import type { Activity } from '@microsoft/agents-activity';
import { CloudAdapter } from '@microsoft/agents-hosting';

export class AcknowledgingCloudAdapter extends CloudAdapter {
  /** Inbound turns send nothing through their context (see the file comment). */
  protected override resolveIfConnectorClientIsNeeded(_activity: Activity): boolean {
    return false;
  }
}
