// Worker-thread entry of check-statement-off-thread.ts. Plain JavaScript so that Node can start it in any host
// (tsx, the test runner): it registers tsx's loader for this thread, then loads the TypeScript job.
import { register } from "tsx/esm/api";

register();
await import("./check-statement-job.ts");
