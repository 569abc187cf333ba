import { runOnboardingContract } from './onboarding.contract.js';
import { teamsDriver } from './teams-driver.js';

runOnboardingContract(teamsDriver);
