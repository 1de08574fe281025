export { FLEX_ERRORS, type FlexErrorCode } from "./flex-errors.ts";
export {
  type FlexEndpoint,
  type FlexSimFault,
  type FlexSimQuery,
  FlexSimRegistry,
  type FlexSimRequestCounts,
  type FlexSimToken,
} from "./flex-sim-registry.ts";
export { generateStatement, generateStatementChunks } from "./generate-statement.ts";
export { generateStatementWithTruth, type StatementTruth } from "./generate-statement-with-truth.ts";
export { type FlexSim, type StartFlexSimOptions, startFlexSim } from "./start-flex-sim.ts";
export type { GenerateStatementOptions } from "./statement-options.ts";
