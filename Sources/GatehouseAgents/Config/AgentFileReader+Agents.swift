import GatehouseCore
import Yams

extension AgentFileReader {
    /// `agents`: an ordered mapping of names to agents.
    static func readAgents(_ value: YAMLValue) -> [AgentDefinition] {
        var agents: [AgentDefinition] = []
        value.mapping { map in
            for entry in map.takeAll() {
                guard validName(entry.name) else {
                    entry.key.report(
                        "agent names are letters, digits, \"-\", \"_\" and \".\" (at most 64), found \(ConfigEcho.quoted(entry.name))"
                    )
                    continue
                }
                if let agent = readAgent(entry.name, entry.value) { agents.append(agent) }
            }
        }
        if agents.isEmpty, value.isMapping, value.node.mapping?.isEmpty == true {
            value.report("the file defines no agents")
        }
        return agents
    }

    private static func readAgent(_ name: String, _ value: YAMLValue) -> AgentDefinition? {
        var agent: AgentDefinition?
        value.mapping { map in
            let model = map.required("model")?.string()
            var read = AgentDefinition(name: name, model: model ?? "")
            read.description = map.optional("description")?.string(allowEmpty: true)
            read.instruction = map.optional("instruction")?.string(allowEmpty: true)
            read.welcomeMessage = map.optional("welcome_message")?.string(allowEmpty: true)
            read.subAgents = map.optional("sub_agents")?.strings() ?? []
            read.handoffs = map.optional("handoffs")?.strings() ?? []
            read.toolsets = (map.optional("toolsets")?.sequence() ?? []).compactMap(readToolset)
            read.addDate = map.optional("add_date")?.boolean() ?? false
            read.addEnvironmentInfo = map.optional("add_environment_info")?.boolean() ?? false
            read.maxIterations = map.optional("max_iterations")?.integer(in: 0...10_000)
            read.numHistoryItems = map.optional("num_history_items")?.integer(in: 0...100_000)
            read.commands = map.optional("commands").map(readCommands) ?? []
            if model != nil { agent = read }
        }
        return agent
    }

    /// `commands`: names to prompts, names to `{description, instruction}`, or a list of
    /// one-key mappings.
    private static func readCommands(_ value: YAMLValue) -> [AgentCommand] {
        var entries: [YAMLMapping.Entry] = []
        if value.node.sequence != nil {
            for element in value.sequence() ?? [] {
                element.mapping { map in
                    let all = map.takeAll()
                    if all.count != 1 { element.report("each command of the list is a mapping of one name") }
                    entries += all
                }
            }
        } else {
            value.mapping { map in entries = map.takeAll() }
        }
        return entries.compactMap { entry in
            if entry.value.isMapping {
                var command: AgentCommand?
                entry.value.mapping { map in
                    let description = map.optional("description")?.string(allowEmpty: true)
                    if let instruction = map.required("instruction")?.string() {
                        command = AgentCommand(name: entry.name, description: description, instruction: instruction)
                    }
                }
                return command
            }
            return entry.value.string().map { AgentCommand(name: entry.name, instruction: $0) }
        }
    }

    /// Names of agents, models and toolsets: what a path segment and a session may carry.
    static func validName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "-_.".unicodeScalars.contains($0)
            }
    }
}
