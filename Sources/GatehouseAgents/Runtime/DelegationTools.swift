import GatehouseCore

/// The tools an agent gets for its `sub_agents` and `handoffs`, named and shaped as docker-agent's.
enum DelegationTools {
    static let transfer = "transfer_task"
    static let handoff = "handoff"

    static func definitions(for agent: AgentDefinition) -> [ToolDefinition] {
        var tools: [ToolDefinition] = []
        if !agent.subAgents.isEmpty {
            tools.append(
                ToolDefinition(
                    name: transfer,
                    description: "Hand a task to another agent; its final answer comes back as this tool's result.",
                    parameters: [
                        "type": "object",
                        "properties": [
                            "agent": [
                                "type": "string", "description": "The agent to hand the task to.",
                                "enum": .array(agent.subAgents.map(JSONValue.string)),
                            ],
                            "task": ["type": "string", "description": "What the agent should do."],
                            "expected_output": ["type": "string", "description": "What the answer should look like."],
                        ],
                        "required": ["agent", "task", "expected_output"],
                    ], readOnly: true))
        }
        if !agent.handoffs.isEmpty {
            tools.append(
                ToolDefinition(
                    name: handoff, description: "Hand the conversation over to another agent.",
                    parameters: [
                        "type": "object",
                        "properties": [
                            "agent": [
                                "type": "string", "description": "The agent to hand over to.",
                                "enum": .array(agent.handoffs.map(JSONValue.string)),
                            ]
                        ],
                        "required": ["agent"],
                    ], readOnly: true))
        }
        return tools
    }
}
