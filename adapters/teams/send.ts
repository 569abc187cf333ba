/**
 * A rendered Teams message as an outgoing Activity: plain text, or an Adaptive Card
 * attachment whose `summary` (notifications) and `fallbackText` carry the text version.
 */
import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { CARD_CONTENT_TYPE, type TeamsMessage } from './cards.js';

export function toActivity(part: TeamsMessage): Activity {
  const activity = new Activity(ActivityTypes.Message);
  if (!part.card) {
    activity.text = part.text;
    activity.textFormat = 'plain';
    return activity;
  }
  activity.summary = part.text.slice(0, 200);
  activity.attachments = [{ contentType: CARD_CONTENT_TYPE, content: part.card }];
  return activity;
}
