import GatehouseCore
import Metrics

/// `gatehouse_tool_calls_total{server, outcome}`: MCP tool calls from `/mcp` and from agents,
/// by server (the catalog's names) and outcome (`ok`, `refused` by a rule, `error`).
enum ToolCallMetrics {
    static func record(server: String, outcome: String) {
        Counter(label: "gatehouse_tool_calls_total", dimensions: [("server", server), ("outcome", outcome)])
            .increment()
    }

    /// The outcome of a call that threw: refused by the policy or a gateway rule, else failed.
    static func outcome(of error: any Error) -> String {
        (error as? GatehouseError)?.code == .forbidden ? "refused" : "error"
    }
}
