import { localDriver } from './local-driver.js';
import { runOnboardingContract } from './onboarding.contract.js';

runOnboardingContract(localDriver);
