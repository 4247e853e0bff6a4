// ONEX001 health-check-mode: a node class whose __init__ does expensive initialisation and never
// reads a health-check-mode flag (rules.md). Reported on the class name.
// The valid and invalid cases are in ./ONEX001.cases.ts (the fix tests apply the fix to every invalid one).
import { ruleTester } from '../helpers/ruleTester';
import { ONEX001_CASES } from './ONEX001.cases';

ruleTester('ONEX001', ONEX001_CASES);
