export { generateStatement, generateStatementChunks } from "./generate-statement.ts";
export { generateStatementWithTruth, type StatementTruth } from "./generate-statement-with-truth.ts";
export type { GenerateStatementOptions } from "./statement-options.ts";
