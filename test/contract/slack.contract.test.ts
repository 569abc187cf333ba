import { runOnboardingContract } from './onboarding.contract.js';
import { slackDriver } from './slack-driver.js';

runOnboardingContract(slackDriver);
