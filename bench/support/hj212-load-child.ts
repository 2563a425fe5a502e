/**
 * Entry of the forked HJ 212 load process (forkLoad in bench/support/hj212-load.ts): runs the
 * plan given as JSON in argv[2], tells the parent `{ start: true }` when its clock starts, then
 * sends the LoadResult and exits.
 */
import { runLoad, type LoadPlan } from './hj212-load.ts';

const plan = JSON.parse(process.argv[2]!) as LoadPlan;
const result = await runLoad(plan, () => process.send!({ start: true }));
process.send!(result, () => process.exit(0));
