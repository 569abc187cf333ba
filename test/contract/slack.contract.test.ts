import { runDocumentsContract } from './documents.contract.js';
import { runIdeasContract } from './ideas.contract.js';
import { runInvitationsContract } from './invitations.contract.js';
import { runLinkContract } from './link.contract.js';
import { runOnboardingContract } from './onboarding.contract.js';
import { runPartnersContract } from './partners.contract.js';
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
