import GatehouseCore

/// The `think` toolset: a scratchpad where the model writes down its reasoning. The thoughts of
/// each session are kept, and every call answers with all of them.
public actor ThinkToolbox: AgentToolbox {
    private var thoughts: [String: [String]] = [:]

    /// A scratchpad with no thoughts yet.
    public init() {}

    /// The `think` tool.
    public func tools() -> [ToolDefinition] {
        [
            ToolDefinition(
                name: "think",
                description: """
                    Use the tool to think about something. It will not obtain new information or change \
                    anything, but just append the thought to a log. Use it when complex reasoning or some \
                    cache memory is needed.
                    """,
                parameters: ToolSchema.object(
                    ["thought": ToolSchema.string("The thought to think about")], required: ["thought"]),
                readOnly: true)
        ]
    }

    /// Records the thought and answers with all the session's thoughts.
    public func call(_ invocation: ToolInvocation) async throws -> ToolOutput {
        guard invocation.name == "think" else { return .unknownTool(invocation.name) }
        return try await ToolOutput.guarding {
            let thought = try ToolArguments(invocation).string("thought")
            thoughts[invocation.sessionID, default: []].append(thought)
            let all = thoughts[invocation.sessionID, default: []]
            return ToolOutput("Thoughts:\n" + all.joined(separator: "\n"))
        }
    }
}
