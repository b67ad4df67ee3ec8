import Foundation

/// The system prompt of an agent: its instruction, its toolsets' instructions, whom it may
/// delegate to, and (when asked) the date and the environment.
enum SystemPrompt {
    static func text(
        for agent: AgentDefinition, in file: AgentFile, toolboxes: [LoadedToolbox], settings: RunSettings
    ) -> String {
        var parts: [String] = []
        if let instruction = agent.instruction, !instruction.isEmpty { parts.append(instruction) }
        for toolbox in toolboxes {
            if let instruction = toolbox.instruction, !instruction.isEmpty { parts.append(instruction) }
        }
        if !agent.subAgents.isEmpty {
            let lines = agent.subAgents.map { name in
                "- \(name): \(file.agent(named: name)?.description ?? "no description")"
            }
            parts.append(
                "You can hand a task to one of these agents with the transfer_task tool; its answer comes back to you:\n"
                    + lines.joined(separator: "\n"))
        }
        if !agent.handoffs.isEmpty {
            let lines = agent.handoffs.map { name in
                "- \(name): \(file.agent(named: name)?.description ?? "no description")"
            }
            parts.append(
                "You can hand the conversation over to one of these agents with the handoff tool:\n"
                    + lines.joined(separator: "\n"))
        }
        if agent.addDate {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.timeZone = TimeZone(identifier: "UTC")
            parts.append("Today's date: \(formatter.string(from: settings.now())).")
        }
        if agent.addEnvironmentInfo {
            parts.append(
                "Environment: working directory /workspace (the user's workspace \(settings.workspace ?? "is not set")), OS Linux."
            )
        }
        return parts.joined(separator: "\n\n")
    }
}
