import { type CheckedRequest, checkAnswer, checkRequest, type Issue, type Verdict } from '../spec/checker';

/** What the sandbox's spec checks found since it started (reset() keeps it: it covers the whole run). */

export interface OffSpecEntry {
  method: string;
  path: string;
  operationId: string;
  /** The answer's status (answers only). */
  status?: number;
  problems: string[];
}

export interface ConformanceReport {
  requestsChecked: number;
  answersChecked: number;
  /** operationIds of the spec that requests reached, sorted. */
  operationsCovered: string[];
  /** `METHOD /v1/...` (first seen path) of requests the spec does not cover (users, sub-statuses, auth, bulk jobs). */
  notCovered: string[];
  offSpecRequests: OffSpecEntry[];
  offSpecAnswers: OffSpecEntry[];
}

interface AnswerToCheck {
  request: { method: string; path: string; query: URLSearchParams };
  status: number;
  body: unknown;
}

export interface ConformanceLog {
  /** Answers are checked when a report is asked for, not on the way out: checking costs time a test should not wait. */
  answersToCheck: AnswerToCheck[];
  requestsChecked: number;
  answersChecked: number;
  covered: Set<string>;
  notCovered: Map<string, string>;
  offSpecRequests: OffSpecEntry[];
  offSpecAnswers: OffSpecEntry[];
}

export function createConformanceLog(): ConformanceLog {
  return {
    answersToCheck: [],
    requestsChecked: 0,
    answersChecked: 0,
    covered: new Set(),
    notCovered: new Map(),
    offSpecRequests: [],
    offSpecAnswers: [],
  };
}

export function conformanceReport(log: ConformanceLog): ConformanceReport {
  for (const answer of log.answersToCheck.splice(0)) checkRecordedAnswer(log, answer);
  return {
    requestsChecked: log.requestsChecked,
    answersChecked: log.answersChecked,
    operationsCovered: [...log.covered].sort(),
    notCovered: [...log.notCovered.values()].sort(),
    offSpecRequests: [...log.offSpecRequests],
    offSpecAnswers: [...log.offSpecAnswers],
  };
}

/** Groups paths of requests the spec does not cover by their first two segments (`GET /v1/users/…`). */
function uncoveredKey(method: string, path: string): string {
  return `${method} ${path.split('/').slice(0, 3).join('/')}`;
}

export type RequestOutcome =
  | { kind: 'ok' }
  /** Off-spec: the sandbox answers 400 with these problems. */
  | { kind: 'off-spec'; operationId: string; issues: Issue[] };

/** Checks a request, records the result, and says whether the sandbox should refuse it. */
export function recordRequest(log: ConformanceLog, request: CheckedRequest): RequestOutcome {
  const verdict: Verdict = checkRequest(request);
  if (verdict.kind !== 'checked') {
    const key = uncoveredKey(request.method, request.path);
    if (!log.notCovered.has(key)) log.notCovered.set(key, key);
    return { kind: 'ok' };
  }
  log.requestsChecked += 1;
  log.covered.add(verdict.operationId);
  if (verdict.problems.length === 0) return { kind: 'ok' };
  const entry: OffSpecEntry = {
    method: request.method,
    path: request.path,
    operationId: verdict.operationId,
    problems: verdict.problems,
  };
  log.offSpecRequests.push(entry);
  return { kind: 'off-spec', operationId: verdict.operationId, issues: verdict.issues };
}

/** Keeps an answer (as sent on the wire) to be checked against the spec's schema for its status. */
export function recordAnswer(
  log: ConformanceLog,
  request: { method: string; path: string; query: URLSearchParams },
  status: number,
  body: unknown,
): void {
  log.answersToCheck.push({
    request: { method: request.method, path: request.path, query: request.query },
    status,
    body,
  });
}

function checkRecordedAnswer(log: ConformanceLog, { request, status, body }: AnswerToCheck): void {
  const { method, path } = request;
  const verdict = checkAnswer(method, path, status, body, request.query);
  if (verdict.kind !== 'checked') return;
  log.answersChecked += 1;
  if (verdict.problems.length === 0) return;
  log.offSpecAnswers.push({ method, path, operationId: verdict.operationId, status, problems: verdict.problems });
}
