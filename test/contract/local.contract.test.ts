import { runDocumentsContract } from './documents.contract.js';
import { runIdeasContract } from './ideas.contract.js';
import { runInvitationsContract } from './invitations.contract.js';
import { runLinkContract } from './link.contract.js';
import { localDriver } from './local-driver.js';
import { runOnboardingContract } from './onboarding.contract.js';
import { runPartnersContract } from './partners.contract.js';
import { runSuccessesContract } from './successes.contract.js';
import { runToolkitContract } from './toolkit.contract.js';

runOnboardingContract(localDriver);
runPartnersContract(localDriver);
runToolkitContract(localDriver);
runLinkContract(localDriver);
runIdeasContract(localDriver);
runDocumentsContract(localDriver);
runInvitationsContract(localDriver);
runSuccessesContract(localDriver);
