import ArgumentParser

/// The `gatehouse` command line.
@main
struct Gatehouse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse",
        abstract: "A self-hosted governance plane for AI-assisted software development.",
        subcommands: [
            Serve.self, ConfigCommand.self, PolicyCommand.self, AuditCommand.self, TokenCommand.self, Login.self,
            Logout.self, SandboxCommand.self, ImageCommand.self, VulnDBCommand.self, MCPCommand.self,
            ModelCommand.self, UsageCommand.self, AgentCommand.self,
        ]
    )
}
