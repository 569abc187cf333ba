import { runIdeasContract } from './ideas.contract.js';
import { runLinkContract } from './link.contract.js';
import { runOnboardingContract } from './onboarding.contract.js';
import { runPartnersContract } from './partners.contract.js';
import { teamsDriver } from './teams-driver.js';

runOnboardingContract(teamsDriver);
runPartnersContract(teamsDriver);
runLinkContract(teamsDriver);
runIdeasContract(teamsDriver);
