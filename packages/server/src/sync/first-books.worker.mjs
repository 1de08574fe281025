// Worker-thread entry of first-books.ts. Plain JavaScript so that Node can start it in any host (tsx, the
// test runner): it registers tsx's loader for this thread, then loads the TypeScript job.
import { register } from "tsx/esm/api";

register();
await import("./first-books-job.ts");
