import GatehouseCore

/// Streamed OpenAI tool-call fragments, assembled by `index`: the id and name arrive once,
/// the arguments in pieces. Bounded in calls and argument bytes.
struct ToolCallAccumulator: Sendable {
    static let maxCalls = 128

    private struct Call: Sendable {
        var id = ""
        var name = ""
        var arguments = ""
    }

    private var calls: [Int: Call] = [:]
    private var lastIndex = 0

    /// Whether nothing is pending.
    var isEmpty: Bool { calls.isEmpty }

    /// Adds the fragments of one `delta.tool_calls` array.
    mutating func add(_ fragments: [JSONValue]) throws(GatehouseError) {
        for fragment in fragments {
            let index: Int
            if let given = fragment["index"]?.intValue {
                guard (0..<Int64(Self.maxCalls)).contains(given) else {
                    throw .engine("delta.tool_calls index must be within 0..<\(Self.maxCalls)")
                }
                index = Int(given)
            } else {
                index = lastIndex
            }
            lastIndex = index
            var call = calls[index] ?? Call()
            if let id = fragment["id"]?.stringValue, !id.isEmpty { call.id = id }
            if let name = fragment["function"]?["name"]?.stringValue, !name.isEmpty, call.name.isEmpty {
                call.name = name
            }
            switch fragment["function"]?["arguments"] {
            case .string(let piece)?: call.arguments += piece
            case .object(let members)?: call.arguments += JSONValue.object(members).text
            default: break
            }
            guard call.arguments.utf8.count <= OllamaToolCall.maxArgumentBytes else {
                throw .engine("tool call \(index) arguments exceed \(OllamaToolCall.maxArgumentBytes) bytes")
            }
            calls[index] = call
        }
    }

    /// The assembled calls in index order, as Ollama tool calls; empties the accumulator.
    mutating func drain() throws(GatehouseError) -> [JSONValue] {
        defer { calls.removeAll() }
        var out: [JSONValue] = []
        for index in calls.keys.sorted() {
            guard let call = calls[index] else { continue }
            guard !call.name.isEmpty else { throw .engine("tool call \(index) has no function name") }
            let arguments = try OllamaToolCall.parseArguments(call.arguments, path: "tool call \(index) arguments")
            out.append(OllamaToolCall.make(id: call.id, index: index, name: call.name, arguments: arguments))
        }
        return out
    }
}
