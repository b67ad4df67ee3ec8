import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The LiteLLM proxy, started by the harness in front of the fake upstream with what a fair
/// comparison turns off: telemetry, message logging, spend and error logs (there is no database
/// anyway), retries, the remote model-cost map, debug logging and uvicorn's per-request access log. Auth stays on (a master key), as
/// Gatehouse checks a bearer token too.
final class LiteLLMProxy: @unchecked Sendable {
    let baseURL: String
    let masterKey: String
    /// The `litellm` process's id.
    var processIdentifier: pid_t { process.processIdentifier }
    private let process: Process
    private let directory: URL

    /// Writes the config into a temporary directory, starts `litellm` with one worker and waits
    /// (up to `timeout`) until `GET /health/readiness` answers 200.
    init(executable: String, upstreamURL: String, model: String, timeout: Duration = .seconds(180)) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-litellm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        masterKey = "sk-bench-\(UUID().uuidString.lowercased())"
        let config = directory.appendingPathComponent("litellm.yaml")
        try Self.config(upstreamURL: upstreamURL, model: model, masterKey: masterKey)
            .write(to: config, atomically: true, encoding: .utf8)
        let logConfig = directory.appendingPathComponent("uvicorn-log.json")
        try Self.uvicornLogConfig.write(to: logConfig, atomically: true, encoding: .utf8)
        let port = try await Self.freePort()
        baseURL = "http://127.0.0.1:\(port)/v1"
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--config", config.path, "--host", "127.0.0.1", "--port", String(port), "--num_workers", "1",
            "--telemetry", "False", "--log_config", logConfig.path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["LITELLM_LOG"] = "ERROR"
        environment["LITELLM_MODE"] = "PRODUCTION"  // no .env loading
        environment["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"  // no fetch of the cost map at start
        environment["DISABLE_ADMIN_UI"] = "True"
        environment["HOME"] = directory.path
        process.environment = environment
        process.currentDirectoryURL = directory
        let log = directory.appendingPathComponent("litellm.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        do {
            try await waitReady(timeout: timeout, log: log)
        } catch {
            stop()
            throw error
        }
    }

    /// The proxy config: one model routed to `openai/<model>` at the fake upstream.
    static func config(upstreamURL: String, model: String, masterKey: String) -> String {
        """
        model_list:
          - model_name: \(model)
            litellm_params:
              model: openai/\(model)
              api_base: \(upstreamURL)
              api_key: bench-dummy-key
        litellm_settings:
          telemetry: false
          turn_off_message_logging: true
          set_verbose: false
          json_logs: false
          drop_params: true
          num_retries: 0
          request_timeout: 60
          cache: false
        router_settings:
          num_retries: 0
          enable_pre_call_checks: false
        general_settings:
          master_key: \(masterKey)
          disable_spend_logs: true
          disable_error_logs: true
          disable_spend_updates: true
          disable_reset_budget: true
          disable_adding_master_key_hash_to_db: true
          store_model_in_db: false
          background_health_checks: false

        """
    }

    /// uvicorn's logging (`--log_config`): warnings and errors only, no access log line per request.
    static let uvicornLogConfig = """
        {"version": 1, "disable_existing_loggers": false,
         "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
         "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
         "loggers": {"uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": false},
                     "uvicorn.error": {"level": "WARNING"},
                     "uvicorn.access": {"handlers": ["stderr"], "level": "WARNING", "propagate": false}}}
        """

    /// Kills the proxy (SIGKILL: it keeps no state, and it inherits a signal mask from the
    /// harness's threads that blocks SIGTERM) and removes the temporary directory.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private func waitReady(timeout: Duration, log: URL) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let root = String(baseURL.dropLast("/v1".count))
        while clock.now < deadline {
            guard process.isRunning else { break }
            let request = HTTPClientRequest(url: root + "/health/readiness")
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        let tail = (try? String(contentsOf: log, encoding: .utf8))?.suffix(3000) ?? ""
        throw BenchError("the LiteLLM proxy did not become ready:\n\(tail)")
    }

    /// A port on 127.0.0.1 that was free a moment ago.
    private static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}

/// A failure with a message for the user.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
