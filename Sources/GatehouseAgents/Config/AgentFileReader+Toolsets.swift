import GatehouseCore
import Yams

extension AgentFileReader {
    /// docker-agent's toolset types that Gatehouse does not run, so the error can say so.
    static let unsupportedKinds = [
        "tasks", "api", "a2a", "lsp", "user_prompt", "openapi", "model_picker", "background_agents",
    ]

    /// One toolset; the keys allowed depend on its `type`.
    static func readToolset(_ value: YAMLValue) -> ToolsetDefinition? {
        readToolset(value, forcedKind: nil)
    }

    static func readToolset(_ value: YAMLValue, forcedKind: ToolsetDefinition.Kind?) -> ToolsetDefinition? {
        var toolset: ToolsetDefinition?
        value.mapping { map in
            let kind: ToolsetDefinition.Kind
            if let forcedKind {
                if let written = map.optional("type"), written.string() != forcedKind.rawValue {
                    written.report("a toolset under mcps is of type mcp")
                }
                kind = forcedKind
            } else {
                guard let typeValue = map.required("type"), let text = typeValue.string() else {
                    _ = map.takeAll()
                    return
                }
                guard let known = ToolsetDefinition.Kind(rawValue: text) else {
                    let supported = ToolsetDefinition.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                    if unsupportedKinds.contains(text) {
                        typeValue.report("toolset type \(text) is not run by Gatehouse (supported: \(supported))")
                    } else {
                        typeValue.report("unknown toolset type \(ConfigEcho.quoted(text)) (supported: \(supported))")
                    }
                    _ = map.takeAll()
                    return
                }
                kind = known
            }
            var read = ToolsetDefinition(kind: kind)
            read.tools = map.optional("tools")?.strings()
            read.instruction = map.optional("instruction")?.string(allowEmpty: true)
            switch kind {
            case .mcp: readMCP(&map, into: &read, owner: value)
            case .shell: read.env = map.optional("env")?.stringMap() ?? [:]
            case .script:
                read.env = map.optional("env")?.stringMap() ?? [:]
                if let scripts = map.required("shell") { read.scripts = readScripts(scripts) }
            case .todo: read.shared = map.optional("shared")?.boolean() ?? false
            case .memory: read.path = map.optional("path")?.string()
            case .fetch: read.timeoutSeconds = map.optional("timeout")?.integer(in: 1...300)
            case .filesystem, .think: break
            }
            toolset = read
        }
        return toolset
    }

    private static func readMCP(_ map: inout YAMLMapping, into read: inout ToolsetDefinition, owner: YAMLValue) {
        read.ref = map.optional("ref")?.string()
        read.command = map.optional("command")?.string()
        read.args = map.optional("args")?.strings() ?? []
        read.env = map.optional("env")?.stringMap() ?? [:]
        read.name = map.optional("name")?.string()
        if let name = read.name, !validName(name) {
            map.optional("name")?.report("a toolset's name is letters, digits, \"-\", \"_\" and \".\"")
        }
        if let remote = map.optional("remote") {
            remote.mapping { remoteMap in
                guard let url = remoteMap.required("url")?.string() else { return }
                var server = ToolsetDefinition.RemoteServer(url: url)
                server.transportType = remoteMap.optional("transport_type")?.string()
                if let type = server.transportType, !["sse", "streamable", "streamable-http"].contains(type) {
                    remoteMap.optional("transport_type")?.report(
                        "transport_type must be sse, streamable or streamable-http")
                }
                server.headers = remoteMap.optional("headers")?.stringMap() ?? [:]
                read.remote = server
            }
        }
        let given = [read.ref != nil, read.command != nil, read.remote != nil].filter { $0 }.count
        if given != 1 {
            owner.report("an mcp toolset needs exactly one of ref, command or remote.url")
        }
    }

    private static func readScripts(_ value: YAMLValue) -> [ScriptDefinition] {
        var scripts: [ScriptDefinition] = []
        value.mapping { map in
            for entry in map.takeAll() {
                guard validName(entry.name) else {
                    entry.key.report("a script's name is letters, digits, \"-\", \"_\" and \".\"")
                    continue
                }
                entry.value.mapping { script in
                    guard let command = script.required("cmd")?.string() else { return }
                    var read = ScriptDefinition(name: entry.name, command: command)
                    read.description = script.optional("description")?.string(allowEmpty: true)
                    read.env = script.optional("env")?.stringMap() ?? [:]
                    read.workingDirectory = script.optional("working_dir")?.string()
                    if let args = script.optional("args") { read.arguments = readScriptArguments(args) }
                    if let required = script.optional("required") {
                        read.required = required.strings()
                        let known = Set(read.arguments.map(\.name))
                        for name in read.required where !known.contains(name) {
                            required.report("required argument \(ConfigEcho.quoted(name)) is not among args")
                        }
                    }
                    scripts.append(read)
                }
            }
        }
        return scripts
    }

    private static func readScriptArguments(_ value: YAMLValue) -> [ScriptArgumentDefinition] {
        var arguments: [ScriptArgumentDefinition] = []
        value.mapping { map in
            for entry in map.takeAll() {
                guard entry.name.first.map({ $0 == "_" || $0.isLetter }) == true,
                    entry.name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
                else {
                    entry.key.report("a script argument is passed as an environment variable: [A-Za-z_][A-Za-z0-9_]*")
                    continue
                }
                entry.value.mapping { argument in
                    let type = argument.optional("type")?.string() ?? "string"
                    if !["string", "number", "integer", "boolean"].contains(type) {
                        argument.optional("type")?.report(
                            "a script argument's type is string, number, integer or boolean")
                    }
                    let description = argument.optional("description")?.string(allowEmpty: true)
                    arguments.append(ScriptArgumentDefinition(name: entry.name, type: type, description: description))
                }
            }
        }
        return arguments
    }
}
