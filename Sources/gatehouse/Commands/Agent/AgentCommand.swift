import ArgumentParser

/// `gatehouse agent`: agent files (docker-agent's format) run under Gatehouse's governance.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Validate, run, list, push and pull agent files.",
        subcommands: [
            AgentValidate.self, AgentRun.self, AgentSessions.self, AgentShow.self, AgentPush.self, AgentPull.self,
        ])
}
