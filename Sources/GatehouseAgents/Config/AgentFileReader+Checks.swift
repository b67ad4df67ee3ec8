import GatehouseCore
import Yams

extension AgentFileReader {
    /// Cross references: sub-agents and handoffs name other agents of the file, models resolve,
    /// `ref`s without `docker:` name an entry of `mcps`, and delegation has no cycle (a cycle
    /// would let agents hand the same task around without end).
    static func check(_ file: AgentFile, agents value: YAMLValue) {
        let names = Set(file.agents.map(\.name))
        let entries = Dictionary(
            (value.node.mapping.map(Array.init) ?? []).compactMap { key, node in
                key.string.map { ($0, value.child(node, path: YAMLPath.key($0, in: value.path))) }
            }, uniquingKeysWith: { first, _ in first })
        for agent in file.agents {
            let at = entries[agent.name] ?? value
            for (key, list) in [("sub_agents", agent.subAgents), ("handoffs", agent.handoffs)] {
                for name in list {
                    if name == agent.name {
                        at.report("\(key) names the agent itself")
                    } else if !names.contains(name) {
                        let hint = DidYouMean.hint(for: name, among: Array(names)).map { " (\($0))" } ?? ""
                        at.report("\(key) names \(ConfigEcho.quoted(name)), which is not an agent of this file\(hint)")
                    }
                }
            }
            if let problem = ModelReference.problem(agent.model, in: file) { at.report(problem) }
            for (index, toolset) in agent.toolsets.enumerated() where toolset.kind == .mcp {
                if let ref = toolset.ref, !ref.hasPrefix("docker:"), file.mcps[ref] == nil {
                    at.report(
                        "toolsets[\(index)].ref \(ConfigEcho.quoted(ref)) is not docker:NAME nor an entry of mcps")
                }
            }
        }
        if let cycle = delegationCycle(file) {
            value.report("sub_agents form a cycle: \(cycle.joined(separator: " -> "))")
        }
    }

    private static func delegationCycle(_ file: AgentFile) -> [String]? {
        let edges = Dictionary(file.agents.map { ($0.name, $0.subAgents) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if state[name] == 2 { return nil }
            if state[name] == 1, let start = path.firstIndex(of: name) { return Array(path[start...]) + [name] }
            state[name] = 1
            path.append(name)
            for next in edges[name] ?? [] where edges[next] != nil {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            state[name] = 2
            return nil
        }
        for agent in file.agents {
            if let cycle = visit(agent.name) { return cycle }
        }
        return nil
    }
}
