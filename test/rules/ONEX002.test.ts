// ONEX002 service-registration: no Consul registration reachable from the entry points, or
// registration without a deregistration reachable from the stop method (rules.md).
// The valid and invalid cases are in ./ONEX002.cases.ts (the fix tests apply the fix to every invalid one).
import { ruleTester } from '../helpers/ruleTester';
import { ONEX002_CASES } from './ONEX002.cases';

ruleTester('ONEX002', ONEX002_CASES);
