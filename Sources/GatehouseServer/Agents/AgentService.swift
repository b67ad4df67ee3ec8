import Crypto
import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseInference
import GatehouseMCP
import GatehouseSandbox
import GatehouseStore
import Logging
import Metrics
import Synchronization

/// Agent runs on the server: each run's sessions, bound to the caller who started it. Models
/// are reached through the inference runtime, MCP tools through the MCP gateway, built-in tools
/// through sandboxes on the run's workspace, all under the caller's identity and the policy.
final class AgentService: Sendable {
    let spine: Spine
    let inference: InferenceRuntime
    let mcp: MCPRuntime
    let manager: SandboxManager
    let store: any GatehouseStore
    let secrets: SecretResolver
    let dataDir: String
    let logger: Logger
    private let runs = Mutex<[String: LiveRun]>([:])
    private let scanner = SecretScanner()

    init(
        spine: Spine, inference: InferenceRuntime, mcp: MCPRuntime, manager: SandboxManager,
        store: any GatehouseStore, secrets: SecretResolver, dataDir: String, logger: Logger
    ) {
        self.spine = spine
        self.inference = inference
        self.mcp = mcp
        self.manager = manager
        self.store = store
        self.secrets = secrets
        self.dataDir = dataDir
        self.logger = logger
    }

    /// A new session id: 32 hex digits.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Creates a run for `caller` (already allowed `agent.run`), ready for its first turn.
    func start(
        _ request: AgentRunRequest, file: AgentFile, agent: String, workspace: String?, caller: Caller,
        traceID: String
    ) -> LiveRun {
        let fileName = request.shownFileName
        let session = AgentSessionState(id: Self.newID(), agent: agent, rules: file.permissions)
        let live = LiveRun(
            owner: caller.principal.key, fileName: fileName, interactive: request.interactive ?? false,
            session: session,
            ownServers: OwnServers(runtime: mcp, spine: spine, caller: caller, traceID: traceID, manager: manager))
        let config = spine.config.loaded.config
        let runner = workspace.map {
            SandboxWorkspaceRunner(workspace: $0, spine: spine, manager: manager, caller: caller, traceID: traceID)
        }
        let fetcher = SandboxFetcher(
            spine: spine, manager: manager, caller: caller, traceID: traceID,
            credentials: config.sandbox.egressCredentials, secrets: secrets)
        let toolboxes = ServerToolboxes(
            gateway: mcp.gateway, spine: spine, caller: caller, traceID: traceID, runner: runner, fetcher: fetcher,
            memoryFolder: dataDir + "/agents/memory/" + Self.ownerFolder(caller.principal.key), fileName: fileName,
            own: live.ownServers)
        var settings = RunSettings()
        settings.workspace = workspace
        let budget = SharedBudget(
            maxTokens: request.maxTokens ?? AgentRunRequest.defaultTokens, maxCostMicros: request.maxCostMicros)
        let agentRunner = AgentRunner(
            file: file,
            model: GatewayModelClient(spine: spine, runtime: inference, caller: caller, traceID: traceID),
            governor: SpineGovernor(spine: spine, caller: caller, traceID: traceID, scanner: scanner, live: live),
            provider: toolboxes,
            recorder: StoreRecorder(store: store, owner: caller.principal.key, fileName: fileName, logger: logger),
            budget: budget, settings: settings, newID: { Self.newID() }, emit: { live.send($0) })
        live.runner.withLock { $0 = agentRunner }
        runs.withLock { runs in
            runs = runs.filter { !$0.value.isExpired }
            runs[session.id] = live
        }
        return live
    }

    /// The live run of session `id` owned by `owner`.
    func live(_ id: String, owner: String) -> LiveRun? {
        runs.withLock { runs in
            guard let live = runs[id], live.owner == owner, !live.isExpired else { return nil }
            return live
        }
    }

    /// Runs one turn of `live` (begun with `sink`), its events into `sink`; returns the top
    /// session after it.
    func turn(_ live: LiveRun, message: String, sink: AsyncStream<AgentEvent>.Continuation) async throws
        -> AgentSessionState
    {
        guard let runner = live.runner.withLock({ $0 }) else {
            live.end(live.session)
            throw GatehouseError(.internal, "the run has no runner")
        }
        let after = await runner.turn(live.session, message: message)
        var fields: [String: JSONValue] = ["state": .string(after.state)]
        if let error = after.error { fields["error"] = .string(error) }
        if let answer = after.finalAnswer, after.state == "finished" { fields["final_answer"] = .string(answer) }
        fields["run_tokens"] = .integer(Int64(await runner.budget.tokens))
        await live.ownServers.stop()
        Counter(label: "gatehouse_agent_turns_total", dimensions: [("state", after.state)]).increment()
        live.send(AgentEvent("session_finished", fields, session: after.id, agent: after.agent))
        live.end(after)
        return after
    }

    /// The memory folder of a principal: a digest of their key, so no name reaches a path.
    static func ownerFolder(_ key: String) -> String {
        Hex.encode(SHA256.hash(data: Data(key.utf8)).prefix(12))
    }
}
