import type { EventName, Events } from '../../src/shared/contract.ts';
import { Host, type HostOptions } from '../../src/main/host/host.ts';

type Done = Events['job.done'];

/** A Host whose events are recorded, and a way to wait for a job's end. */
export function testHost(opts: Partial<HostOptions> = {}): {
  host: Host;
  events: { event: EventName; payload: unknown }[];
  job(method: string, args: unknown): Promise<Done>;
} {
  const events: { event: EventName; payload: unknown }[] = [];
  const waiting = new Map<string, (d: Done) => void>();
  const ended = new Map<string, Done>();
  const host = new Host({
    shell: 'browser',
    recent: null,
    ...opts,
    emit: (event, payload) => {
      events.push({ event, payload });
      if (event === 'job.done') {
        const d = payload as Done;
        const w = waiting.get(d.jobId);
        if (w) w(d);
        else ended.set(d.jobId, d);
      }
    },
  });
  const job = async (method: string, args: unknown): Promise<Done> => {
    const { jobId } = (await host.dispatch(method, args)) as { jobId: string };
    const done = ended.get(jobId);
    if (done) return done;
    return new Promise((resolve) => waiting.set(jobId, resolve));
  };
  return { host, events, job };
}
