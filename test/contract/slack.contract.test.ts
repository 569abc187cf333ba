import { runChartsContract } from './charts.contract.js';
import { runCheckinsContract } from './checkins.contract.js';
import { runConnectContract } from './connect.contract.js';
import { runDigestContract } from './digest.contract.js';
import { runDocumentsContract } from './documents.contract.js';
import { runIdeasContract } from './ideas.contract.js';
import { runInvitationsContract } from './invitations.contract.js';
import { runLinkContract } from './link.contract.js';
import { runOnboardingContract } from './onboarding.contract.js';
import { runPartnersContract } from './partners.contract.js';
import { runPrivacyContract } from './privacy.contract.js';
import { slackDriver } from './slack-driver.js';
import { runSuccessesContract } from './successes.contract.js';
import { runToolkitContract } from './toolkit.contract.js';

runOnboardingContract(slackDriver);
runPartnersContract(slackDriver);
runToolkitContract(slackDriver);
runLinkContract(slackDriver);
runIdeasContract(slackDriver);
runDocumentsContract(slackDriver);
runInvitationsContract(slackDriver);
runSuccessesContract(slackDriver);
runCheckinsContract(slackDriver);
runDigestContract(slackDriver);
runChartsContract(slackDriver);
runPrivacyContract(slackDriver);
// Slack Connect: a person of a partner's own workspace in the shared alliance channel.
runConnectContract(slackDriver);
