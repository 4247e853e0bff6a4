// The analysis worker thread: keeps the extension host's event loop free while ts-morph loads and
// runs, while large Python files are analysed, and during workspace checks.
import { parentPort } from 'node:worker_threads';
import { analyzeWith, completionsWith, fixesWith, getFrontEnd } from '../engine';
import { fixAllWith } from '../fixAll';
import { answerTypeScriptBases, readFacts } from '../workspace/read';
import type { WorkerRequest, WorkerResponse } from './protocol';

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  try {
    // The workspace index's questions need no front end.
    if (request.kind === 'facts') return { id: request.id, ok: true, kind: 'facts', result: await readFacts(request.language, request.text, request.fileName) };
    if (request.kind === 'typescriptBases') return { id: request.id, ok: true, kind: 'typescriptBases', result: answerTypeScriptBases(request) };
    const frontEnd = await getFrontEnd(request.language);
    switch (request.kind) {
      case 'analyze':
        return { id: request.id, ok: true, kind: 'analyze', result: analyzeWith(frontEnd, request.text, request.config, request.fileName, undefined, { facts: request.facts }) };
      case 'fixes':
        return { id: request.id, ok: true, kind: 'fixes', result: fixesWith(frontEnd, request.text, request.finding, request.config, request.fileName) };
      case 'fixAll':
        return { id: request.id, ok: true, kind: 'fixAll', result: fixAllWith(frontEnd, request.text, request.config, request) };
      case 'completions':
        return { id: request.id, ok: true, kind: 'completions', result: completionsWith(frontEnd, request) };
      case 'productionClasses':
        return { id: request.id, ok: true, kind: 'productionClasses', result: frontEnd.productionClasses(request.text, request.config, request.fileName) };
    }
  } catch (error) {
    return { id: request.id, ok: false, error: (error as Error).stack ?? String(error) };
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  void handle(request).then((response) => parentPort?.postMessage(response));
});
