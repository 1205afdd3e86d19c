// Entry point of the thread that reads one uploaded list file (read-off-thread.ts). Like
// the matching workers, it registers tsx itself: a worker thread does not inherit the
// loader hooks of the thread that started it.
import { register } from 'tsx/esm/api';

register();
await import('./read-list-worker.ts');
