import ArgumentParser
import Foundation

/// `latency`: closed-loop load at each concurrency against the fake upstream directly, through
/// Gatehouse and through LiteLLM (interleaved, so all see the same machine), as Markdown tables.
struct LatencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency", abstract: "Added latency and requests/s of Gatehouse and LiteLLM over a fake upstream.")

    @Option(help: "The fake upstream's base URL (printed by `fake-upstream`): the direct target.")
    var upstreamURL: String
    @Option(help: "The model name the fake upstream is asked for.")
    var upstreamModel = "bench"
    @Option(help: "Gatehouse's base URL (…/v1 is added when missing); omitted: no Gatehouse target.")
    var gatehouseURL: String?
    @Option(help: "Bearer token for Gatehouse.")
    var gatehouseToken: String?
    @Option(help: "The Gatehouse model that routes to the fake upstream.")
    var gatehouseModel = "bench"
    @Option(help: "Path of the `litellm` executable: start its proxy in front of the fake upstream and measure it.")
    var litellm: String?
    @Option(help: "Measured seconds per target and concurrency.")
    var durationSeconds = 10.0
    @Option(help: "Warm-up seconds before each measurement (discarded).")
    var warmupSeconds = 2.0
    @Option(help: "Comma-separated numbers of concurrent clients.")
    var concurrency = "1,8,32"

    func run() async throws {
        let levels = concurrency.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !levels.isEmpty, levels.allSatisfy({ $0 > 0 }) else { throw ValidationError("bad --concurrency") }
        var targets = [Target(name: "direct", baseURL: Self.base(upstreamURL), token: nil, model: upstreamModel)]
        if let gatehouseURL {
            targets.append(
                Target(
                    name: "gatehouse", baseURL: Self.base(gatehouseURL), token: gatehouseToken, model: gatehouseModel))
        }
        var proxy: LiteLLMProxy?
        if let litellm {
            log("starting the LiteLLM proxy (\(litellm))")
            let started = try await LiteLLMProxy(
                executable: litellm, upstreamURL: Self.base(upstreamURL), model: upstreamModel)
            terminateOnSignal(child: started.processIdentifier)
            proxy = started
            targets.append(
                Target(name: "litellm", baseURL: started.baseURL, token: started.masterKey, model: upstreamModel))
        }
        defer { proxy?.stop() }
        var rows: [(clients: Int, target: String, summary: Summary)] = []
        for clients in levels {
            for target in targets {
                log("\(target.name), \(clients) client(s): \(warmupSeconds) s warm-up, \(durationSeconds) s measured")
                let result = try await LoadGenerator.run(
                    target: target, concurrency: clients, warmup: .seconds(warmupSeconds),
                    duration: .seconds(durationSeconds))
                if let error = result.firstError { log("  \(result.errors) error(s), first: \(error.prefix(300))") }
                rows.append((clients, target.name, Summary(result)))
            }
        }
        print(LatencyReport(rows: rows).markdown)
    }

    /// `url` without a trailing slash, ending in `/v1`.
    static func base(_ url: String) -> String {
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed.hasSuffix("/v1") ? trimmed : trimmed + "/v1"
    }
}

/// Progress on standard error (standard output carries only the report).
func log(_ message: String) {
    FileHandle.standardError.write(Data("bench-inference: \(message)\n".utf8))
}

/// The LiteLLM proxy's process id, for the signal handler (Foundation's `Process` starts it in a
/// process group of its own, so a signal to the harness's group does not reach it).
nonisolated(unsafe) private var childProcess: pid_t = 0

/// On SIGINT or SIGTERM, kills `pid` (see `LiteLLMProxy.stop`) and exits (a killed harness takes its LiteLLM
/// child with it). Only async-signal-safe calls in the handler.
func terminateOnSignal(child pid: pid_t) {
    childProcess = pid
    for signalNumber in [SIGINT, SIGTERM] {
        signal(signalNumber) { received in
            if childProcess > 0 { kill(childProcess, SIGKILL) }
            _exit(128 + received)
        }
    }
}
