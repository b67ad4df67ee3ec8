import GatehouseCore

/// Ollama chat messages to OpenAI ones.
enum OllamaMessages {
    static let roles: Set<String> = ["system", "user", "assistant", "tool"]

    /// Converts messages: tool-call arguments objects become JSON strings with ids; tool results
    /// get `name` from `tool_name` and the `tool_call_id` of the call they answer.
    static func toOpenAI(_ items: [JSONValue]) throws(GatehouseError) -> [JSONValue] {
        var out: [JSONValue] = []
        var nextID = 0
        var pending: [(id: String, name: String)] = []
        for (index, item) in items.enumerated() {
            let path = "messages[\(index)]"
            guard let message = item.objectValue else { throw .bad("\(path) must be an object") }
            guard let role = message["role"]?.stringValue, roles.contains(role) else {
                throw .bad("\(path).role must be one of system, user, assistant, tool")
            }
            if let images = message["images"], images != .null, images != [] {
                throw .bad("\(path).images are not supported")
            }
            var result: [String: JSONValue] = ["role": .string(role)]
            switch message["content"] {
            case nil, .null?: result["content"] = ""
            case .string(let text)?: result["content"] = .string(text)
            default: throw .bad("\(path).content must be a string")
            }
            if role == "assistant", let calls = message["tool_calls"], calls != .null {
                let converted = try toolCalls(calls, path: "\(path).tool_calls", nextID: &nextID)
                pending = converted.map { ($0["id"]?.stringValue ?? "", $0["function"]?["name"]?.stringValue ?? "") }
                if !converted.isEmpty { result["tool_calls"] = .array(converted) }
            }
            if role == "tool" {
                let name = message["tool_name"]?.stringValue ?? message["name"]?.stringValue
                if let name { result["name"] = .string(name) }
                if let id = message["tool_call_id"]?.stringValue {
                    result["tool_call_id"] = .string(id)
                    pending.removeAll { $0.id == id }
                } else if let match = pending.firstIndex(where: { name == nil || $0.name == name }) {
                    result["tool_call_id"] = .string(pending.remove(at: match).id)
                }
            }
            out.append(.object(result))
        }
        return out
    }

    /// Ollama `tool_calls` (`{function: {name, arguments: {…}}}`) to OpenAI ones
    /// (`{id, type: "function", function: {name, arguments: "{…}"}}`).
    static func toolCalls(_ value: JSONValue, path: String, nextID: inout Int) throws(GatehouseError) -> [JSONValue] {
        guard let calls = value.arrayValue, calls.count <= 128 else {
            throw .bad("\(path) must be an array of at most 128 calls")
        }
        var out: [JSONValue] = []
        for (index, call) in calls.enumerated() {
            let here = "\(path)[\(index)]"
            guard let function = call["function"], function.objectValue != nil else {
                throw .bad("\(here).function must be an object")
            }
            guard let name = function["name"]?.stringValue, !name.isEmpty else {
                throw .bad("\(here).function.name must be a non-empty string")
            }
            let arguments: String
            switch function["arguments"] {
            case nil, .null?: arguments = "{}"
            case .object(let members)?: arguments = JSONValue.object(members).text
            default: throw .bad("\(here).function.arguments must be an object")
            }
            let id: String
            if let given = call["id"]?.stringValue, !given.isEmpty {
                id = given
            } else {
                id = "call_\(nextID)"
                nextID += 1
            }
            out.append([
                "id": .string(id), "type": "function",
                "function": ["name": .string(name), "arguments": .string(arguments)],
            ])
        }
        return out
    }
}
