import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseMCP
import Synchronization

/// The toolboxes of a run's agents, bound to the caller: built-in toolsets on the run's
/// workspace and the egress proxy, `mcp` toolsets on the catalog's servers through the MCP
/// gateway. Built once per session and agent, so a toolset's state (thoughts, todos) lasts
/// the session; a `shared` todo list lasts the whole run.
final class ServerToolboxes: ToolboxProvider {
    let gateway: MCPGateway
    let spine: Spine
    let caller: Caller
    let traceID: String
    let runner: (any WorkspaceRunner)?
    let fetcher: any WebFetcher
    let memoryFolder: String
    let fileName: String
    /// The file's own MCP servers.
    let own: OwnServers
    /// The most memory files per person.
    static let memoryFiles = 32
    private let built = Mutex<[String: [LoadedToolbox]]>([:])
    private let sharedTodos = TodoList()

    init(
        gateway: MCPGateway, spine: Spine, caller: Caller, traceID: String, runner: (any WorkspaceRunner)?,
        fetcher: any WebFetcher, memoryFolder: String, fileName: String, own: OwnServers
    ) {
        self.own = own
        self.gateway = gateway
        self.spine = spine
        self.caller = caller
        self.traceID = traceID
        self.runner = runner
        self.fetcher = fetcher
        self.memoryFolder = memoryFolder
        self.fileName = fileName
    }

    func toolboxes(for agent: AgentDefinition, in file: AgentFile, session: String) async throws -> [LoadedToolbox] {
        let key = session + "/" + agent.name
        if let ready = built.withLock({ $0[key] }) { return ready }
        var made: [LoadedToolbox] = []
        for (index, toolset) in agent.toolsets.enumerated() {
            made.append(try await make(toolset, in: file, name: toolset.name ?? "\(agent.name)-\(index)"))
        }
        built.withLock { $0[key] = made }
        return made
    }

    private func make(_ toolset: ToolsetDefinition, in file: AgentFile, name: String) async throws -> LoadedToolbox {
        var box: any AgentToolbox
        var governed = false
        switch toolset.kind {
        case .think: box = ThinkToolbox()
        case .todo: box = TodoToolbox(list: toolset.shared ? sharedTodos : TodoList())
        case .memory: box = MemoryToolbox(file: try memoryFile(toolset.path))
        case .fetch: box = FetchToolbox(fetcher: fetcher, defaultTimeout: .seconds(toolset.timeoutSeconds ?? 30))
        case .filesystem: box = FilesystemToolbox(runner: try workspaceRunner())
        case .shell: box = ShellToolbox(runner: try workspaceRunner(), environment: toolset.env)
        case .script:
            let scripts = toolset.scripts.map { script in
                ScriptTool(
                    name: script.name, description: script.description ?? "Runs: \(script.command)",
                    command: script.command,
                    arguments: script.arguments.map {
                        ScriptArgument(name: $0.name, type: $0.type, description: $0.description ?? "")
                    }, required: script.required, environment: toolset.env.merging(script.env) { $1 },
                    workingDirectory: script.workingDirectory)
            }
            box = ScriptToolbox(scripts: scripts, runner: try workspaceRunner())
        case .mcp:
            let (serving, server) = try await server(of: toolset, in: file, name: name)
            box = GatewayToolbox(
                gateway: serving, spine: spine, caller: caller, traceID: traceID, server: server, prefix: toolset.name,
                throughProfiles: serving === gateway)
            governed = true
        }
        if let tools = toolset.tools { box = ToolFilter(box, tools: tools) }
        return LoadedToolbox(
            kind: toolset.kind.rawValue, toolbox: box, governedByGateway: governed, instruction: toolset.instruction)
    }

    func release(session: String) async {
        built.withLock { built in built = built.filter { !$0.key.hasPrefix(session + "/") } }
    }

    private func workspaceRunner() throws -> any WorkspaceRunner {
        guard let runner else {
            throw GatehouseError(.badRequest, "this run has no workspace for filesystem, shell or script tools")
        }
        return runner
    }

    /// The gateway and server an `mcp` toolset names: `docker:NAME` is the catalog's server
    /// NAME; `NAME` is an entry of the file's `mcps`, which names one in turn; a `command` or a
    /// `remote` URL is the file's own server (see ``OwnServers``).
    private func server(of toolset: ToolsetDefinition, in file: AgentFile, name: String) async throws
        -> (MCPGateway, String)
    {
        if let ref = toolset.ref {
            if ref.hasPrefix("docker:") { return (gateway, String(ref.dropFirst("docker:".count))) }
            if let named = file.mcps[ref], named.ref?.hasPrefix("docker:") ?? true {
                return try await server(of: named, in: file, name: ref)
            }
            throw GatehouseError(.badRequest, "the mcp toolset ref \(ref.prefix(64)) names nothing")
        }
        return try await own.serve(toolset, named: OwnServers.name(name))
    }

    /// The memory file of a toolset: under the caller's own folder, named by the toolset's `path`
    /// (reduced to a file name) or the agent file's name.
    private func memoryFile(_ path: String?) throws -> String {
        let base = (path ?? fileName).split(separator: "/").last.map(String.init) ?? "memory"
        let safe = String(
            base.unicodeScalars.filter {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "._-".unicodeScalars.contains($0)
            }.prefix(64).map(Character.init))
        let file = memoryFolder + "/" + (safe.isEmpty || safe.hasPrefix(".") ? "memory" : safe) + ".json"
        // Each person has at most this many memory files (each holds up to 1,000 memories).
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: memoryFolder))?.filter {
            $0.hasSuffix(".json")
        }
        if let existing, existing.count >= Self.memoryFiles, !FileManager.default.fileExists(atPath: file) {
            throw GatehouseError(
                .badRequest, "you have \(Self.memoryFiles) memory files already; reuse one (toolset path:)")
        }
        return file
    }
}
