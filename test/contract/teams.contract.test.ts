import { runDocumentsContract } from './documents.contract.js';
import { runIdeasContract } from './ideas.contract.js';
import { runInvitationsContract } from './invitations.contract.js';
import { runLinkContract } from './link.contract.js';
import { runOnboardingContract } from './onboarding.contract.js';
import { runPartnersContract } from './partners.contract.js';
import { runSuccessesContract } from './successes.contract.js';
import { teamsDriver } from './teams-driver.js';
import { runToolkitContract } from './toolkit.contract.js';

runOnboardingContract(teamsDriver);
runPartnersContract(teamsDriver);
runToolkitContract(teamsDriver);
runLinkContract(teamsDriver);
runIdeasContract(teamsDriver);
runDocumentsContract(teamsDriver);
runInvitationsContract(teamsDriver);
runSuccessesContract(teamsDriver);
