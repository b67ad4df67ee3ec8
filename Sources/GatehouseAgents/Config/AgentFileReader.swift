public import GatehouseCore
import Yams

/// Reads an agent file strictly: `version` is required, every unknown key, wrong type and
/// dangling reference is reported with file, line and key path, and every problem is found in
/// one pass (``ConfigError`` lists them all in file order). The text is hostile input: Core's
/// YAML loader refuses oversize texts, deep nesting and alias bombs before anything is read.
public enum AgentFileReader {
    /// The configuration versions whose keys this reader knows (docker-agent's `1` to `7`: the
    /// subset Gatehouse runs is the same in all of them).
    public static let versions = ["1", "2", "3", "4", "5", "6", "7"]

    /// Reads `text`; `file` names it in diagnostics.
    public static func read(_ text: String, file: String) throws(ConfigError) -> AgentFile {
        let log = ConfigDiagnosticLog(file: file)
        var result: AgentFile?
        let empty = "the document is empty (expected a mapping starting with \"version: \\\"7\\\"\")"
        if let root = YAMLDocument.load(text, log: log, emptyMessage: empty) {
            result = document(root)
        }
        guard log.isEmpty, let result else {
            if log.isEmpty { log.report("the file defines no agents", path: "agents", line: nil, column: nil) }
            throw log.error
        }
        return result
    }

    /// Notes on what is accepted but not used (endpoints and key names: Gatehouse sends every
    /// model call through its gateway and holds the keys itself).
    public static func notes(for file: AgentFile) -> [String] {
        var notes: [String] = []
        for (name, model) in file.models.sorted(by: { $0.key < $1.key }) where model.baseURL != nil {
            notes.append("models.\(name).base_url is not contacted: model calls go through Gatehouse's gateway")
        }
        for (name, provider) in file.providers.sorted(by: { $0.key < $1.key })
        where provider.baseURL != nil || provider.tokenKey != nil {
            notes.append("providers.\(name) is not contacted: model calls go through Gatehouse's gateway")
        }
        return notes
    }

    private static func document(_ root: YAMLValue) -> AgentFile? {
        guard root.isMapping else {
            root.report("the top level must be a mapping, found \(root.summary)")
            return nil
        }
        var file: AgentFile?
        root.mapping { document in
            guard let version = readVersion(&document) else {
                _ = document.takeAll()
                return
            }
            let models = document.optional("models").map(readModels) ?? [:]
            let providers = document.optional("providers").map(readProviders) ?? [:]
            let mcps = document.optional("mcps").map(readMCPs) ?? [:]
            let permissions = document.optional("permissions").map(readPermissions) ?? PermissionRules()
            let metadata = document.optional("metadata").map(readMetadata) ?? AgentMetadata()
            guard let agentsValue = document.required("agents") else { return }
            let agents = readAgents(agentsValue)
            let read = AgentFile(
                version: version, agents: agents, models: models, providers: providers, mcps: mcps,
                permissions: permissions, metadata: metadata)
            check(read, agents: agentsValue)
            if !agents.isEmpty { file = read }
        }
        return file
    }

    private static func readVersion(_ document: inout YAMLMapping) -> String? {
        guard let value = document.required("version") else { return nil }
        let kind = value.node.scalarKind
        guard case .scalar(let scalar) = value.node, kind == .string || kind == .integer else {
            value.report("expected a version such as \"7\", found \(value.summary)")
            return nil
        }
        guard versions.contains(scalar.string) else {
            value.report(
                "unsupported version \(ConfigEcho.quoted(scalar.string)) (this Gatehouse reads versions 1 to 7)")
            return nil
        }
        return scalar.string
    }

    private static func readMetadata(_ value: YAMLValue) -> AgentMetadata {
        var metadata = AgentMetadata()
        value.mapping { map in
            metadata.author = map.optional("author")?.string()
            metadata.license = map.optional("license")?.string()
            metadata.description = map.optional("description")?.string(allowEmpty: true)
            metadata.readme = map.optional("readme")?.string(allowEmpty: true)
            metadata.version = map.optional("version")?.scalarText()
        }
        return metadata
    }

    private static func readPermissions(_ value: YAMLValue) -> PermissionRules {
        var rules = PermissionRules()
        value.mapping { map in
            rules.allow = map.optional("allow").map(readPatterns) ?? []
            rules.ask = map.optional("ask").map(readPatterns) ?? []
            rules.deny = map.optional("deny").map(readPatterns) ?? []
        }
        return rules
    }

    private static func readPatterns(_ value: YAMLValue) -> [ToolPattern] {
        (value.sequence() ?? []).compactMap { element in
            guard let text = element.string() else { return nil }
            guard let pattern = ToolPattern(text) else {
                element.report(
                    "\(ConfigEcho.quoted(text)) is not a permission pattern (expected TOOL or TOOL:ARG=VALUE, e.g. \"shell:cmd=ls*\")"
                )
                return nil
            }
            return pattern
        }
    }
}
