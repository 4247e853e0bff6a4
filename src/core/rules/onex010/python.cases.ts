// ONEX010 precise-timing: time.time() used to measure an elapsed duration (rules.md).
import { BRIDGE_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const MSG = 'measures an elapsed duration';

export const ONEX010_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    {
      name: 'spec pattern 7, production: perf_counter and milliseconds',
      code: dedent(`
        import time

        # Use perf_counter for high-precision timing
        start_time = time.perf_counter()

        # ... operation ...

        # Calculate duration in milliseconds
        duration_ms = (time.perf_counter() - start_time) * 1000

        # Round to 2 decimal places for logging
        emit_log_event(
            LogLevel.INFO,
            "Operation completed",
            {
                "node_id": self.node_id,
                "duration_ms": round(duration_ms, 2),
            },
        )
      `),
    },
    { name: 'the spec production snippets assembled into one class', code: pythonFixture('dataflow_spec_production.py') },
    {
      name: 'timestamps: stored in an attribute, logged, sent, compared with a deadline',
      code: dedent(`
        import time

        class NodeClockEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._started_at = time.time()

            async def process(self, data):
                deadline = time.time() + self.timeout
                while time.time() < deadline:
                    await self.poll()
                logger.info("finished at %s", time.time())
                await self.kafka_client.publish_with_envelope(
                    event_type="done", source_node_id=str(self.node_id), payload={"ts": time.time()},
                )
                return {"finished_at": time.time()}
      `),
    },
    {
      name: 'subtracted from a stored attribute, a parameter, a literal, a converted value',
      code: dedent(`
        import time

        class NodeAgeCompute(NodeCompute):
            def uptime(self):
                return time.time() - self._started_at

            def age(self, created_at: float, msg):
                cutoff = time.time() - 3600
                lag = time.time() - float(msg.timestamp)
                return time.time() - created_at, cutoff, lag
      `),
    },
    {
      name: 'a start time also used as a timestamp is not swapped (perf_counter has no epoch)',
      code: dedent(`
        import time

        def run(self):
            start = time.time()
            self.started_at = start
            work()
            return time.time() - start
      `),
    },
    {
      name: 'a start time also used for a deadline',
      code: dedent(`
        import time

        def wait(timeout):
            start = time.time()
            while time.time() < start + timeout:
                if time.time() - start > 1:
                    break
      `),
    },
    {
      name: 'a local bound from another source as well',
      code: dedent(`
        import time

        def measure(event=None):
            start = time.time()
            if event is not None:
                start = event.received_at
            return time.time() - start
      `),
    },
    {
      name: 'augmented assignment of the local',
      code: dedent(`
        import time

        def measure():
            start = time.time()
            start += 0.5
            return time.time() - start
      `),
    },
    {
      name: 'nested functions are separate scopes: a closure over the start time is not a local',
      code: dedent(`
        import time

        def outer():
            start = time.time()

            def elapsed():
                return time.time() - start

            return elapsed
      `),
    },
    {
      name: 'from datetime import time: time() is a datetime.time',
      code: dedent(`
        from datetime import time

        def opening(self):
            start = time()
            return time() - start
      `),
    },
    {
      name: 'a module-level def time() rebinding the name',
      code: dedent(`
        from time import time

        def time():
            return 0

        def f():
            a = time()
            return time() - a
      `),
    },
    {
      name: 'a parameter or local shadowing the time module',
      code: dedent(`
        import time

        def f(time):
            a = time.time()
            return time.time() - a

        def g():
            time = FakeClock()
            a = time.time()
            return time.time() - a
      `),
    },
    {
      name: 'other clocks: monotonic, time_ns, perf_counter_ns',
      code: dedent(`
        import time

        def f():
            a = time.monotonic()
            b = time.time_ns()
            c = time.perf_counter_ns()
            return time.monotonic() - a, time.time_ns() - b, time.perf_counter_ns() - c
      `),
    },
    {
      name: 'a file that does not import time: time.time() is something else',
      code: dedent(`
        from mylib import clock as time

        def f():
            a = time.time()
            return time.time() - a
      `),
    },
    {
      name: 'scaled values are not a plain duration of time.time() values',
      code: dedent(`
        import time

        def f():
            start_ms = int(time.time() * 1000)
            return int(time.time() * 1000) - start_ms
      `),
    },
    {
      name: 'suppressed on both lines, and for the whole file',
      code: dedent(`
        import time

        def f():
            a = time.time()  # onex: ignore[ONEX010]
            return time.time() - a  # onex: ignore
      `),
    },
    {
      name: 'file-level suppression',
      code: dedent(`
        # onex: ignore-file[ONEX010]
        import time

        def f():
            a = time.time()
            return time.time() - a
      `),
    },
  ],
  invalid: [
    {
      name: 'spec pattern 7, template (module level)',
      code: dedent(`
        import time

        start = time.time()
        # ... operation ...
        duration = time.time() - start
      `),
      errors: [
        { line: 3, column: 9, endLine: 3, endColumn: 20, message: `time.time() ${MSG}` },
        { line: 5, column: 12, endColumn: 23, message: MSG },
      ],
      output: dedent(`
        import time

        start = time.perf_counter()
        # ... operation ...
        duration = time.perf_counter() - start
      `),
    },
    {
      name: 'the spec template snippets assembled into one class',
      code: pythonFixture('dataflow_spec_template.py'),
      errors: [{ line: 46, column: 17 }, { line: 48, column: 20 }],
    },
    {
      name: 'import time as t',
      code: dedent(`
        import time as t

        async def handle(self, request):
            t0 = t.time()
            await self.backend.call(request)
            self._total_duration += t.time() - t0
      `),
      errors: [{ line: 4, column: 10, message: 't.time()' }, { line: 6, column: 29 }],
      output: dedent(`
        import time as t

        async def handle(self, request):
            t0 = t.perf_counter()
            await self.backend.call(request)
            self._total_duration += t.perf_counter() - t0
      `),
    },
    {
      name: 'from time import time: perf_counter added to the same import',
      code: dedent(`
        from time import sleep, time

        def measure():
            begin = time()
            sleep(1)
            return time() - begin
      `),
      errors: [{ line: 4, column: 13, message: 'time() (time.time)' }, { line: 6, column: 12 }],
      output: dedent(`
        from time import sleep, time, perf_counter

        def measure():
            begin = perf_counter()
            sleep(1)
            return perf_counter() - begin
      `),
    },
    {
      name: 'from time import time as now, with perf_counter already imported under a name',
      code: dedent(`
        from time import perf_counter as pc
        from time import time as now

        def measure():
            begin = now()
            return now() - begin
      `),
      errors: [{ line: 5, column: 13 }, { line: 6, column: 12 }],
      output: dedent(`
        from time import perf_counter as pc
        from time import time as now

        def measure():
            begin = pc()
            return pc() - begin
      `),
    },
    {
      name: 'from-imported time() in a file that also imports the module',
      code: dedent(`
        import time
        from time import time as wall

        def measure():
            begin = wall()
            return wall() - begin
      `),
      errors: [{ line: 5, column: 13 }, { line: 6, column: 12 }],
      output: dedent(`
        import time
        from time import time as wall

        def measure():
            begin = time.perf_counter()
            return time.perf_counter() - begin
      `),
    },
    {
      name: 'wrapped in int(), float() and round()',
      code: dedent(`
        import time

        def f():
            a = int(time.time())
            b = float(time.time())
            work()
            return round(time.time(), 3) - a, int(time.time()) - b
      `),
      errors: [{ line: 4, column: 13 }, { line: 5, column: 15 }, { line: 7, column: 18 }, { line: 7, column: 43 }],
    },
    {
      name: 'two locals (t2 - t1) and two calls (time.time() - time.time())',
      code: dedent(`
        import time

        def f():
            t1 = time.time()
            t2 = time.time()
            overhead = time.time() - time.time()
            return t2 - t1, overhead
      `),
      errors: [{ line: 4, column: 10 }, { line: 5, column: 10 }, { line: 6, column: 16 }, { line: 6, column: 30 }],
    },
    {
      name: 'in an f-string, a comparison with a timeout, a loop',
      code: dedent(`
        import time

        async def poll(self, timeout):
            for attempt in range(3):
                started = time.time()
                await self.check()
                if time.time() - started > timeout:
                    logger.warning(f"slow attempt {attempt}: {time.time() - started:.2f}s")
      `),
      errors: [{ line: 5, column: 19 }, { line: 7, column: 12 }, { line: 8, column: 55 }],
    },
    {
      name: 'a nested function measuring with its own locals; the outer one stays silent',
      code: dedent(`
        import time

        def outer(self):
            stamp = time.time()
            self.last = stamp

            def inner():
                a = time.time()
                work()
                return time.time() - a

            return inner
      `),
      errors: [{ line: 8, column: 13 }, { line: 10, column: 16 }],
    },
    {
      name: 'walrus binding and decorated async method',
      code: dedent(`
        import time

        class NodeTimerEffect(NodeEffect):
            @trace("timer")
            async def process(self, data):
                if (begin := time.time()) and data:
                    await self.work(data)
                return {"elapsed": time.time() - begin}
      `),
      errors: [{ line: 6, column: 22 }, { line: 8, column: 28 }],
    },
    {
      name: 'a class with a syntax error elsewhere in the file',
      code: dedent(`
        import time

        def broken(:
            pass

        def measure():
            a = time.time()
            return time.time() - a
      `),
      errors: [{ line: 7, column: 9 }, { line: 8, column: 12 }],
    },
    {
      name: 'one call suppressed, the other still reported',
      code: dedent(`
        import time

        def f():
            a = time.time()  # onex: ignore[ONEX010]
            return time.time() - a
      `),
      errors: [{ line: 5, column: 12 }],
    },
    {
      name: 'a long realistic file: durations next to timestamps, helpers, aliases, decorators',
      code: pythonFixture('dataflow_long_effect.py'),
      errors: [
        { line: 39, column: 35 }, { line: 43, column: 30 }, // retry wrapper (nested in a decorator factory)
        { line: 54, column: 9 }, { line: 56, column: 12 }, // from time import time as now
        { line: 171, column: 18 }, { line: 173, column: 20 }, // nested on_retry, import time as _time
        { line: 203, column: 17 }, { line: 207, column: 19 }, // reindex: begin / elapsed
        { line: 260, column: 17 }, { line: 266, column: 20 }, // legacy compute
        { line: 282, column: 26 }, { line: 284, column: 22 }, // int() / round() wrapped
        { line: 300, column: 14 }, { line: 302, column: 14 }, // t2 - t1 in a plain class
      ],
    },
  ],
};
