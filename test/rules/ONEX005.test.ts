// ONEX005 lifecycle: a non-declarative node class without an `async def` start method or an
// `async def` stop method (configurable names), in the class or a same-file base (rules.md).
// The valid and invalid cases are in ./ONEX005.cases.ts (the fix tests apply the fix to every invalid one).
import { ruleTester } from '../helpers/ruleTester';
import { ONEX005_CASES } from './ONEX005.cases';

ruleTester('ONEX005', ONEX005_CASES);
