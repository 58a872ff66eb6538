// The I/O of calls on wasm. `fetchOnce` sends one attempt (the Rust transport's and the
// executor's). `drive` runs a call the wasm planned as a job (src/js/job.rs): it sends what
// the job asks, waits where it says, watches each request's deadline and the abort signal,
// and hands every answer back. What to send and what an answer means is the job's.

const READ = ["content-type", "link", "retry-after", "x-result-count"];

// The platform's message for a failed fetch; Node's undici puts the useful part (ECONNREFUSED,
// ...) in `cause`.
function describe(error) {
  if (!(error instanceof Error)) return typeof error === "string" ? error : "fetch failed";
  const cause = error.cause instanceof Error ? error.cause.message : "";
  return cause ? `${error.message} (${cause})` : error.message;
}

// One attempt: `[status, ...the READ headers (null when absent), body text]`; a failure to get
// an answer rejects with the platform's message. `headers` is name, value, name, ...
export async function fetchOnce(method, url, headers, body, signal) {
  const init = { method, headers: new Headers(), signal };
  for (let at = 0; at < headers.length; at += 2) init.headers.append(headers[at], headers[at + 1]);
  if (body !== undefined) init.body = body;
  try {
    const response = await fetch(url, init);
    return [response.status, ...READ.map((name) => response.headers.get(name)), await response.text()];
  } catch (error) {
    throw describe(error);
  }
}

// True when something answers at `url` to a `no-cors` GET, which no CORS setting can refuse.
export const reachable = (url) => fetch(url, { mode: "no-cors" }).then(() => true, () => false);

// What the executor tells a job (`job.next(event, id, value)`, src/js/job.rs).
const START = 0, ANSWER = 1, LOST = 2, EXPIRED = 3, STOPPED = 4;

// Runs `job` to its end: the promise of the call. `auth`, when a function, is called first.
export function drive(job, auth, signal) {
  const controller = new AbortController();
  const timers = new Set();
  const sent = [];
  let over = false;
  return new Promise((resolve, reject) => {
    const end = (settle, value) => {
      over = true;
      // A job resolves once every request is answered; one that fails may leave some in flight.
      if (settle === reject) controller.abort();
      timers.forEach(clearTimeout);
      signal?.removeEventListener("abort", abort);
      job.free();
      settle(value);
    };
    const abort = () => over || end(reject, job.next(STOPPED, 0));
    // A timer, cleared when the call ends (a pending one would keep Node running); timers
    // hold at most 2^31 - 1 ms.
    const later = (ms, then) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        over || then();
      }, Math.min(ms, 2147483647));
      timers.add(timer);
    };
    const attempt = (id) => {
      fetchOnce(...sent[id], controller.signal).then(
        (answer) => over || step(job.next(ANSWER, id, answer)),
        (message) => over || step(job.next(LOST, id, message)),
      );
    };
    const step = (commands) => {
      for (const [kind, id, ...rest] of commands) {
        if (over) return;
        if (kind < 2) end(kind ? reject : resolve, id);
        else if (kind === 3) later(rest[0], () => attempt(id));
        else {
          sent[id] = rest.slice(0, 4);
          if (rest[4] !== undefined) later(rest[4], () => step(job.next(EXPIRED, id)));
          attempt(id);
        }
      }
    };
    signal?.addEventListener("abort", abort);
    Promise.resolve()
      .then(() => (typeof auth === "function" ? auth() : undefined))
      .then(
        (value) => over || (signal?.aborted ? abort() : step(job.next(START, 0, value))),
        () => over || end(reject, job.next(STOPPED, 1)),
      );
  });
}
