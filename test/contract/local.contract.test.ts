import { runIdeasContract } from './ideas.contract.js';
import { runLinkContract } from './link.contract.js';
import { localDriver } from './local-driver.js';
import { runOnboardingContract } from './onboarding.contract.js';
import { runPartnersContract } from './partners.contract.js';

runOnboardingContract(localDriver);
runPartnersContract(localDriver);
runLinkContract(localDriver);
runIdeasContract(localDriver);
