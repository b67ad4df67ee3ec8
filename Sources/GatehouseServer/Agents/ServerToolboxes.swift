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
    private let built = Mutex<[String: [LoadedToolbox]]>([:])
    private let sharedTodos = TodoList()

    init(
        gateway: MCPGateway, spine: Spine, caller: Caller, traceID: String, runner: (any WorkspaceRunner)?,
        fetcher: any WebFetcher, memoryFolder: String, fileName: String
    ) {
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
        let made = try agent.toolsets.map { try make($0, in: file) }
        built.withLock { $0[key] = made }
        return made
    }

    private func make(_ toolset: ToolsetDefinition, in file: AgentFile) throws -> LoadedToolbox {
        var box: any AgentToolbox
        var governed = false
        switch toolset.kind {
        case .think: box = ThinkToolbox()
        case .todo: box = TodoToolbox(list: toolset.shared ? sharedTodos : TodoList())
        case .memory: box = MemoryToolbox(file: memoryFile(toolset.path))
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
            box = GatewayToolbox(
                gateway: gateway, spine: spine, caller: caller, traceID: traceID,
                server: try server(of: toolset, in: file),
                prefix: toolset.name)
            governed = true
        }
        if let tools = toolset.tools { box = ToolFilter(box, tools: tools) }
        return LoadedToolbox(
            kind: toolset.kind.rawValue, toolbox: box, governedByGateway: governed, instruction: toolset.instruction)
    }

    private func workspaceRunner() throws -> any WorkspaceRunner {
        guard let runner else {
            throw GatehouseError(.badRequest, "this run has no workspace for filesystem, shell or script tools")
        }
        return runner
    }

    /// The catalog server an `mcp` toolset names: `docker:NAME` is the catalog's server NAME;
    /// `NAME` is an entry of the file's `mcps`, which names one in turn. Servers that are not in
    /// Gatehouse's catalog (a `command` or `remote` of the file itself) are not run: tool
    /// servers are vetted into the catalog by its operators.
    private func server(of toolset: ToolsetDefinition, in file: AgentFile) throws -> String {
        if let ref = toolset.ref {
            if ref.hasPrefix("docker:") { return String(ref.dropFirst("docker:".count)) }
            if let named = file.mcps[ref] { return try server(of: named, in: file) }
            throw GatehouseError(.badRequest, "the mcp toolset ref \(ref.prefix(64)) names nothing")
        }
        throw GatehouseError(
            .forbidden,
            "mcp toolsets with their own command or remote URL do not run here: add the server to Gatehouse's MCP catalog and use ref: docker:NAME"
        )
    }

    /// The memory file of a toolset: under the caller's own folder, named by the toolset's `path`
    /// (reduced to a file name) or the agent file's name.
    private func memoryFile(_ path: String?) -> String {
        let base = (path ?? fileName).split(separator: "/").last.map(String.init) ?? "memory"
        let safe = String(
            base.unicodeScalars.filter {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "._-".unicodeScalars.contains($0)
            }.prefix(64).map(Character.init))
        return memoryFolder + "/" + (safe.isEmpty || safe.hasPrefix(".") ? "memory" : safe) + ".json"
    }
}
