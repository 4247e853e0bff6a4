// ONEX009 metrics: a non-declarative node class with no get_metrics, or whose get_metrics returns
// dict literals without success-rate, failure and average-duration keys (rules.md).
// The valid and invalid cases are in ./ONEX009.cases.ts (the fix tests apply the fix to every invalid one).
import { ruleTester } from '../helpers/ruleTester';
import { ONEX009_CASES } from './ONEX009.cases';

ruleTester('ONEX009', ONEX009_CASES);
