import GatehouseAgents
import GatehouseCore

/// A call of `name` with `arguments`, for tests.
func invocation(_ name: String, _ arguments: JSONValue) -> ToolInvocation {
    ToolInvocation(name: name, arguments: arguments, callID: "c1", sessionID: "s1", agent: "root")
}
