/// How the engine manager starts and keeps llama.cpp server processes: one process per model.
package struct LlamaEngineSettings: Sendable {
    /// The argv prefix, e.g. `[python3, -m, llama_cpp.server]` or `[/usr/bin/llama-server]`.
    package var command: [String]
    /// How `command` spells its arguments.
    package var dialect: LlamaArgumentDialect
    /// Arguments appended after the generated ones for every model.
    package var extraArguments: [String] = []
    /// Inference threads per engine.
    package var threads: Int = 1
    /// Context length in tokens; `nil` keeps the server's default.
    package var contextLength: Int? = nil
    /// At most this many engine processes run at once.
    package var maxLoaded: Int = 2
    /// How long an idle engine stays loaded when a lease does not say otherwise.
    package var keepAlive: Duration = .seconds(300)
    /// The sum of loaded models' estimated bytes must stay below this.
    package var memoryBudget: UInt64
    /// How long a starting engine may take to answer `GET /v1/models` with 200.
    package var startTimeout: Duration = .seconds(60)
    /// How long a stopping engine gets between SIGTERM and SIGKILL.
    package var stopGrace: Duration = .seconds(5)
    /// Where each engine's stdout and stderr go (`<model>-<port>.log`).
    package var logDirectory: String
    /// The delay before a crashed engine may be restarted.
    package var backoff: RestartBackoff = RestartBackoff()
    /// How often `LlamaEngines.run()` looks for exited and expired engines.
    package var monitorInterval: Duration = .milliseconds(250)
    /// Start attempts with a fresh port when the engine reports its port is taken.
    package var bindAttempts: Int = 3

    /// Creates settings; the memory budget defaults to `MemAvailable` now.
    package init(
        command: [String], dialect: LlamaArgumentDialect, logDirectory: String,
        memoryBudget: UInt64? = nil
    ) {
        self.command = command
        self.dialect = dialect
        self.logDirectory = logDirectory
        self.memoryBudget = memoryBudget ?? MemoryInfo.availableBytes() ?? 0
    }
}

/// Exponential restart delay: `initial`, doubled per consecutive failure, capped at `maximum`.
package struct RestartBackoff: Sendable, Equatable {
    /// The delay after the first failure.
    package var initial: Duration = .seconds(1)
    /// The largest delay.
    package var maximum: Duration = .seconds(30)
    /// An engine that stayed ready this long starts counting failures from zero again.
    package var resetAfter: Duration = .seconds(60)

    /// Creates a policy.
    package init(
        initial: Duration = .seconds(1), maximum: Duration = .seconds(30), resetAfter: Duration = .seconds(60)
    ) {
        self.initial = initial
        self.maximum = maximum
        self.resetAfter = resetAfter
    }

    /// The delay after `failures` consecutive failures (1 s, 2 s, 4 s … capped).
    package func delay(afterFailures failures: Int) -> Duration {
        var delay = initial
        for _ in 1..<max(failures, 1) {
            delay *= 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}
