// Worker-thread entry of first-books.ts. Plain JavaScript so that Node can start it in any host (tsx, the
// test runner) from sources: it registers tsx's loader for this thread, then loads the TypeScript job. The built
// server starts the compiled job instead (worker-entry.ts).
import { register } from "tsx/esm/api";

register();
await import("./first-books-job.ts");
