import GatehouseCore

/// A toolset's `tools:` allow-list: wraps any toolbox and offers only the listed tools; a call
/// of another is answered with an error output.
public struct ToolFilter: AgentToolbox {
    /// The wrapped toolbox.
    public let base: any AgentToolbox
    /// The names of the tools offered.
    public let allowed: Set<String>

    /// `base`, offering only the tools named in `tools`.
    public init(_ base: any AgentToolbox, tools: [String]) {
        self.base = base
        self.allowed = Set(tools)
    }

    /// The wrapped toolbox's tools that are allowed.
    public func tools() async throws -> [ToolDefinition] {
        try await base.tools().filter { allowed.contains($0.name) }
    }

    /// Passes an allowed call on; refuses any other.
    public func call(_ invocation: ToolInvocation) async throws -> ToolOutput {
        guard allowed.contains(invocation.name) else {
            return .failure("the tool '\(invocation.name)' is not available to this agent")
        }
        return try await base.call(invocation)
    }
}
