import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseStore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Everything the model API needs, built once from the configuration: the model store under
/// `DATA/models`, the llama.cpp engines, the HTTP client for upstreams, the usage ledger and the
/// usage writer. A `Service` of the server's group: it runs the engines' monitor and the usage
/// writer, and at shutdown stops every engine and flushes every usage record.
struct InferenceRuntime: Service {
    let config: ConfigHolder
    let models: ModelStore
    let engines: LlamaEngines
    let client: UpstreamClient
    let http: HTTPClient
    let ledger: UsageLedger
    let usage: UsageWriter
    let secrets: SecretResolver
    let logger: Logger
    /// The model store's index, cached.
    let stored: StoredModels
    /// GGUF memory estimates by digest (reading a model's header once).
    let estimates = EstimateCache()

    init(config: ConfigHolder, store: any GatehouseStore, secrets: SecretResolver, dataDir: String, logger: Logger)
        throws
    {
        let inference = config.loaded.config.inference
        self.config = config
        self.models = try ModelStore(root: dataDir + "/models")
        self.stored = StoredModels(models)
        self.engines = LlamaEngines(settings: try Self.engineSettings(inference.llamaCpp, dataDir: dataDir))
        // A read timeout: once an answer's head has come, nothing else bounds its body, so an
        // upstream that stalls mid-answer is cut after ten minutes of silence. Engines and vLLM
        // speak HTTP/1.1: one connection per concurrent answer, up to 256 per upstream.
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(600)))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        // The upstream call is traced by Gatehouse's own `inference.upstream` span, which sends
        // the `traceparent`; the client's built-in spans would only repeat it (and cost a few
        // percent of a request's CPU even when nothing is traced).
        configuration.tracing.tracer = nil
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.client = UpstreamClient(http: http)
        self.ledger = UsageLedger { key, since in
            switch key {
            case .principal(let principal):
                try await store.spend(principal: principal, groups: [], since: since).principal.costMicros
            case .group(let group):
                try await store.spend(principal: "", groups: [group], since: since).groups[group]?.costMicros ?? 0
            }
        }
        self.usage = UsageWriter(store: store, logger: logger)
        self.secrets = secrets
        self.logger = logger
    }

    func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { try? await cancelWhenGracefulShutdown { try await engines.run() } }
            group.addTask { await usage.run() }
        }
        await engines.unloadAll()
        try? await http.shutdown()
    }

    /// The engine settings of the `inference.engines.llama_cpp` section: its command, or a
    /// `llama-server` on PATH, else `python3 -m llama_cpp.server`.
    static func engineSettings(_ section: LlamaCppConfig, dataDir: String) throws -> LlamaEngineSettings {
        let command: [String]
        let dialect: LlamaArgumentDialect
        if !section.command.isEmpty {
            command = section.command
            dialect = command.contains("llama_cpp.server") ? .llamaCppPython : .llamaServer
        } else if let found = LlamaEngineSettings.resolveCommand(
            python: LlamaEngineSettings.findExecutable(
                "python3", searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"))
        {
            (command, dialect) = found
        } else {
            (command, dialect) = (["llama-server"], .llamaServer)
        }
        let logs = dataDir + "/engines"
        try FileManager.default.createDirectory(
            atPath: logs, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var settings = LlamaEngineSettings(
            command: command, dialect: dialect, logDirectory: logs,
            memoryBudget: section.memoryBytes > 0 ? UInt64(section.memoryBytes) : nil)
        // Embeddings are served by the same process as chat (both dialects allow it).
        settings.extraArguments =
            (dialect == .llamaCppPython ? ["--embedding", "true"] : ["--embeddings"]) + section.extraArgs
        settings.threads = section.threads
        settings.contextLength = section.contextLength
        settings.maxLoaded = section.maxLoaded
        settings.keepAlive = section.keepAlive ?? .seconds(-1)
        settings.startTimeout = section.startTimeout
        return settings
    }
}

/// Memory estimates of stored models by digest, shared by every request.
final class EstimateCache: Sendable {
    private let bytes = Mutex<[String: UInt64]>([:])

    /// The estimate of `digest`, computed by `estimate` the first time.
    func value(_ digest: String, _ estimate: () throws -> UInt64) rethrows -> UInt64 {
        if let known = bytes.withLock({ $0[digest] }) { return known }
        let value = try estimate()
        bytes.withLock { $0[digest] = value }
        return value
    }
}

/// The model store's index as last read, re-read only when the file changes (a pull, an import
/// or a removal by the CLI), so a request does not read and lock it.
final class StoredModels: Sendable {
    private let store: ModelStore
    private let cached = Mutex<(stamp: [Int], models: [StoredModel])?>(nil)

    init(_ store: ModelStore) { self.store = store }

    /// Every stored model.
    func list() throws -> [StoredModel] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: store.indexPath)
        let stamp = [
            Int(((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) * 1_000_000),
            (attributes?[.size] as? Int) ?? -1, (attributes?[.systemFileNumber] as? Int) ?? -1,
        ]
        if let hit = cached.withLock({ $0 }), hit.stamp == stamp { return hit.models }
        let models = try store.list()
        cached.withLock { $0 = (stamp, models) }
        return models
    }

    /// The stored model `name` (`:latest` when it has no tag), nil when there is none.
    func model(named name: String) throws -> StoredModel? {
        let wanted = (try? ModelName(validating: name).value) ?? name
        return try list().first { $0.name.value == wanted }
    }
}
